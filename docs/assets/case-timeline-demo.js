// The live demo of <gualian-case-timeline>: Zhaotong's real 2023 divisions and a year of dispute
// cases from the core's seeded generator (2024, seed 7). It picks a case with a task force and
// an escalation, shows it up to just before its agreement, and lets the reader act on it as its
// handler, registrar or reviewer (the actors of its own record); events are appended live, the
// core deciding. Everything is written as text (textContent): names are data.
import { replayRecord } from './gualian-core-disputes.js';
import { zhaotongCases, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const timeline = document.getElementById('ct-demo');
const status = document.getElementById('ct-demo-status');
const actorSelect = document.querySelector('[data-demo-actor]');

const say = statusLine(status);

const ROLE_NAMES = { handler: '承办人 handler', registrar: '登记员 registrar', reviewer: '审核人 reviewer' };

async function start() {
  if (!timeline) return;
  const loaded = await zhaotongCases(YEAR, (error) => {
    say(`演示案件无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo cases could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { zhaotong, cases } = loaded;
  const { states } = replayRecord(cases.events, { hierarchy: zhaotong });
  const chosen = [...states.values()].find((s) => s.taskForce && s.resolution && s.steps.some((x) => x.status === 'escalated'));
  if (!chosen) return say('没有找到合适的演示案件。', 'No suitable demo case was found.');
  const all = cases.events.filter((e) => e.caseId === chosen.id);
  const agreement = all.findIndex((e) => e.type === 'agreement-reached');
  const shown = all.slice(0, agreement);
  // The actors of the case at the level holding it now: the last of each role.
  const actors = new Map();
  for (const e of shown) actors.set(e.actor.role, e.actor);
  const handler = actors.get('handler');
  let serial = 0;
  timeline.idGenerator = () => `${chosen.id}-demo-${++serial}`;
  // The record ends in 2024: the demo's clock runs from an hour after its last event.
  const start = Date.parse(shown[shown.length - 1].at) + 3_600_000;
  const opened = Date.now();
  timeline.clock = () => new Date(start + (Date.now() - opened));
  // Deadlines as they stood then, not as of today.
  timeline.asOf = new Date(start + 8 * 3_600_000).toISOString().slice(0, 10);
  timeline.events = shown;
  timeline.actor = handler ?? null;
  if (actorSelect) {
    const options = [...actors.values()].map((a) => {
      const option = document.createElement('option');
      option.value = a.id;
      option.textContent = `${ROLE_NAMES[a.role] ?? a.role} · ${a.unit} · ${a.id}`;
      option.selected = a === handler;
      return option;
    });
    actorSelect.replaceChildren(...options);
    actorSelect.disabled = false;
    actorSelect.addEventListener('change', () => {
      timeline.actor = [...actors.values()].find((a) => a.id === actorSelect.value) ?? null;
    });
  }
  say(
    `演示案件 ${chosen.id}：成立专班并上交过，显示到达成协议之前（${shown.length} 条事件）。`,
    `Demo case ${chosen.id}: a task force and an escalation, shown up to its agreement (${shown.length} events).`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
