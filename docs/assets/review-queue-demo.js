// The live demo of <gualian-review-queue>: Zhaotong's real 2023 divisions, a 2024 roster from
// the core's seeded demo generator, the example rubric and the sheets of every village cadre of
// 昭阳区, already moved along the four-level review to different states. The reviewer select
// switches between the village, township, county and city reviewers answering for one village;
// each sees the sheets waiting for their level within their division. Steps taken here live in
// this page's memory only. Names are data: they are only ever written as text.
import { Roster } from './gualian-core-pairing.js';
import { computeFacts, EXAMPLE_CADRE_RUBRIC, period, reviewSheet, scoreAll, startReview } from './gualian-core-assessment.js';
import { zhaotongDemo, statusLine } from './zhaotong-demo.js';

const YEAR = 2024;
const COUNTY = '530602';
const queue = document.getElementById('rq-demo');
const reviewerPicker = document.getElementById('rq-reviewer');
const showAll = document.getElementById('rq-all');
const status = document.getElementById('rq-demo-status');

const say = statusLine(status);

async function start() {
  if (!queue || !reviewerPicker) return;
  const loaded = await zhaotongDemo(YEAR, (error) => {
    say(`演示数据无法生成：站点缺少 assets/gualian-core-demo.js。（${error.message}）`, 'The demo data could not be made: the site lacks assets/gualian-core-demo.js.');
  });
  if (!loaded) return;
  const { zhaotong, demo } = loaded;
  const roster = Roster.from(zhaotong, demo);
  const facts = computeFacts(roster, period('year', YEAR), { rubric: EXAMPLE_CADRE_RUBRIC });
  const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
  const context = { hierarchy: zhaotong, rubric: EXAMPLE_CADRE_RUBRIC };

  // Every village cadre of the county, moved along by the levels that answer for them.
  const at = (day, minute) => `2025-01-${String(day).padStart(2, '0')}T09:${String(minute % 60).padStart(2, '0')}:00+08:00`;
  const reviews = [];
  let firstPlace = '';
  for (let row = 0, k = 0; row < scores.size; row++) {
    const place = scores.facts.placeOf(row);
    if (place.length !== 12 || !place.startsWith(COUNTY)) continue;
    firstPlace ||= place;
    const township = zhaotong.parentOf(place).code;
    const by = {
      village: { id: 'V01', level: 'village', scope: place },
      township: { id: 'T01', level: 'township', scope: township },
      county: { id: 'X01', level: 'county', scope: COUNTY },
    };
    let r = startReview(scores.sheet(row));
    const stage = k++ % 6;
    if (stage >= 1) r = reviewSheet(r, { action: 'submit', by: by.village, at: at(3, k) }, context);
    if (stage === 3) r = reviewSheet(r, { action: 'adjust', by: by.township, at: at(5, k), reason: '任务清单验收补录', adjustments: [{ fact: 'tasksAssigned', value: 3 }, { fact: 'tasksCompleted', value: 3, evidence: '验收单' }] }, context);
    if (stage >= 4) r = reviewSheet(r, { action: 'review', by: by.township, at: at(6, k) }, context);
    if (stage >= 5) r = reviewSheet(r, { action: 'approve', by: by.county, at: at(8, k) }, context);
    reviews.push(r);
  }
  const township = zhaotong.parentOf(firstPlace).code;
  const name = (code) => zhaotong.get(code)?.name ?? code;
  const reviewers = [
    { id: 'V01', name: '村级审核员', level: 'village', scope: firstPlace },
    { id: 'T01', name: '乡镇政法委员', level: 'township', scope: township },
    { id: 'X01', name: '县委政法委', level: 'county', scope: COUNTY },
    { id: 'S01', name: '市委政法委', level: 'city', scope: '5306' },
  ];
  const labels = { village: ['村级', 'village'], township: ['乡镇级', 'township'], county: ['县级', 'county'], city: ['市级', 'city'] };
  reviewerPicker.replaceChildren(
    ...reviewers.map((r, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      const [zh, en] = labels[r.level];
      option.text = `${zh}：${r.name}（${name(r.scope)}）· ${en}`;
      return option;
    }),
  );
  reviewerPicker.value = '1';
  reviewerPicker.disabled = false;
  reviewerPicker.addEventListener('change', () => {
    queue.reviewer = reviewers[Number(reviewerPicker.value)];
  });
  if (showAll) {
    showAll.disabled = false;
    showAll.addEventListener('change', () => {
      queue.show = showAll.checked ? 'all' : 'queue';
    });
  }
  queue.names = new Map(demo.cadres.map((c) => [c.id, c.name]));
  queue.rubric = EXAMPLE_CADRE_RUBRIC;
  queue.reviewer = reviewers[1];
  queue.reviews = reviews;
  const count = (n) => n.toLocaleString('en-US');
  say(
    `演示数据：${name(COUNTY)} ${count(reviews.length)} 名挂村干部的 ${YEAR} 年成绩单，处于草稿、已提交、已审核、已审定等不同状态。`,
    `Demo data: the ${YEAR} sheets of ${count(reviews.length)} village cadres of ${name(COUNTY)}, in every state of the review.`,
  );
}

start().catch((error) => say(`演示出错：${error.message}`, `The demo failed: ${error.message}`));
