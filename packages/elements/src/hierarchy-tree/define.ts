// Registers <gualian-hierarchy-tree>; guarded so two copies of the bundle on one page do not throw.
import { GualianHierarchyTree } from './hierarchy-tree.js';

customElements.get('gualian-hierarchy-tree') ?? customElements.define('gualian-hierarchy-tree', GualianHierarchyTree);
