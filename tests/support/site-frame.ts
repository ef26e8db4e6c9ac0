/**
 * The built docs pages running, each under the strict Content-Security-Policy the docs server
 * sends: the page is loaded into an iframe (srcdoc, with the policy as a <meta> tag and a probe
 * script that reports every violation and error), the widgets must render the real data, and
 * the pages' own scripts (display preferences, event logs, the CSV check, tree badges) must work.
 * Widget behaviour itself is tested in packages/elements; this only checks the docs use it right.
 */
import { expect } from 'chai';

export const SITE = '/site/';
// The policy of scripts/serve.mjs, less frame-ancestors (not allowed in a <meta> policy).
export const META_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'none'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";
export const PREFS_KEY = 'gualian-docs-prefs';

export interface LoadedPage {
  frame: HTMLIFrameElement;
  doc: Document;
  win: Window;
  violations: string[];
  errors: string[];
}

export const open: Array<() => void> = [];

export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeout = 30_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens a built page under the strict policy. */
export async function openPage(path: string): Promise<LoadedPage> {
  const res = await fetch(SITE + path);
  expect(res.status, path).to.equal(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const charset = /<meta charset="([\w-]+)">/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)))?.[1] ?? 'utf-8';
  const html = new TextDecoder(charset).decode(bytes);
  // <base> first (base-uri 'none' forbids it once the policy is on), then the policy, then the probe.
  const head = `<base href="${SITE}${path}"><meta http-equiv="Content-Security-Policy" content="${META_CSP}"><script src="/tests/site-csp-probe.js"></script>`;
  expect(html).to.match(/<head>/i);
  const violations: string[] = [];
  const errors: string[] = [];
  const frame = document.createElement('iframe');
  frame.width = '1200';
  frame.height = '900';
  // On screen: the tree is virtualised and renders only the rows it can see.
  Object.assign(frame.style, { position: 'fixed', top: '0', left: '0', border: '0', background: '#fff', zIndex: '1' });
  const onMessage = (e: MessageEvent) => {
    if (e.source !== frame.contentWindow || typeof e.data !== 'object' || e.data === null) return;
    const { gualianSiteProbe: kind, text } = e.data as { gualianSiteProbe?: string; text?: string };
    if (kind === 'violation') violations.push(String(text));
    else if (kind === 'error') errors.push(String(text));
  };
  window.addEventListener('message', onMessage);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = html.replace(/<head>/i, `<head>${head}`);
  document.body.append(frame);
  open.push(() => {
    window.removeEventListener('message', onMessage);
    frame.remove();
  });
  await loaded;
  const win = frame.contentWindow!;
  return { frame, doc: frame.contentDocument!, win, violations, errors };
}

/** All text under a node, shadow roots included (the widgets render into theirs). */
export function deepText(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) out += n.textContent ?? '';
    if (n.nodeType === Node.ELEMENT_NODE && (n as Element).shadowRoot) walk((n as Element).shadowRoot!);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out;
}

/** Scrolls a widget to the top of its frame: the tree renders only the rows on screen. */
export function show(el: Element): void {
  el.scrollIntoView({ block: 'start' });
}

export function widgetsOf(doc: Document): Element[] {
  return [...doc.querySelectorAll('*')].filter((e) => e.localName.startsWith('gualian-'));
}

/** Waits until every widget on the page has data on screen (or shows an error, which fails). */
export async function widgetsReady(p: LoadedPage): Promise<void> {
  for (const w of widgetsOf(p.doc)) {
    await waitFor(`<${w.localName} id=${w.id}> to render`, () => w.shadowRoot?.querySelector('select, [role="tree"], [role="alert"], [role="combobox"], table'));
    const alert = w.shadowRoot!.querySelector('[role="alert"]');
    expect(alert === null, `<${w.localName} id=${w.id}> error: ${alert?.textContent ?? ''}`).to.equal(true);
  }
}

export function shadowSelect(host: Element, n = 0): HTMLSelectElement {
  const select = host.shadowRoot?.querySelectorAll('select')[n];
  expect(select, `select ${n} of <${host.localName}>`).to.not.equal(undefined);
  return select as HTMLSelectElement;
}

export async function choose(host: Element, n: number, value: string): Promise<void> {
  const select = await waitFor(`option ${value}`, () => {
    const s = host.shadowRoot?.querySelectorAll('select')[n] as HTMLSelectElement | undefined;
    return s && [...s.options].some((o) => o.value === value) && !s.disabled ? s : null;
  });
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

