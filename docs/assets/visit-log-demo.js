// The live demo of <gualian-visit-log>: Zhaotong's real 2023 divisions and a 2024 roster from the
// core's seeded demo generator, with faults planted. The select offers a few of its cadres —
// one with too few visits first — and shows each one's ledger. Names are data: they are only
// ever written as text (textContent, option.text).
import { Roster } from './gualian-core-pairing.js';
import { zhaotongDemo, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const log = document.getElementById('vl-demo');
const picker = document.getElementById('vl-cadre');
const status = document.getElementById('vl-demo-status');

const say = statusLine(status);

/** The cadres worth showing: one of each planted fault, then a cadre who kept to the policy. */
function showcase(demo, roster) {
  const visitsOf = new Map();
  for (const v of demo.visits) visitsOf.set(v.cadreId, (visitsOf.get(v.cadreId) ?? 0) + 1);
  const byId = new Map(demo.cadres.map((c) => [c.id, c]));
  const kinds = [
    ['fewVisits', '走访不足', 'too few visits'],
    ['crammed', '走访挤在年底', 'crammed into December'],
    ['driveBy', '走访时间过短', 'drive-by visits'],
    ['noVisits', '全年无走访', 'no visits'],
  ];
  const out = kinds.flatMap(([kind, zh, en]) => (demo.planted[kind].length > 0 ? [{ id: demo.planted[kind][0], zh, en }] : []));
  const good = demo.cadres.find((c) => c.rank === 'staff' && (visitsOf.get(c.id) ?? 0) >= 5 && !out.some((o) => o.id === c.id));
  if (good) out.push({ id: good.id, zh: '达标', en: 'meets the policy' });
  const lead = demo.pairings.find((p) => p.role === 'township-lead');
  if (lead && roster.cadreIndex(lead.cadreId) >= 0) out.push({ id: lead.cadreId, zh: '包乡领导', en: 'township lead' });
  return out.map((o) => ({ ...o, name: byId.get(o.id)?.name ?? o.id }));
}

async function start() {
  if (!log || !picker) return;
  const loaded = await zhaotongDemo(YEAR, (error) => {
    say(
      `演示名单无法生成：站点缺少 assets/gualian-core-demo.js（核心库演示生成器的浏览器版本，由构建脚本打包）。（${error.message}）`,
      'The demo roster could not be made: the site lacks assets/gualian-core-demo.js, the browser build of the core’s demo generator.',
    );
  });
  if (!loaded) return;
  const { zhaotong, demo } = loaded;
  const roster = Roster.from(zhaotong, demo);
  const choices = showcase(demo, roster);
  picker.replaceChildren(
    ...choices.map((c) => {
      const option = document.createElement('option');
      option.value = c.id;
      option.text = `${c.name}（${c.id}）· ${c.zh} ${c.en}`;
      return option;
    }),
  );
  picker.disabled = false;
  picker.addEventListener('change', () => {
    log.cadre = picker.value;
  });
  log.roster = roster;
  log.cadre = choices[0]?.id ?? null;
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示名单：${count(demo.cadres.length)} 名干部、${count(demo.visits.length)} 次走访（2024 年）。`,
    `Demo roster: ${count(demo.cadres.length)} cadres, ${count(demo.visits.length)} visits in 2024.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
