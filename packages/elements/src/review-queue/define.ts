// Registers <gualian-review-queue> and the <gualian-score-sheet> it shows; guarded so two
// copies of the bundle on one page do not throw.
import '../score-sheet/define.js';
import { GualianReviewQueue } from './review-queue.js';

customElements.get('gualian-review-queue') ?? customElements.define('gualian-review-queue', GualianReviewQueue);
