// The module of tests/csp/cases.html: counts CSP violations from the first moment, builds the
// real Zhaotong hierarchy from the division pack (fetched under connect-src 'self') and the
// core's seeded 2024 cases, and gives the board the whole record and each timeline one case: a
// case with a task force and an escalation, its handler acting on it while it is mediated.
import type { GualianCaseBoard, GualianCaseTimeline } from '../../packages/elements/src/index.js';
import { fromDivisionPack, type Hierarchy } from '../../packages/core/src/index.js';
import { replayRecord, type CaseEvent, type CaseState } from '../../packages/core/src/disputes/index.js';
import { generateCases } from '../../packages/core/src/demo/index.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));

/** What the case widgets of the page are built from. */
export interface CasesData {
  h: Hierarchy;
  events: CaseEvent[];
  states: Map<string, CaseState>;
  /** The events of a case with a task force and an escalation, up to its agreement (it is being mediated). */
  mediating: CaseEvent[];
}

declare global {
  interface Window {
    __cspViolations: string[];
    __gualianReady: Promise<void>;
    __cases: CasesData;
  }
}
window.__cspViolations = violations;

window.__gualianReady = (async () => {
  const res = await fetch('/site/data/2023/5306.json');
  if (!res.ok) throw new Error(`/site/data/2023/5306.json: HTTP ${res.status}`);
  const h = fromDivisionPack(await res.json());
  const { events } = generateCases(h, { scope: '5306', year: 2024, seed: 7 });
  const { states } = replayRecord(events, { hierarchy: h });
  const id = [...states.values()].find((s) => s.taskForce && s.steps.some((x) => x.status === 'escalated') && s.resolution)!.id;
  const all = events.filter((e) => e.caseId === id);
  const mediating = all.slice(0, all.findIndex((e) => e.type === 'agreement-reached'));
  window.__cases = { h, events, states, mediating };
  await import('../../packages/elements/src/case-board/define.js');
  await import('../../packages/elements/src/case-timeline/define.js');
  const board = document.getElementById('board') as GualianCaseBoard;
  Object.assign(board, { hierarchy: h, events });
  const handler = all.find((e) => e.type === 'agreement-reached')!.actor;
  let serial = 0;
  const later = Date.parse(mediating.at(-1)!.at) + 3_600_000;
  for (const timelineId of ['timeline', 'timeline-large']) {
    const timeline = document.getElementById(timelineId) as GualianCaseTimeline;
    Object.assign(timeline, { hierarchy: h, events: mediating, actor: handler, idGenerator: () => `CSP-${timelineId}-${++serial}`, clock: () => new Date(later) });
  }
  await Promise.all([board.updateComplete, ...['timeline', 'timeline-large'].map((t) => (document.getElementById(t) as GualianCaseTimeline).updateComplete)]);
})();
