/**
 * Every built docs page renders its widgets under the strict Content-Security-Policy with no
 * violation and no error (a file of its own: the pages take minutes together). See site-live.test.ts.
 */
import { expect } from 'chai';
import { SITE, PREFS_KEY, open, waitFor, openPage, deepText, show, widgetsOf, widgetsReady, shadowSelect, choose, type LoadedPage } from './support/site-frame.js';

describe('docs site: every page renders under the strict CSP', function () {
  this.timeout(120_000);

  before(() => localStorage.removeItem(PREFS_KEY));
  afterEach(() => {
    for (const close of open.splice(0)) close();
  });
  after(() => localStorage.removeItem(PREFS_KEY));

  for (const path of ['index.html', 'guide/developers.html', 'guide/portals.html', 'guide/data-staff.html', 'guide/pairing.html', 'guide/assessment.html', 'guide/disputes.html', 'widgets/region-picker.html', 'widgets/hierarchy-tree.html', 'widgets/coverage-board.html', 'widgets/pairing-roster.html', 'widgets/visit-log.html', 'widgets/score-sheet.html', 'widgets/review-queue.html', 'widgets/leaderboard.html', 'widgets/rubric-editor.html', 'widgets/case-board.html', 'widgets/case-timeline.html', 'widgets/workorder-stats.html', 'widgets/resolution-levels.html', 'errors.html', 'examples/portal.html', 'examples/portal-gbk.html']) {
    it(`${path}: renders its widgets with no CSP violation and no error`, async () => {
      const p = await openPage(path);
      await widgetsReady(p);
      // Let late work (chunk fetches, badges) settle before judging.
      await new Promise((r) => setTimeout(r, 300));
      expect(p.violations, 'CSP violations').to.deep.equal([]);
      expect(p.errors, 'errors').to.deep.equal([]);
    });
  }
});
