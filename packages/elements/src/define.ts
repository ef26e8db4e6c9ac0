// Registers every gualian element (guarded, so two copies on one page do not throw). The entry
// of the script-tag bundle.
import './region-picker/define.js';
import './hierarchy-tree/define.js';
