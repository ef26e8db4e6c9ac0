/**
 * Opening a page of tests/csp/ in an iframe: the test server sends those pages with the strict
 * Content-Security-Policy, which the test runner's own page cannot carry.
 */
import { expect, waitUntil } from '@open-wc/testing';

/** A CSP test page's window: the page module records violations and exposes what it set up. */
export type CspWindow = Window & typeof globalThis & { __cspViolations?: string[] };

/** Load `path` in an iframe of the given width and resolve once it has loaded. */
export function openCspPage(path: string, width = 1000): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.width = String(width);
  frame.height = '900';
  const loaded = new Promise<HTMLIFrameElement>((resolve) => frame.addEventListener('load', () => resolve(frame), { once: true }));
  frame.src = path;
  document.body.append(frame);
  return loaded;
}

/** A CSP test page whose module announces, in `__gualianReady`, when its widgets are set up. */
export type ReadyWindow = CspWindow & { __gualianReady?: Promise<void> };

/** An opened CSP page: its iframe, window and document. */
export interface CspPage<W extends ReadyWindow> {
  frame: HTMLIFrameElement;
  win: W;
  doc: Document;
}

/**
 * One CSP page for every test of a file: the returned function opens `path` the first time it
 * is called and waits for the page's `__gualianReady`; the page is removed after the file's tests.
 */
export function sharedCspPage<W extends ReadyWindow>(path: string, width = 1200): () => Promise<CspPage<W>> {
  let page: Promise<CspPage<W>> | null = null;
  after(async () => {
    if (page) (await page).frame.remove();
  });
  return () =>
    (page ??= (async () => {
      const frame = await openCspPage(path, width);
      const win = frame.contentWindow as W;
      await waitUntil(() => win.__gualianReady !== undefined, 'the page module ran', { timeout: 30_000 });
      await win.__gualianReady;
      return { frame, win, doc: frame.contentDocument! };
    })());
}

/** That the page's policy and its violation listener are live: a parsed style attribute must be reported. */
export async function expectStyleAttributeReported(win: CspWindow): Promise<void> {
  const probe = win.document.createElement('div');
  probe.innerHTML = '<span style="color: red">x</span>';
  win.document.body.append(probe);
  await waitUntil(() => (win.__cspViolations ?? []).length > 0, 'the probe’s violation reported');
  expect(win.__cspViolations![0]).to.match(/^style-src-attr/);
  probe.remove();
}
