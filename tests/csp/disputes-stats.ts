// The module of tests/csp/disputes-stats.html: counts CSP violations from the first moment
// (before any widget code runs), then generates a real year of Zhaotong's cases and work orders
// (the core's seeded demo generator) and hands them to the two statistics widgets.
import type {} from '../../packages/elements/src/index.js';
import type { GeneratedCases } from '@gualian/core/demo';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));

declare global {
  interface Window {
    __cspViolations: string[];
    __gualianDisputesReady: Promise<GeneratedCases>;
  }
}
window.__cspViolations = violations;

window.__gualianDisputesReady = (async () => {
  await import('../../packages/elements/src/define.js');
  const { fromDivisionPack } = await import('@gualian/core');
  const { generateCases } = await import('@gualian/core/demo');
  const h = fromDivisionPack(await (await fetch('/site/data/2023/5306.json')).text());
  const cases = generateCases(h, { scope: '5306', year: 2024, seed: 7 });
  document.querySelector('gualian-workorder-stats')!.events = cases.workOrderEvents;
  document.querySelector('gualian-resolution-levels')!.events = cases.events;
  return cases;
})();
