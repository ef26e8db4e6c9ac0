// The coverage board demo: Zhaotong's real divisions (the page's own pack), a roster generated
// here by the core's seeded demo generator with faults planted, checked by the core's
// watchPairing, shown by the board and as badges on the tree; the two widgets follow each
// other. All text goes in through textContent or the widgets, never as HTML.
import { fromDivisionPack } from './gualian-core.js';
import { Roster, watchPairing } from './gualian-core-pairing.js';

const board = document.getElementById('cb-zhaotong');
const tree = document.getElementById('cb-tree');
const summary = document.querySelector('[data-demo-summary]');
const summaryEn = document.querySelector('[data-demo-summary-en]');
const addVisits = document.querySelector('[data-demo-add-visits]');

const fmt = (n) => n.toLocaleString('en-US');

async function start() {
  // The generator is the core's `demo` entry, published beside the core bundle.
  let demo;
  try {
    demo = await import('./gualian-core-demo.js');
  } catch (e) {
    summary.textContent = `演示生成器没有随站点发布（assets/gualian-core-demo.js）：${e.message}`;
    summaryEn.textContent = 'The demo generator is not published with the site (assets/gualian-core-demo.js).';
    return;
  }
  const res = await fetch(new URL(board.getAttribute('src'), document.baseURI));
  if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status}`);
  const zhaotong = fromDivisionPack(await res.text());
  const generated = demo.generateRoster(zhaotong, { scope: '5306', year: 2024, seed: 7, faults: true });
  const roster = Roster.from(zhaotong, generated);
  const monitor = watchPairing(roster, { year: 2024, scope: '5306' });
  board.monitor = monitor;
  await board.updateComplete;

  const p = generated.planted;
  const cadresWithFaults = new Set([...p.noVisits, ...p.fewVisits, ...p.driveBy, ...p.crammed, ...p.sameDay]).size;
  summary.textContent =
    `演示名册：${fmt(generated.cadres.length)} 名干部、${fmt(generated.pairings.length)} 条挂联、${fmt(generated.visits.length)} 条走访记录（种子 7）。` +
    `故意设置的问题：${p.uncovered.length} 个无人挂联的村、${p.short.length} 个人数不足的村、${p.unledTownship.length} 个没有包乡领导的乡镇、${cadresWithFaults} 名走访有问题的干部。`;
  summaryEn.textContent =
    `Demo roster: ${fmt(generated.cadres.length)} cadres, ${fmt(generated.pairings.length)} pairings, ${fmt(generated.visits.length)} visit records (seed 7). ` +
    `Planted: ${p.uncovered.length} villages with no cadre, ${p.short.length} short of cadres, ${p.unledTownship.length} township without a lead, ${cadresWithFaults} cadres with visit problems.`;

  const badges = () => {
    tree.badges = board.treeBadges();
  };
  badges();
  // The badges speak the board's language: make them again when the reader switches.
  document.addEventListener('gualian-docs-prefs', badges);

  // The two widgets follow each other.
  board.addEventListener('gualian-select', (e) => {
    tree.selected = e.code;
    void tree.reveal(e.code);
  });
  tree.addEventListener('gualian-select', (e) => {
    if (e.code.startsWith('5306')) board.current = e.code;
  });

  // Record four visits, one a quarter, for each cadre planted with too few, one cadre a click.
  const waiting = [...p.fewVisits];
  addVisits.disabled = false;
  addVisits.addEventListener('click', async () => {
    const cadre = waiting.shift();
    if (cadre === undefined) return;
    const village = generated.pairings.find((x) => x.cadreId === cadre && x.role === 'village').code;
    ['2024-02-20', '2024-05-20', '2024-08-20', '2024-11-20'].forEach((date, i) =>
      roster.addVisit({ id: `DEMO-${cadre}-${i}`, cadreId: cadre, villageCode: village, date, minutes: 150, households: 8, activities: ['public-opinion', 'legal-education'] }),
    );
    await board.refresh();
    badges();
    addVisits.disabled = waiting.length === 0;
  });
}

start().catch((e) => {
  summary.textContent = `演示加载失败：${e.message}`;
});
