// The module of tests/csp/assessment.html: counts CSP violations from the first moment, builds
// the assessment data once from the real Zhaotong division pack (fetched under connect-src
// 'self') — the seeded demo roster, the example rubric, the year's facts and scores — and gives
// each assessment widget of the page its share. A widget joins by registering its tag in its
// setup and adding the setup to SETUPS (and its element to the page).
import type { GualianLeaderboard, GualianReviewQueue, GualianRubricEditor, GualianScoreSheet } from '../../packages/elements/src/index.js';
import { fromDivisionPack, type Hierarchy } from '../../packages/core/src/index.js';
import { Roster } from '../../packages/core/src/pairing/index.js';
import {
  computeFacts,
  EXAMPLE_CADRE_RUBRIC,
  period,
  reviewSheet,
  scoreAll,
  startReview,
  type FactTable,
  type Reviewer,
  type Scores,
  type SheetReview,
} from '../../packages/core/src/assessment/index.js';
import { generateRoster, type GeneratedRoster } from '../../packages/core/src/demo/index.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));

/** What every assessment widget of the page is built from. */
export interface AssessmentData {
  h: Hierarchy;
  demo: GeneratedRoster;
  roster: Roster;
  facts: FactTable;
  scores: Scores;
  names: Map<string, string>;
}

/** The share of the review queue: a township's reviewer and its cadres' sheets, submitted by their villages. */
export interface QueueData {
  reviewer: Reviewer;
  reviews: SheetReview[];
}

declare global {
  interface Window {
    __cspViolations: string[];
    __gualianReady: Promise<void>;
    __assessment: AssessmentData;
    __queue: QueueData;
  }
}
window.__cspViolations = violations;

async function scoreSheets(data: AssessmentData): Promise<void> {
  await import('../../packages/elements/src/score-sheet/define.js');
  const vetoed = data.scores.vetoed.indexOf(1);
  const sheet = document.getElementById('sheet') as GualianScoreSheet;
  Object.assign(sheet, { hierarchy: data.h, names: data.names, scores: data.scores, row: vetoed });
  const large = document.getElementById('sheet-large') as GualianScoreSheet;
  Object.assign(large, { hierarchy: data.h, names: data.names, scores: data.scores, row: data.scores.vetoed.indexOf(0) });
  await Promise.all([sheet.updateComplete, large.updateComplete]);
}

async function reviewQueue(data: AssessmentData): Promise<void> {
  await import('../../packages/elements/src/review-queue/define.js');
  const { h, scores } = data;
  const place = scores.facts.placeOf(scores.vetoed.indexOf(0));
  const township = h.parentOf(place)!.code;
  const context = { hierarchy: h, rubric: EXAMPLE_CADRE_RUBRIC };
  const reviews: SheetReview[] = [];
  for (let r = 0; r < scores.size; r++) {
    const p = scores.facts.placeOf(r);
    if (p.length !== 12 || !p.startsWith(township)) continue;
    reviews.push(reviewSheet(startReview(scores.sheet(r)), { action: 'submit', by: { id: 'V01', level: 'village', scope: p }, at: '2025-01-06T09:00:00+08:00' }, context));
  }
  const reviewer: Reviewer = { id: 'T01', name: '乡镇政法委员', level: 'township', scope: township };
  window.__queue = { reviewer, reviews };
  const queue = document.getElementById('queue') as GualianReviewQueue;
  Object.assign(queue, { hierarchy: h, names: data.names, rubric: EXAMPLE_CADRE_RUBRIC, reviewer, reviews });
  await queue.updateComplete;
}

/** The leaderboards: one scoring the roster itself (2024 Q4 against Q3), one given the year's scores, ranking counties. */
async function leaderboards(data: AssessmentData): Promise<void> {
  await import('../../packages/elements/src/leaderboard/define.js');
  const board = document.getElementById('board') as GualianLeaderboard;
  Object.assign(board, { hierarchy: data.h, roster: data.roster, rubric: EXAMPLE_CADRE_RUBRIC });
  const large = document.getElementById('board-large') as GualianLeaderboard;
  Object.assign(large, { hierarchy: data.h, roster: data.roster, scores: data.scores });
  await Promise.all([board.updateComplete, large.updateComplete]);
}

/** The rubric editor: the example rubric, previewed on the year's facts. */
async function rubricEditor(data: AssessmentData): Promise<void> {
  await import('../../packages/elements/src/rubric-editor/define.js');
  const editor = document.getElementById('editor') as GualianRubricEditor;
  Object.assign(editor, { rubric: EXAMPLE_CADRE_RUBRIC, facts: data.facts });
  await editor.updateComplete;
}

const SETUPS: ReadonlyArray<(data: AssessmentData) => Promise<void>> = [scoreSheets, reviewQueue, leaderboards, rubricEditor];

window.__gualianReady = (async () => {
  const res = await fetch('/site/data/2023/5306.json');
  if (!res.ok) throw new Error(`/site/data/2023/5306.json: HTTP ${res.status}`);
  const h = fromDivisionPack(await res.json());
  const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
  const roster = Roster.from(h, demo);
  const facts = computeFacts(roster, period('year', 2024), { rubric: EXAMPLE_CADRE_RUBRIC });
  const data: AssessmentData = { h, demo, roster, facts, scores: scoreAll(EXAMPLE_CADRE_RUBRIC, facts), names: new Map(demo.cadres.map((c) => [c.id, c.name])) };
  window.__assessment = data;
  for (const setup of SETUPS) await setup(data);
})();
