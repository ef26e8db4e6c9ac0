// The live demo of <gualian-score-sheet>: Zhaotong's real 2023 divisions, a 2024 roster from
// the core's seeded demo generator (faults planted), the example rubric, the facts of the chosen
// period and every cadre's scores. The first widget shows the sheet of the cadre chosen; the
// second one a sheet under review, with its history. Names are data: they are only ever written
// as text (textContent, option.text).
import { Roster } from './gualian-core-pairing.js';
import { computeFacts, EXAMPLE_CADRE_RUBRIC, period, reviewSheet, scoreAll, startReview } from './gualian-core-assessment.js';
import { zhaotongDemo, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const sheetEl = document.getElementById('ss-demo');
const reviewEl = document.getElementById('ss-review');
const cadrePicker = document.getElementById('ss-cadre');
const periodPicker = document.getElementById('ss-period');
const status = document.getElementById('ss-demo-status');

const say = statusLine(status);

/** The periods offered: the year, its last quarter, its last month. */
const PERIODS = [
  ['year', YEAR, 1, `${YEAR} 年度`, `${YEAR}`],
  ['quarter', YEAR, 4, `${YEAR} 年第 4 季度`, `Q4 ${YEAR}`],
  ['month', YEAR, 12, `${YEAR} 年 12 月`, `December ${YEAR}`],
];

/** Cadres worth showing: a vetoed one (no visit at all), the best, one short of visits, a typical one. */
function showcase(scores, demo) {
  const names = new Map(demo.cadres.map((c) => [c.id, c.name]));
  const out = [];
  const add = (row, zh, en) => {
    if (row < 0 || out.some((o) => o.row === row)) return;
    const id = scores.facts.subjectId(row);
    out.push({ row, id, name: names.get(id) ?? id, zh, en });
  };
  add(scores.vetoed.indexOf(1), '一票否决', 'vetoed');
  let best = 0;
  for (let r = 1; r < scores.size; r++) if (scores.total[r] > scores.total[best]) best = r;
  add(best, '最高分', 'highest total');
  const short = demo.planted.fewVisits[0];
  if (short) add(scores.facts.rowOf(short), '走访不足', 'too few visits');
  const crammed = demo.planted.crammed[0];
  if (crammed) add(scores.facts.rowOf(crammed), '走访挤在年底', 'crammed into December');
  add(scores.vetoed.indexOf(0), '一般情况', 'a typical cadre');
  return out;
}

async function start() {
  if (!sheetEl || !cadrePicker || !periodPicker) return;
  const loaded = await zhaotongDemo(YEAR, (error) => {
    say(`演示数据无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo data could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { zhaotong, demo } = loaded;
  const roster = Roster.from(zhaotong, demo);
  const names = new Map(demo.cadres.map((c) => [c.id, c.name]));
  const scoresOf = new Map();
  const scoresFor = (index) => {
    let s = scoresOf.get(index);
    if (!s) {
      const [kind, year, i] = PERIODS[index];
      const when = period(kind, year, i);
      s = scoreAll(EXAMPLE_CADRE_RUBRIC, computeFacts(roster, when, { rubric: EXAMPLE_CADRE_RUBRIC }));
      scoresOf.set(index, s);
    }
    return s;
  };
  const yearScores = scoresFor(0);
  const choices = showcase(yearScores, demo);
  cadrePicker.replaceChildren(
    ...choices.map((c) => {
      const option = document.createElement('option');
      option.value = c.id;
      option.text = `${c.name}（${c.id}）· ${c.zh} ${c.en}`;
      return option;
    }),
  );
  periodPicker.replaceChildren(
    ...PERIODS.map(([, , , zh, en], index) => {
      const option = document.createElement('option');
      option.value = String(index);
      option.text = `${zh} · ${en}`;
      return option;
    }),
  );
  const show = () => {
    sheetEl.scores = scoresFor(Number(periodPicker.value));
    sheetEl.subject = cadrePicker.value;
  };
  cadrePicker.addEventListener('change', show);
  periodPicker.addEventListener('change', show);
  cadrePicker.disabled = false;
  periodPicker.disabled = false;
  sheetEl.names = names;
  show();

  // A sheet under review: submitted by the village, adjusted and reviewed by the township.
  if (reviewEl) {
    const row = choices.find((c) => c.zh === '一般情况')?.row ?? 0;
    const place = yearScores.facts.placeOf(row);
    const township = zhaotong.parentOf(place).code;
    const context = { hierarchy: zhaotong, rubric: EXAMPLE_CADRE_RUBRIC };
    let review = startReview(yearScores.sheet(row));
    review = reviewSheet(review, { action: 'submit', by: { id: 'V01', level: 'village', scope: place }, at: '2025-01-06T09:05:00+08:00' }, context);
    review = reviewSheet(
      review,
      { action: 'adjust', by: { id: 'T01', level: 'township', scope: township }, at: '2025-01-07T10:30:00+08:00', reason: '任务清单验收补录', adjustments: [{ fact: 'tasksAssigned', value: 4 }, { fact: 'tasksCompleted', value: 3, evidence: '验收单 2024-017' }] },
      context,
    );
    review = reviewSheet(review, { action: 'review', by: { id: 'T01', level: 'township', scope: township }, at: '2025-01-07T11:00:00+08:00' }, context);
    reviewEl.names = names;
    reviewEl.rubric = EXAMPLE_CADRE_RUBRIC;
    reviewEl.review = review;
  }
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示数据：${count(yearScores.size)} 名干部的 ${YEAR} 年成绩单，按示例评分标准计分。`,
    `Demo data: the ${YEAR} score sheets of ${count(yearScores.size)} cadres, scored with the example rubric.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
