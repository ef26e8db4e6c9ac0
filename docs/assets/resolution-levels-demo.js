// The live demo of <gualian-resolution-levels>: Zhaotong's real 2023 divisions and a year of
// dispute cases from the core's seeded demo generator (seed 7), replayed by the core into the
// cases' states; the widget buckets the resolved ones and computes every share with the core.
// The county picker sets the widget's scope. Everything is written as text (textContent).
import { replayRecord } from './gualian-core-disputes.js';
import { statusLine, zhaotongCases } from './zhaotong-demo.js';

const YEAR = 2024;
const levels = document.getElementById('rl-demo');
const picker = document.getElementById('rl-demo-county');
const say = statusLine(document.getElementById('rl-demo-status'));

async function start() {
  if (!levels) return;
  const loaded = await zhaotongCases(YEAR, (error) => {
    say(`演示数据无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo data could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { zhaotong, cases } = loaded;
  const { states, refused } = replayRecord(cases.events, { hierarchy: zhaotong });
  levels.hierarchy = zhaotong;
  levels.states = [...states.values()];
  if (picker) {
    for (const county of zhaotong.childrenOf('5306')) {
      const option = document.createElement('option');
      option.value = county.code;
      option.textContent = county.name;
      picker.append(option);
    }
    picker.disabled = false;
    picker.addEventListener('change', () => {
      levels.scope = picker.value;
    });
  }
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示数据：${YEAR} 年 ${count(cases.cases)} 件矛盾纠纷、${count(cases.events.length)} 条案件事件${refused.length ? `（${count(refused.length)} 条被拒绝）` : ''}。`,
    `Demo data: ${count(cases.cases)} dispute cases and ${count(cases.events.length)} events in ${YEAR}.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
