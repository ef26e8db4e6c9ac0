// Registers every gualian element (guarded, so two copies on one page do not throw). The entry
// of the script-tag bundle.
import './region-picker/define.js';
import './hierarchy-tree/define.js';
import './coverage-board/define.js';
import './visit-log/define.js';
import './pairing-roster/define.js';
import './score-sheet/define.js';
import './review-queue/define.js';
import './leaderboard/define.js';
import './rubric-editor/define.js';
