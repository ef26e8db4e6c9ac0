// The live demo of <gualian-workorder-stats>: Zhaotong's real 2023 divisions and a year of 12345
// work orders from the core's seeded demo generator (seed 7). The widget replays the events with
// the core and computes every figure with it. Everything is written as text (textContent).
import { statusLine, zhaotongCases } from './zhaotong-demo.js';

const YEAR = 2024;
const stats = document.getElementById('wo-demo');
const say = statusLine(document.getElementById('wo-demo-status'));

async function start() {
  if (!stats) return;
  const loaded = await zhaotongCases(YEAR, (error) => {
    say(`演示数据无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo data could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { zhaotong, cases } = loaded;
  stats.hierarchy = zhaotong;
  stats.events = cases.workOrderEvents;
  const orders = new Set(cases.workOrderEvents.map((e) => e.orderId)).size;
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示数据：${YEAR} 年 ${count(orders)} 件 12345 工单、${count(cases.workOrderEvents.length)} 条工单事件。`,
    `Demo data: ${count(orders)} hotline work orders and ${count(cases.workOrderEvents.length)} events in ${YEAR}.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
