/**
 * What every gualian widget must do, written once and run from each widget's test: keyboard
 * use with a visible focus ring, no axe violations, the three languages, large-text mode,
 * hostile division names rendered as text, and loading failures shown as text.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Hierarchy, type Lang } from '@gualian/core';
import { translate, type MessageKey } from './messages.js';
import type { GualianElement } from '../gualian-element.js';
import { deepActiveElement, mount, ready, shownText, unmountAll } from './mount.js';

/** How the shared suites drive one widget. */
export interface WidgetHarness<T extends GualianElement> {
  /** The registered tag. */
  tag: keyof HTMLElementTagNameMap;
  /** Attributes and properties that give the widget real data to show. */
  data(): Promise<{ attributes?: Record<string, string | boolean>; properties?: Partial<T> }>;
  /** Wait until the widget has drawn its data (a virtual list renders after layout). */
  shown?(el: T): Promise<void>;
  /** Message keys the widget's own labels use, checked in every language. */
  labels: readonly MessageKey[];
  /**
   * Operate the widget with the keyboard alone (focus is already inside it, on the first
   * control Tab reached) and assert the result.
   */
  keyboard(el: T): Promise<void>;
  /** Show the deepest divisions of the given (hostile) hierarchy, however the widget does it. */
  reveal(el: T, deepest: string): Promise<void>;
}

/**
 * Names an attacker might slip into a division file; all must show as text.
 * @example
 * expect(shownText(el)).to.include(HOSTILE_NAMES[0]);
 */
export const HOSTILE_NAMES = [
  '<img src=x onerror="window.__gualianXss=1">',
  '<script>window.__gualianXss=2</script>',
  '"><svg onload="window.__gualianXss=3">',
  "'); window.__gualianXss=4; ('",
  '<b>粗体</b>&amp;{{7*7}}',
] as const;

/**
 * Real codes (云南省 down to 泼机村) carrying the hostile names.
 * @example
 * picker.hierarchy = hostileHierarchy();
 * picker.value = '530627102201';
 */
export function hostileHierarchy(): Hierarchy {
  const codes = ['53', '5306', '530627', '530627102', '530627102201'];
  return Hierarchy.fromDivisions(codes.map((code, i) => ({ code, name: HOSTILE_NAMES[i]! })), 'hostile');
}

const LANGS: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];

/**
 * Run the shared suites against a widget.
 * @example
 * widgetSuites<GualianRegionPicker>('gualian-region-picker', {
 *   tag: 'gualian-region-picker',
 *   data: async () => ({ attributes: { src: '/site/data/2023/5306.json' } }),
 *   labels: ['ui.search', 'levelName.province'],
 *   keyboard: async (el) => { … },
 *   reveal: async (el, code) => { el.value = code; await el.updateComplete; },
 * });
 */
