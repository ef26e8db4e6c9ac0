// Registers <gualian-rubric-editor>; guarded so two copies of the bundle on one page do not throw.
import { GualianRubricEditor } from './rubric-editor.js';

customElements.get('gualian-rubric-editor') ?? customElements.define('gualian-rubric-editor', GualianRubricEditor);
