// The module of tests/csp/coverage.html: counts CSP violations from the first moment (before
// any widget code runs), then builds a real report (Zhaotong's divisions, the seeded demo
// roster with its planted faults) and hands it to the boards and the tree.
import type {} from '../../packages/elements/src/index.js';
import type { CoverageReport } from '@gualian/core/pairing';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));

declare global {
  interface Window {
    __cspViolations: string[];
    __gualianCoverageReady: Promise<CoverageReport>;
  }
}
window.__cspViolations = violations;

window.__gualianCoverageReady = (async () => {
  await import('../../packages/elements/src/define.js');
  const { coverageBadges } = await import('../../packages/elements/src/index.js');
  const { fromDivisionPack } = await import('@gualian/core');
  const { checkPairing, Roster } = await import('@gualian/core/pairing');
  const { generateRoster } = await import('@gualian/core/demo');
  const h = fromDivisionPack(await (await fetch('/site/data/2023/5306.json')).text());
  const report = checkPairing(Roster.from(h, generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true })), { year: 2024, scope: '5306' });
  for (const board of document.querySelectorAll('gualian-coverage-board')) board.report = report;
  document.querySelector('gualian-hierarchy-tree')!.badges = coverageBadges(report);
  return report;
})();
