// The module of tests/csp/visit-log.html: counts CSP violations from the first moment, then
// registers <gualian-visit-log> alone and gives both elements the seeded demo roster on the real
// Zhaotong division pack (fetched under connect-src 'self'), showing a cadre with too few visits.
import type {} from '../../packages/elements/src/index.js';
import { fromDivisionPack } from '../../packages/core/src/index.js';
import { Roster } from '../../packages/core/src/pairing/index.js';
import { generateRoster } from '../../packages/core/src/demo/index.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));

declare global {
  interface Window {
    __cspViolations: string[];
    __gualianReady: Promise<void>;
    __roster: Roster;
    __cadre: string;
  }
}
window.__cspViolations = violations;

window.__gualianReady = (async () => {
  await import('../../packages/elements/src/visit-log/define.js');
  const res = await fetch('/site/data/2023/5306.json');
  if (!res.ok) throw new Error(`/site/data/2023/5306.json: HTTP ${res.status}`);
  const h = fromDivisionPack(await res.json());
  const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
  const roster = Roster.from(h, demo);
  window.__roster = roster;
  window.__cadre = demo.planted.fewVisits[0]!;
  for (const log of document.querySelectorAll('gualian-visit-log')) {
    log.roster = roster;
    log.cadre = window.__cadre;
    await log.updateComplete;
  }
})();
