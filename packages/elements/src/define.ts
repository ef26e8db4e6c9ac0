// Registers every gualian element (guarded, so two copies on one page do not throw), for npm
// users who want them all. The script-tag bundle instead loads each widget when its tag
// appears (autoload.ts).
import './region-picker/define.js';
import './hierarchy-tree/define.js';
import './coverage-board/define.js';
import './visit-log/define.js';
import './pairing-roster/define.js';
import './score-sheet/define.js';
import './review-queue/define.js';
import './leaderboard/define.js';
import './rubric-editor/define.js';
import './case-board/define.js';
import './case-timeline/define.js';
import './workorder-stats/define.js';
import './resolution-levels/define.js';
