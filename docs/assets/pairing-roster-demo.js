// The live demo of <gualian-pairing-roster>: Zhaotong's real 2023 divisions and a roster from
// the core's seeded demo generator, with faults planted (villages short of cadres or with none,
// a township without a lead). The three widgets share one list of pairings, so an edit in one
// shows in the others. Everything is written as text (textContent): names are data.
import { zhaotongDemo, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const widgets = [...document.querySelectorAll('gualian-pairing-roster[data-demo]')];
const status = document.getElementById('pr-demo-status');
const MAX_LINES = 30;

const say = statusLine(status);

function logLine(id, text) {
  const log = document.getElementById(`${id}-log`);
  if (!log) return;
  const time = new Date().toTimeString().slice(0, 8);
  const lines = log.textContent === '' ? [] : log.textContent.split('\n');
  lines.unshift(`${time}  ${text}`);
  log.textContent = lines.slice(0, MAX_LINES).join('\n');
}

/**
 * Six newcomers for 昭阳区, three for each of its villages the generator left without cadres:
 * the generated roster pairs every cadre it makes, so without them the planner has nobody to
 * place. Invented, like the generated names; they live in the township of their village.
 */
function newcomers(planted) {
  const units = ['公安', '法院', '检察院', '司法局', '政法委', '信访局'];
  const numerals = '一二三四五六';
  return planted.uncovered
    .filter((code) => code.startsWith('530602'))
    .flatMap((village, i) => [0, 1, 2].map((k) => ({ id: `N${String(i * 3 + k + 1).padStart(6, '0')}`, name: `新调入干部${numerals[i * 3 + k]}`, unit: units[(i * 3 + k) % units.length], rank: 'staff', homeCode: village.slice(0, 9) })));
}

async function start() {
  if (widgets.length === 0) return;
  const loaded = await zhaotongDemo(YEAR, (error) => {
    say(
      `演示名单无法生成：站点缺少 assets/gualian-core-demo.js（核心库演示生成器的浏览器版本，由构建脚本打包）。组件仍显示区划。（${error.message}）`,
      'The demo roster could not be made: the site lacks assets/gualian-core-demo.js, the browser build of the core’s demo generator.',
    );
  });
  if (!loaded) return;
  const { zhaotong, demo } = loaded;
  const cadres = [...demo.cadres, ...newcomers(demo.planted)];
  let pairings = demo.pairings;
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示名单：${count(cadres.length)} 名干部（其中 6 名是新调入、尚未挂联的），${count(pairings.length)} 条挂联记录。`,
    `Demo roster: ${count(cadres.length)} cadres (6 of them newcomers, not yet paired), ${count(pairings.length)} pairings.`,
  );
  for (const el of widgets) {
    el.cadres = cadres;
    el.pairings = pairings;
    el.addEventListener('gualian-pairings-change', (event) => {
      pairings = event.pairings;
      for (const other of widgets) if (other !== el) other.pairings = pairings;
      const what = [...event.added.map((p) => `+${p.cadreId}→${p.code}`), ...event.removed.map((p) => `−${p.cadreId}→${p.code}`)];
      logLine(el.id, `gualian-pairings-change  cause=${event.cause}  ${what.slice(0, 6).join(' ')}${what.length > 6 ? ' …' : ''}  pairings=${count(pairings.length)}`);
    });
    el.addEventListener('gualian-select', (event) => logLine(el.id, `gualian-select  code=${event.code}  ${event.division.name}`));
  }
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
