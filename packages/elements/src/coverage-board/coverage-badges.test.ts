import { expect, waitUntil } from '@open-wc/testing';
import { checkPairing, Roster } from '@gualian/core/pairing';
import { generateRoster } from '@gualian/core/demo';
import { edition } from '../../../../tests/fixtures/data.js';
import '../hierarchy-tree/define.js';
import { coverageBadges } from '../hierarchy-tree/coverage-badges.js';
import type { GualianHierarchyTree } from '../hierarchy-tree/hierarchy-tree.js';
import { mount, ready, unmountAll } from '../base/testing/mount.js';

async function zhaotong() {
  const h = (await edition('2023')).subtree('5306');
  const generated = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
  const report = checkPairing(Roster.from(h, generated), { year: 2024, scope: '5306' });
  return { h, generated, report };
}

const rows = (el: GualianHierarchyTree) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="treeitem"]')];
const row = (el: GualianHierarchyTree, name: string) => rows(el).find((r) => r.querySelector('[part="name"]')!.textContent === name);
const badgeOf = (r: HTMLElement | undefined) => {
  const b = r?.querySelector('[part~="badge"]');
  return b ? { label: b.textContent, part: b.getAttribute('part') } : null;
};

describe('coverageBadges on the hierarchy tree (昭通市 2024, planted faults)', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('gives each county and township its coverage (rounded down) and error count, and tones them', async () => {
    const { h, report } = await zhaotong();
    const badges = coverageBadges(report);
    for (const d of report.divisions) {
      const t = d.totals;
      const badge = badges(h.get(d.code)!)!;
      const pct = t.villagesCovered === t.villages ? 100 : Math.floor((t.villagesCovered / t.villages) * 100);
      expect(badge.label, d.name).to.equal(`${pct}% · ${t.errors}`);
      expect(badge.tone, d.name).to.equal(t.villagesUncovered > 0 ? 'bad' : t.villagesShort > 0 || t.errors > 0 || t.pairingsShort > 0 ? 'warn' : 'ok');
    }
    // The prefecture: 1,395 of 1,402 is 99.5%, shown as 99%, not rounded up to 100%.
    expect(badges(h.get('5306')!)).to.deep.equal({ label: `99% · ${report.totals.errors}`, tone: 'bad' });
    // Outside the report: no badge.
    expect(badges(h.get('53')!)).to.equal(null);
  });

  it('marks villages from their violations, in the reader’s language', async () => {
    const { h, generated, report } = await zhaotong();
    const zh = coverageBadges(report, 'zh-Hans');
    const en = coverageBadges(report, 'en');
    const hant = coverageBadges(report, 'zh-Hant');
    for (const v of generated.planted.uncovered) {
      expect(zh(h.get(v)!)).to.deep.equal({ label: '无人挂联', tone: 'bad' });
      expect(hant(h.get(v)!)).to.deep.equal({ label: '無人掛聯', tone: 'bad' });
    }
    const short = generated.planted.short[0]!;
    expect(zh(h.get(short)!)).to.deep.equal({ label: '缺1人', tone: 'bad' });
    expect(en(h.get(short)!)).to.deep.equal({ label: 'short 1', tone: 'bad' });
    // A village whose only trouble is a cadre's visits.
    const cadre = generated.planted.fewVisits[0]!;
    const village = generated.pairings.find((p) => p.cadreId === cadre && p.role === 'village')!.code;
    const own = report.violations.filter((v) => v.divisions[0] === village);
    const errors = own.filter((v) => v.severity === 'error').length;
    expect(errors).to.be.at.least(1);
    expect(en(h.get(village)!)).to.deep.equal({ label: `${errors} errors`, tone: 'bad' });
    // A village with nothing wrong has no badge.
    const clean = h.descendantsOf('5306', 'village').find((d) => report.violations.every((v) => v.divisions[0] !== d.code))!;
    expect(zh(clean)).to.equal(null);
  });

  it('shows on the tree’s rows as text', async () => {
    const { h, generated, report } = await zhaotong();
    const uncovered = generated.planted.uncovered[0]!;
    const el = await mount('gualian-hierarchy-tree', { root: '5306', 'expand-depth': '1' }, { hierarchy: h, badges: coverageBadges(report) });
    await ready(el);
    await waitUntil(() => row(el, '镇雄县') !== undefined, 'the counties');
    const zx = report.divisions.find((d) => d.code === '530627')!.totals;
    expect(badgeOf(row(el, '镇雄县'))!.label).to.equal(`${Math.floor((zx.villagesCovered / zx.villages) * 100)}% · ${zx.errors}`);
    expect(badgeOf(row(el, '水富市'))).to.deep.equal({ label: '100% · 0', part: 'badge badge-ok' });
    expect(badgeOf(row(el, '昭通市'))!.part).to.equal('badge badge-bad');
    await el.reveal(uncovered);
    await waitUntil(() => row(el, h.get(uncovered)!.name) !== undefined, 'the uncovered village on screen');
    expect(badgeOf(row(el, h.get(uncovered)!.name))).to.deep.equal({ label: '无人挂联', part: 'badge badge-bad' });
  });
});