export function widgetSuites<T extends GualianElement>(name: string, harness: WidgetHarness<T>): void {
  const create = async (extra: Record<string, string | boolean> = {}, props: Partial<T> = {}, container: { lang?: string } = {}): Promise<T> => {
    const { attributes = {}, properties = {} } = await harness.data();
    const el = (await mount(harness.tag, { ...attributes, ...extra }, { ...properties, ...props } as never, container)) as unknown as T;
    await ready(el);
    await harness.shown?.(el);
    return el;
  };

  describe(`${name}: what every gualian widget must do`, function () {
    this.timeout(120_000);
    afterEach(unmountAll);

    it('can be reached and operated with the keyboard alone, with a visible focus ring', async () => {
      const el = await create();
      (el.parentElement!.querySelector('#before') as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      const focused = deepActiveElement();
      expect(focused, 'Tab moves focus into the widget').to.not.equal(null);
      expect(el.shadowRoot!.contains(focused), 'the focused element is inside the widget').to.equal(true);
      const ring = getComputedStyle(focused!);
      expect(ring.outlineStyle, 'focus ring style').to.not.equal('none');
      expect(parseFloat(ring.outlineWidth), 'focus ring width in px').to.be.at.least(2);
      await harness.keyboard(el);
    });

    it('has no axe violations', async () => {
      const el = await create();
      await expect(el).to.be.accessible();
    });

    it('speaks zh-Hans, zh-Hant and en, following its lang attribute', async () => {
      const el = await create({ lang: 'zh-Hans' });
      for (const lang of [...LANGS, 'zh-Hans' as const]) {
        el.setAttribute('lang', lang === 'zh-Hant' ? 'zh-TW' : lang);
        await el.updateComplete;
        expect(el.resolvedLang).to.equal(lang);
        const text = shownText(el);
        for (const key of harness.labels) expect(text, `${key} in ${lang}`).to.include(translate(key, lang));
        for (const other of LANGS.filter((l) => l !== lang)) {
          for (const key of harness.labels) {
            const foreign = translate(key, other);
            if (foreign !== translate(key, lang)) expect(text, `no ${other} ${key} in ${lang}`).to.not.include(foreign);
          }
        }
      }
    });

    it('follows the lang of its nearest ancestor and of the document', async () => {
      const el = await create({}, {}, { lang: 'en' });
      expect(el.resolvedLang).to.equal('en');
      el.parentElement!.lang = 'zh-HK';
      await waitUntil(() => el.resolvedLang === 'zh-Hant', 'the ancestor’s new lang is followed');
      await el.updateComplete;
      expect(shownText(el)).to.include(translate(harness.labels[0]!, 'zh-Hant'));
      el.parentElement!.removeAttribute('lang');
      const html = document.documentElement;
      const before = html.getAttribute('lang');
      try {
        html.lang = 'en-GB';
        await waitUntil(() => el.resolvedLang === 'en', 'the document’s lang is followed');
        await el.updateComplete;
        expect(shownText(el)).to.include(translate(harness.labels[0]!, 'en'));
      } finally {
        if (before === null) html.removeAttribute('lang');
        else html.lang = before;
      }
    });

    it('in large-text mode shows every text at 18pt (24px) or more, line height ≥ 1.3, targets ≥ 44px', async () => {
      const normal = await create();
      const large = await create({ 'large-text': true });
      const texts = textElements(large);
      expect(texts.length, 'text-bearing elements').to.be.greaterThan(3);
      for (const node of texts) {
        const style = getComputedStyle(node);
        const size = parseFloat(style.fontSize);
        expect(size, `font-size of <${node.localName}> “${node.textContent?.trim().slice(0, 20)}”`).to.be.at.least(24);
        // Chromium pins a select's line-height to normal; it shows a single line anyway.
        if (node.localName === 'select') continue;
        expect(style.lineHeight, `line-height of <${node.localName}>`).to.match(/px$/);
        expect(parseFloat(style.lineHeight) / size, `line spacing of <${node.localName}>`).to.be.at.least(1.3);
      }
      for (const control of large.shadowRoot!.querySelectorAll<HTMLElement>('button, input, select, [role="treeitem"], [role="option"]')) {
        if (control.getClientRects().length === 0) continue;
        expect(control.getBoundingClientRect().height, `height of <${control.localName}>`).to.be.at.least(44);
      }
      // The mode must be what makes the difference, or this test proves nothing.
      const smallest = Math.min(...textElements(normal).map((n) => parseFloat(getComputedStyle(n).fontSize)));
      expect(smallest).to.be.below(24);
    });

    it('renders hostile division names as text, creating no element from them', async () => {
      delete (window as { __gualianXss?: number }).__gualianXss;
      const el = await create({}, { hierarchy: hostileHierarchy() } as Partial<T>);
      await harness.reveal(el, '530627102201');
      await waitUntil(() => HOSTILE_NAMES.every((name) => shownText(el).includes(name)), 'every hostile name shown as text');
      expect(el.shadowRoot!.querySelectorAll('img, script, svg, b').length).to.equal(0);
      expect((window as { __gualianXss?: number }).__gualianXss).to.equal(undefined);
    });

    it('shows a pack that fails to load as a text message, in the current language', async () => {
      const el = (await mount(harness.tag, { src: '/site/data/2023/no-such-pack.json', lang: 'en' })) as unknown as T;
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="status"][role="alert"]') !== null, 'an error message', { timeout: 30_000 });
      const message = el.shadowRoot!.querySelector('[part~="status"]')!.textContent!;
      expect(message).to.include(translate('ui.loadFailed', 'en', { reason: '' }).trim());
      expect(message).to.include('404');
    });
  });
}

/** Elements holding text directly, and the form controls (whose text the browser draws). */
function textElements(el: Element): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
    if (node.getClientRects().length === 0 || getComputedStyle(node).visibility === 'hidden') continue;
    const ownText = [...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim() !== '');
    if (ownText || node.matches('input, select, button')) out.push(node);
  }
  return out;
}
