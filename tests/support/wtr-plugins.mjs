import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The strict Content-Security-Policy every widget must work under (no inline script or style attribute, no eval). */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'none'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Serves pages under `/tests/csp/` with the strict policy header. The test runner's own page
 * needs inline scripts, so the policy is applied to the pages the CSP tests open in iframes.
 */
export function cspHeaders() {
  return {
    name: 'gualian-csp-headers',
    transform(context) {
      if (context.path.startsWith('/tests/csp/') && context.path.endsWith('.html')) {
        context.set('Content-Security-Policy', STRICT_CSP);
      }
    },
  };
}

/** Counts passed and failed tests over every session and writes them as JSON for `scripts/test.mjs`. */
export function countReporter(file) {
  const count = (suite, acc) => {
    for (const t of suite?.tests ?? []) {
      if (t.skipped) acc.skipped++;
      else if (t.passed) acc.passed++;
      else acc.failed++;
    }
    for (const s of suite?.suites ?? []) count(s, acc);
    return acc;
  };
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0, sessionErrors: 0 };
      for (const s of sessions) {
        count(s.testResults, acc);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.sessionErrors++;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(acc));
    },
  };
}
