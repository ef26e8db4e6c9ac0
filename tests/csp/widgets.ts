// The module of tests/csp/widgets.html: counts CSP violations from the first moment (before
// any widget code runs), then loads the script-tag entry and exercises the widgets a little.
import type {} from '../../packages/elements/src/index.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));

declare global {
  interface Window {
    __cspViolations: string[];
    __gualianReady: Promise<void>;
  }
}
window.__cspViolations = violations;

window.__gualianReady = (async () => {
  await import('../../packages/elements/src/define.js');
  const tree = document.querySelector('gualian-hierarchy-tree')!;
  tree.badges = (d) => (d.level === 'county' ? { label: '3', tone: 'ok' } : null);
  await customElements.whenDefined('gualian-hierarchy-tree');
  await tree.updateComplete;
})();
