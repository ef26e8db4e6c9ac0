/**
 * Test helpers shared by the widgets' tests: mounting an element with attributes and
 * properties, waiting for it to show data, and reading what it shows.
 */
import { waitUntil } from '@open-wc/testing';
import type { GualianElement } from '../gualian-element.js';

const mounted: HTMLElement[] = [];

/**
 * Create `tag` with attributes and properties inside a fresh container (with a button before
 * it, so Tab has somewhere to come from), attach it and wait for its first render.
 * @example
 * const picker = await mount('gualian-region-picker', { src: '/site/data/2023/index.json' });
 */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  container: { lang?: string } = {},
): Promise<HTMLElementTagNameMap[K]> {
  const box = document.createElement('div');
  if (container.lang !== undefined) box.lang = container.lang;
  const before = document.createElement('button');
  before.id = 'before';
  before.textContent = 'before';
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== false) el.setAttribute(name, value === true ? '' : value);
  Object.assign(el, properties);
  box.append(before, el);
  document.body.append(box);
  mounted.push(box);
  await (el as unknown as GualianElement).updateComplete;
  return el;
}

/**
 * Remove everything {@link mount} attached.
 * @example
 * afterEach(unmountAll);
 */
export function unmountAll(): void {
  for (const box of mounted.splice(0)) box.remove();
}

/**
 * Wait until the element shows data rather than a loading message.
 * @example
 * await ready(tree);
 */
export async function ready(el: GualianElement, message = 'the widget to show data'): Promise<void> {
  await waitUntil(() => el.shadowRoot !== null && el.shadowRoot.querySelector('[part~="status"]') === null && el.shadowRoot.childElementCount > 0, message, { timeout: 60_000 });
  await el.updateComplete;
}

/**
 * Everything the element shows or tells assistive technology: text, labels, placeholders.
 * @example
 * expect(shownText(picker)).to.include('昭通市');
 */
export function shownText(el: Element): string {
  const root = el.shadowRoot ?? el;
  const parts = [root.textContent ?? ''];
  for (const node of root.querySelectorAll('*')) {
    for (const attr of ['aria-label', 'placeholder', 'title']) {
      const value = node.getAttribute(attr);
      if (value) parts.push(value);
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}

/**
 * The element that has focus, looking through shadow roots.
 * @example
 * expect(picker.shadowRoot!.contains(deepActiveElement())).to.equal(true);
 */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Collect the events of one type an element fires.
 * @example
 * const changes = record(picker, 'gualian-change');
 */
export function record<K extends keyof GlobalEventHandlersEventMap>(el: EventTarget, type: K): GlobalEventHandlersEventMap[K][] {
  const seen: GlobalEventHandlersEventMap[K][] = [];
  el.addEventListener(type, (e) => seen.push(e as GlobalEventHandlersEventMap[K]));
  return seen;
}
