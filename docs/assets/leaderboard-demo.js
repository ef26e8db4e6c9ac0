// The live demo of <gualian-leaderboard>: Zhaotong's real 2023 divisions, a 2024 roster from the
// core's seeded demo generator (faults planted) and the example rubric. The board scores the
// period it is asked for (and the one before, for the movement) with the core itself. A second
// rubric, the example with 优秀 from 80 points, makes the 20% quota bind so that the board has
// someone to list as moved by it. Everything is written as text (textContent): names are data.
import { Roster } from './gualian-core-pairing.js';
import { EXAMPLE_CADRE_RUBRIC, parseRubric } from './gualian-core-assessment.js';
import { zhaotongDemo, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const board = document.getElementById('lb-demo');
const quotaToggle = document.querySelector('[data-demo-quota]');
const status = document.getElementById('lb-demo-status');

const say = statusLine(status);

/** The example rubric with a lower bar for 优秀 (80): about half the cadres reach it, the quota keeps 20%. */
function generousRubric() {
  const copy = JSON.parse(JSON.stringify(EXAMPLE_CADRE_RUBRIC));
  return parseRubric({
    ...copy,
    id: 'example-paired-cadre-80',
    name: `${copy.name}（优秀线 80 分）`,
    grades: copy.grades.map((g) => (g.id === 'excellent' ? { ...g, min: 80 } : g.id === 'pass' ? { ...g, max: 80 } : g)),
  });
}

async function start() {
  if (!board) return;
  const loaded = await zhaotongDemo(YEAR, (error) => {
    say(`演示名单无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo roster could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { zhaotong, demo } = loaded;
  const roster = Roster.from(zhaotong, demo);
  const generous = generousRubric();
  board.years = [YEAR - 1, YEAR];
  board.roster = roster;
  board.rubric = EXAMPLE_CADRE_RUBRIC;
  if (quotaToggle) {
    quotaToggle.disabled = false;
    quotaToggle.addEventListener('click', () => {
      const on = quotaToggle.getAttribute('aria-pressed') !== 'true';
      quotaToggle.setAttribute('aria-pressed', String(on));
      board.rubric = on ? generous : EXAMPLE_CADRE_RUBRIC;
      // The quota applies to a year's grades; show the year when it is asked for.
      if (on) board.period = String(YEAR);
    });
  }
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示名单：${count(demo.cadres.length)} 名干部、${count(demo.visits.length)} 次走访（${YEAR} 年），按示例评分标准计分。`,
    `Demo roster: ${count(demo.cadres.length)} cadres and ${count(demo.visits.length)} visits in ${YEAR}, scored with the example rubric.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
