// The peer tree: Shoelace 2's <sl-tree>, nested items for the first N divisions in code
// order, all expanded. It creates every item in the DOM, so it is measured up to 10,000.
import '@shoelace-style/shoelace/dist/components/tree/tree.js';
import '@shoelace-style/shoelace/dist/components/tree-item/tree-item.js';
import { frames, loadCountry, report } from './common.ts';

report(async () => {
  const n = Number(new URL(location.href).searchParams.get('n') ?? 1000);
  const hierarchy = await loadCountry();
  await frames();
  const t0 = performance.now();
  const tree = document.createElement('sl-tree');
  const items: Array<HTMLElement & { updateComplete: Promise<unknown> }> = [];
  const stack: HTMLElement[] = [tree];
  for (let i = 0; i < n; i++) {
    const depth = hierarchy.levelAt(i);
    stack.length = depth + 1;
    const item = document.createElement('sl-tree-item') as (typeof items)[number];
    item.textContent = hierarchy.nameAt(i);
    item.setAttribute('expanded', '');
    stack[depth]!.append(item);
    stack[depth + 1] = item;
    items.push(item);
  }
  document.body.append(tree);
  await Promise.all(items.map((i) => i.updateComplete));
  await frames();
  return { firstPaint: performance.now() - t0, items: n };
});
