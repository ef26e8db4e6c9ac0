/**
 * The script-tag bundle's entry: it defines each gualian element the first time its tag is in
 * the page, by importing that widget's chunk then (Lit, the core and the widget's code come
 * with it, once, shared between widgets). A portal page that shows one widget loads one
 * widget's code, not all of them. Tags written in the HTML are found when the bundle runs;
 * tags added later (by a portal's own script, or a server-rendered fragment swapped in) are
 * found by a `MutationObserver` on the document.
 *
 * Properties a page sets on an element before its definition arrives are kept (Lit upgrades
 * them into its reactive properties). A script that calls a widget's methods waits for it:
 * `await customElements.whenDefined('gualian-coverage-board')`.
 *
 * npm users import `@gualian/elements/define.js` (everything) or a widget's `define.js` instead.
 * @internal
 */

/** Each tag and how to load the module that defines it. Literal specifiers, so bundlers make a chunk of each. */
export const WIDGET_LOADERS: Readonly<Record<string, () => Promise<unknown>>> = {
  'gualian-region-picker': () => import('./region-picker/define.js'),
  'gualian-hierarchy-tree': () => import('./hierarchy-tree/define.js'),
  'gualian-coverage-board': () => import('./coverage-board/define.js'),
  'gualian-visit-log': () => import('./visit-log/define.js'),
  'gualian-pairing-roster': () => import('./pairing-roster/define.js'),
  'gualian-score-sheet': () => import('./score-sheet/define.js'),
  'gualian-review-queue': () => import('./review-queue/define.js'),
  'gualian-leaderboard': () => import('./leaderboard/define.js'),
  'gualian-rubric-editor': () => import('./rubric-editor/define.js'),
  'gualian-case-board': () => import('./case-board/define.js'),
  'gualian-case-timeline': () => import('./case-timeline/define.js'),
  'gualian-workorder-stats': () => import('./workorder-stats/define.js'),
  'gualian-resolution-levels': () => import('./resolution-levels/define.js'),
};

const requested = new Set<string>();

/** Load the definition of every gualian tag under `root` (and `root` itself) not yet defined. */
function discover(root: Element | Document): void {
  const found: Element[] = root instanceof Element && !customElements.get(root.localName) ? [root] : [];
  found.push(...root.querySelectorAll(':not(:defined)'));
  for (const element of found) {
    const tag = element.localName;
    const load = WIDGET_LOADERS[tag];
    if (load === undefined || requested.has(tag)) continue;
    requested.add(tag);
    load().catch((error: unknown) => {
      requested.delete(tag);
      console.error(`gualian: <${tag}> could not be loaded (is the bundle-chunks/ folder next to the bundle?).`, error);
    });
  }
}

if (typeof document !== 'undefined') {
  discover(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) discover(node as Element);
  }).observe(document, { childList: true, subtree: true });
}
