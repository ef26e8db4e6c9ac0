// The live demo of <gualian-rubric-editor>: the core's example rubric, previewed on the 2024
// facts of Zhaotong's seeded demo roster (real 2023 divisions, faults planted). A leaderboard of
// the counties follows the editor: every valid edit re-scores it. Event lines are written as
// text (textContent): rubric labels are data.
import { Roster } from './gualian-core-pairing.js';
import { EXAMPLE_CADRE_RUBRIC } from './gualian-core-assessment.js';
import { zhaotongDemo, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const editor = document.getElementById('re-demo');
const board = document.getElementById('re-board');
const log = document.getElementById('re-demo-log');
const status = document.getElementById('re-demo-status');
const MAX_LINES = 30;

const say = statusLine(status);

function logLine(text) {
  if (!log) return;
  const time = new Date().toTimeString().slice(0, 8);
  const lines = log.textContent === '' ? [] : log.textContent.split('\n');
  lines.unshift(`${time}  ${text}`);
  log.textContent = lines.slice(0, MAX_LINES).join('\n');
}

async function start() {
  if (!editor) return;
  const loaded = await zhaotongDemo(YEAR, (error) => {
    say(`演示名单无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo roster could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { zhaotong, demo } = loaded;
  const roster = Roster.from(zhaotong, demo);
  editor.rubric = EXAMPLE_CADRE_RUBRIC;
  editor.roster = roster;
  if (board) {
    board.roster = roster;
    board.rubric = EXAMPLE_CADRE_RUBRIC;
  }
  editor.addEventListener('gualian-rubric-change', (event) => {
    const { rubric } = event;
    const items = rubric.sections.reduce((n, s) => n + s.items.length, 0);
    logLine(`gualian-rubric-change  rubric=${rubric.name} (${rubric.id})  sections=${rubric.sections.length}  items=${items}  grades=${rubric.grades.map((g) => `${g.label} ${g.min}–${g.max}`).join(', ')}`);
    if (board) board.rubric = rubric;
  });
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示数据：${count(demo.cadres.length)} 名干部 ${YEAR} 年的走访记录；预览和下面的排名都按编辑中的评分标准计算。`,
    `Demo data: the ${YEAR} records of ${count(demo.cadres.length)} cadres; the preview and the ranking below follow the rubric being edited.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
