// The live demo of <gualian-case-board>: Zhaotong's real 2023 divisions and a year of dispute
// cases from the core's seeded generator (2024, seed 7). The board replays the record with the
// core itself; the demo user is a county handler, who may act on that county's cases in the
// timeline of an opened case. Everything is written as text (textContent): names are data.
import { zhaotongCases, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const board = document.getElementById('cb-demo');
const status = document.getElementById('cb-demo-status');

const say = statusLine(status);

async function start() {
  if (!board) return;
  const loaded = await zhaotongCases(YEAR, (error) => {
    say(`演示案件无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo cases could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { cases } = loaded;
  // The handler of 昭阳区 (530602), as the generator names the county's handlers.
  const handler = cases.events.find((e) => e.actor.role === 'handler' && e.actor.division === '530602')?.actor ?? null;
  board.events = cases.events;
  board.actor = handler;
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示案件：${count(cases.cases)} 件、${count(cases.events.length)} 条事件（${YEAR} 年）。当前用户：${handler ? `${handler.unit}（${handler.id}）` : '无'}。`,
    `Demo cases: ${count(cases.cases)} cases and ${count(cases.events.length)} events in ${YEAR}. Acting as ${handler ? handler.id : 'nobody'}.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
