/**
 * Opening a page of tests/csp/ in an iframe: the test server sends those pages with the strict
 * Content-Security-Policy, which the test runner's own page cannot carry.
 */

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
