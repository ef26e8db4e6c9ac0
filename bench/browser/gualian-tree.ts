// gualian's tree given the whole country, every node expanded: 665,276 visible rows.
import { GualianHierarchyTree } from '../../packages/elements/src/index.ts';
import '../../packages/elements/src/hierarchy-tree/define.ts';
import { frames, loadCountry, report } from './common.ts';

report(async () => {
  const hierarchy = await loadCountry();
  const expandAll = new URL(location.href).searchParams.get('expand') !== 'none';
  await frames();
  const t0 = performance.now();
  const tree = document.createElement('gualian-hierarchy-tree') as GualianHierarchyTree;
  tree.setAttribute('expand-depth', expandAll ? '6' : '0');
  tree.hierarchy = hierarchy;
  document.body.append(tree);
  await tree.updateComplete;
  await frames();
  const firstPaint = performance.now() - t0;
  const rows = tree.shadowRoot!.querySelectorAll('[role="treeitem"]').length;
  const text = tree.shadowRoot!.textContent ?? '';
  return { firstPaint, renderedRows: rows, sawBeijing: text.includes('北京市'), divisions: hierarchy.size };
});
