import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import {
  EXAMPLE_CADRE_RUBRIC,
  parseRubric,
  period,
  reviewSheet,
  scoreSheet,
  startReview,
  type Rubric,
  type ScoreSheet,
  type SheetReview,
} from '@gualian/core/assessment';
import { translate, type MessageKey } from '../base/testing/messages.js';
import { HOSTILE_NAMES, widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, shownText, unmountAll } from '../base/testing/mount.js';
import './define.js';
import { GualianScoreSheet } from './score-sheet.js';
import { formatNumber, formatStamp } from './format.js';
import { team, zhaotongScores } from './testing/assessment.js';

const $ = <T extends Element = HTMLElement>(el: GualianScoreSheet, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector)!;
const $$ = <T extends Element = HTMLElement>(el: GualianScoreSheet, selector: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const Y2024 = period('year', 2024);

async function mountSheet(properties: Partial<GualianScoreSheet>, attributes: Record<string, string | boolean> = {}): Promise<GualianScoreSheet> {
  const { h, names } = await zhaotongScores();
  const el = await mount('gualian-score-sheet', attributes, { hierarchy: h, names, ...properties });
  await ready(el);
  return el;
}

/**
 * Every line, subtotal and total the element shows must be the sheet's, and add up: Σ lines'
 * points + the section's cap adjustment = its subtotal; Σ subtotals + the range and veto
 * adjustments = the total.
 */
function expectShowsSheet(el: GualianScoreSheet, sheet: ScoreSheet, lang: 'zh-Hans' | 'zh-Hant' | 'en' = 'zh-Hans'): void {
  const lines = $$(el, 'tr.line');
  expect(lines.length, 'one row per item').to.equal(sheet.sections.reduce((n, s) => n + s.lines.length, 0));
  let sum = 0;
  for (const section of sheet.sections) {
    let points = 0;
    for (const line of section.lines) {
      const row = $(el, `tr.line[data-section="${section.id}"][data-item="${line.item}"]`);
      expect(row, `${section.id}/${line.item}`).to.not.equal(null);
      const cell = row.querySelector<HTMLElement>('td.points')!;
      expect(Number(cell.dataset['points']), `${line.item} points`).to.equal(line.points);
      expect(Number(row.querySelector<HTMLElement>('td.raw')!.dataset['raw']), `${line.item} raw`).to.equal(line.raw);
      expect(text(row.querySelector('td.raw'))).to.equal(formatNumber(lang, line.raw));
      if (line.kind === 'veto') {
        expect(cell.querySelector('[data-fired]') !== null, `${line.item} fired`).to.equal(line.fired === true);
        expect(text(cell)).to.equal(translate(line.fired ? 'ui.scoreSheet.vetoYes' : 'ui.scoreSheet.vetoNo', lang));
      } else {
        expect(text(cell), `${line.item} shown points`).to.equal(formatNumber(lang, line.points, line.kind !== 'base'));
      }
      // The facts read, with their values, in the sheet's order.
      const facts = [...row.querySelectorAll<HTMLElement>('li[data-fact]')].map((li) => [li.dataset['fact'], Number(li.dataset['value'])]);
      expect(facts, `${line.item} facts`).to.deep.equal(line.facts.map((f) => [f.name, f.value]));
      for (const f of line.facts) expect(text(row.querySelector(`li[data-fact="${f.name}"] .fact-value`))).to.equal(formatNumber(lang, f.value));
      // The method: points per unit, or the formula as written.
      const method = text(row.querySelector('td.method'));
      if (line.rate !== undefined) expect(method).to.include(translate('ui.scoreSheet.rate', lang, { rate: formatNumber(lang, line.rate) }));
      if (line.formula !== undefined) expect(method).to.include(line.formula);
      // The cap, and whether it cut the value.
      expect(row.querySelector('[data-capped]') !== null, `${line.item} capped`).to.equal(line.capped);
      if (line.cap !== undefined) expect(text(row.querySelector('td.cap'))).to.match(new RegExp(`^${formatNumber(lang, line.cap).replace('.', '\\.')}`));
      points += line.points;
    }
    const subtotal = $(el, `tr.subtotal[data-section="${section.id}"]`);
    expect(Number(subtotal.dataset['subtotal'])).to.equal(section.subtotal);
    expect(text(subtotal.querySelector('td'))).to.equal(formatNumber(lang, section.subtotal));
    const adjustment = subtotal.querySelector<HTMLElement>('[data-cap-adjustment]');
    expect(adjustment ? Number(adjustment.dataset['capAdjustment']) : 0).to.equal(section.capAdjustment);
    expect(Math.round((points + section.capAdjustment) * 100) / 100, `${section.id}: lines + cap adjustment = subtotal`).to.equal(section.subtotal);
    sum += section.subtotal;
  }
  const foot = (cls: string) => el.shadowRoot!.querySelector<HTMLElement>(`tfoot tr.${cls}`);
  expect(Number(foot('sum')!.dataset['value'])).to.equal(sheet.raw);
  expect(Math.round(sum * 100) / 100).to.equal(sheet.raw);
  expect(foot('range-adjustment') ? Number(foot('range-adjustment')!.dataset['value']) : 0).to.equal(sheet.rangeAdjustment);
  expect(foot('veto-adjustment') ? Number(foot('veto-adjustment')!.dataset['value']) : 0).to.equal(sheet.vetoAdjustment);
  expect(Number(foot('grand')!.dataset['value'])).to.equal(sheet.total);
  expect(text(foot('grand')!.querySelector('td'))).to.equal(formatNumber(lang, sheet.total));
  expect(Math.round((sheet.raw + sheet.rangeAdjustment + sheet.vetoAdjustment) * 100) / 100, 'subtotals + adjustments = total').to.equal(sheet.total);
  expect(Number($(el, '[data-total]').dataset['total'])).to.equal(sheet.total);
  expect($(el, '[data-grade]').dataset['grade']).to.equal(sheet.grade);
}

/** The example rubric with the results section capped at 20: sheets of active cadres go over it. */
function tightRubric(): Rubric {
  const base = JSON.parse(JSON.stringify(EXAMPLE_CADRE_RUBRIC)) as Rubric;
  const work = base.sections.find((s) => s.id === 'work')!;
  work.cap = 20;
  for (const item of work.items) item.capExpected = true;
  return parseRubric({ ...base, id: 'tight-results', name: '工作实效封顶 20 分（测试）' });
}

/** A reviewed sheet: submitted by its village, adjusted and reviewed by its township. */
async function reviewedSheet(): Promise<{ review: SheetReview; first: ScoreSheet }> {
  const { scores, h, rows } = await zhaotongScores();
  const first = scores.sheet(rows.plain);
  const t = team(h, first.subject.place!);
  const context = { hierarchy: h, rubric: EXAMPLE_CADRE_RUBRIC };
  let r = startReview(first);
  r = reviewSheet(r, { action: 'submit', by: t.village, at: '2025-01-06T09:05:00+08:00' }, context);
  r = reviewSheet(
    r,
    { action: 'adjust', by: t.township, at: '2025-01-07T10:30:00+08:00', reason: '任务清单验收补录', adjustments: [{ fact: 'tasksAssigned', value: 4 }, { fact: 'tasksCompleted', value: 2, evidence: '验收单 2024-017' }] },
    context,
  );
  r = reviewSheet(r, { action: 'review', by: t.township, at: '2025-01-07T11:00:00+08:00' }, context);
  return { review: r, first };
}

widgetSuites<GualianScoreSheet>('gualian-score-sheet', {
  tag: 'gualian-score-sheet',
  async data() {
    const { scores, h, names } = await zhaotongScores();
    const { review } = await reviewedSheet();
    return { properties: { review, rubric: scores.rubric, hierarchy: h, names } };
  },
  labels: ['ui.scoreSheet.print', 'ui.scoreSheet.col.basis', 'ui.scoreSheet.raw', 'ui.scoreSheet.history', 'ui.scoreSheet.step.reason', 'assessment.kind.deduction' as MessageKey],
  async keyboard(el) {
    // The first stop is the print button: Enter prints the sheet alone.
    expect(deepActiveElement()?.getAttribute('part')).to.equal('print');
    const print = window.print;
    let printed = false;
    window.print = () => {
      printed = el.hasAttribute('data-gualian-printing');
    };
    try {
      await sendKeys({ press: 'Enter' });
    } finally {
      window.print = print;
      window.dispatchEvent(new Event('afterprint'));
    }
    expect(printed).to.equal(true);
    // Then the explained table, which scrolls sideways when narrow, and the history.
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('aria-labelledby')).to.equal('details-caption');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('aria-label')).to.equal(translate('ui.scoreSheet.stepsTable'));
  },
  async reveal(el, deepest) {
    const { scores, rows } = await zhaotongScores();
    const sheet = scores.sheet(rows.plain);
    el.review = null;
    el.sheet = { ...sheet, subject: { ...sheet.subject, place: deepest } };
    await el.updateComplete;
  },
});

describe('gualian-score-sheet on the real Zhaotong hierarchy, the seeded roster and the example rubric', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('shows every point of a sheet as the core explains it, and the totals add up', async () => {
    const { scores, rows } = await zhaotongScores();
    const el = await mountSheet({ scores, row: rows.plain });
    const sheet = scores.sheet(rows.plain);
    expect(el.shownSheet).to.deep.equal(sheet);
    expectShowsSheet(el, sheet);
    // Some items were cut by their cap, and say so in words.
    const capped = sheet.sections.flatMap((s) => s.lines.filter((l) => l.capped));
    expect(capped.length, 'the demo cadre has a capped item').to.be.greaterThan(0);
    const row = $(el, `tr.line[data-item="${capped[0]!.item}"]`);
    expect(text(row.querySelector('.capped-note'))).to.equal(`超过上限，按 ${capped[0]!.cap} 分计`);
    // No inline style anywhere: the strict CSP forbids it.
    expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
  });

  it('shows the sheets of many cadres exactly (every line, subtotal and total)', async () => {
    const { scores } = await zhaotongScores();
    const el = await mountSheet({ scores, row: 0 });
    for (let row = 0; row < scores.size; row += Math.floor(scores.size / 25)) {
      el.row = row;
      await el.updateComplete;
      expectShowsSheet(el, scores.sheet(row));
    }
  });

  it('explains a section cap: the items’ sum, the cap and what it took away', async () => {
    const { scores, rows } = await zhaotongScores();
    const rubric = tightRubric();
    const sheet = scoreSheet(rubric, scores.facts.subject(rows.plain), Y2024);
    const work = sheet.sections.find((s) => s.id === 'work')!;
    expect(work.capAdjustment, 'the results section goes over 20').to.be.below(0);
    const el = await mountSheet({ sheet, rubric });
    expectShowsSheet(el, sheet);
    const note = text($(el, 'tr.subtotal[data-section="work"] [data-cap-adjustment]'));
    expect(note).to.equal(`各项合计 ${formatNumber('zh-Hans', work.points)} 分，超过本部分上限 20 分，调整 ${formatNumber('zh-Hans', work.capAdjustment, true)} 分`);
    expect(text($(el, '[part="facts"]'))).to.include('工作实效封顶 20 分（测试）');
  });

  it('shows a fired veto: the notice, the forced grade, the total kept at 0', async () => {
    const { scores, rows, names } = await zhaotongScores();
    const sheet = scores.sheet(rows.vetoed);
    expect(sheet.vetoes.map((v) => v.item)).to.deep.equal(['nominal']);
    const el = await mountSheet({ scores, subject: sheet.subject.id });
    expectShowsSheet(el, sheet);
    expect($(el, '[part~="result"]').getAttribute('part')).to.include('result-vetoed');
    expect(text($(el, '[part="veto"]'))).to.equal('一票否决：“挂名”挂联，已触发；等次定为不合格');
    expect(text($(el, '[data-grade]'))).to.equal('不合格');
    expect(sheet.total).to.equal(0);
    const veto = $(el, 'tr.line[data-item="nominal"]');
    expect(text(veto.querySelector('td.points'))).to.equal('已触发');
    expect(text(veto.querySelector('li[data-fact="nominal.noVisits"]'))).to.include('全年未到挂联村（疑似“挂名”）').and.include('nominal.noVisits');
    // The finding behind the fact, with its code.
    expect(text(veto.querySelector('[data-source="findings"]'))).to.include('nominal.no-visits');
    // The deductions took the raw sum below 0: the range adjustment brings it back, in words.
    if (sheet.rangeAdjustment !== 0) expect(text($(el, 'tfoot tr.range-adjustment'))).to.include('按总分范围调整');
    expect(text($(el, '[part="facts"]'))).to.include(names.get(sheet.subject.id)!);
  });

  it('names the subject, the place by its full path, the period, the rubric and its version', async () => {
    const { scores, rows, names, h } = await zhaotongScores();
    const sheet = scores.sheet(rows.plain);
    const el = await mountSheet({ scores, row: rows.plain });
    expect(text($(el, '[part="title"]'))).to.equal('2024 年度考核成绩单');
    const facts = text($(el, '[part="facts"]'));
    expect(facts).to.include(`${names.get(sheet.subject.id)}（${sheet.subject.id}）`);
    expect(facts).to.include(h.pathOf(sheet.subject.place!).map((d) => d.name).join(' / '));
    expect(facts).to.include(sheet.subject.unit!);
    expect(facts).to.include('挂联干部年度考核评分标准（示例）（第 1 版）');
    // The name attribute wins over the names map; an unknown subject says so.
    el.subjectName = '<b>张三</b>';
    await el.updateComplete;
    expect(text($(el, '[part="facts"]'))).to.include(`<b>张三</b>（${sheet.subject.id}）`);
    expect(el.shadowRoot!.querySelectorAll('b')).to.have.length(0);
    el.subject = 'C999999';
    await el.updateComplete;
    expect(text($(el, '[part="notice"]'))).to.equal('考核结果中没有“C999999”');
  });

  it('shows quarters and months, and speaks the rubric’s own labels in zh-Hant and en, with numbers and times per language', async () => {
    const { scores, rows } = await zhaotongScores();
    const { review } = await reviewedSheet();
    const el = await mountSheet({ review, rubric: EXAMPLE_CADRE_RUBRIC });
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(text($(el, '[part="title"]'))).to.equal('Score sheet, 2024');
    expect(text($(el, 'tr.line[data-item="visits"] .item-label'))).to.equal('Work in the paired village');
    expect(text($(el, 'tbody[data-section="deductions"] tr.section-head'))).to.include('Deductions');
    expect(text($(el, '[data-grade]'))).to.equal(EXAMPLE_CADRE_RUBRIC.grades.find((g) => g.id === review.sheets[1]!.grade)!.labels!.en);
    expectShowsSheet(el, review.sheets[1]!, 'en');
    const steps = $$(el, 'tr.step');
    expect(text(steps[1]!.children[1]!)).to.equal(formatStamp('en', '2025-01-07T10:30:00+08:00'));
    expect(formatStamp('en', '2025-01-07T10:30:00+08:00')).to.include('10:30');
    el.setAttribute('lang', 'zh-Hant');
    await el.updateComplete;
    expect(text($(el, 'tr.line[data-item="visits"] .item-label'))).to.equal('到掛聯村開展工作');
    expect(text($(el, '[part="title"]'))).to.equal('2024 年度考核成績單');
    // Other periods.
    const quarter = scoreSheet(EXAMPLE_CADRE_RUBRIC, { ...scores.facts.subject(rows.plain), period: period('quarter', 2024, 2) }, period('quarter', 2024, 2));
    el.review = null;
    el.sheet = quarter;
    el.setAttribute('lang', 'zh-Hans');
    await el.updateComplete;
    expect(text($(el, '[part="title"]'))).to.equal('2024 年第 2 季度考核成绩单');
    el.sheet = { ...quarter, period: period('month', 2024, 3) };
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(text($(el, '[part="title"]'))).to.equal('Score sheet, March 2024');
  });

  it('shows the review history: each step’s level, reviewer, time, action, reason and adjustments, and the revision', async () => {
    const { review, first } = await reviewedSheet();
    const el = await mountSheet({ review, rubric: EXAMPLE_CADRE_RUBRIC });
    const current = review.sheets[1]!;
    expect(el.shownSheet).to.equal(current);
    expectShowsSheet(el, current);
    // The adjustment re-scored the task list: 2 of 4 tasks, half the points.
    const tasks = (s: ScoreSheet) => s.sections.find((x) => x.id === 'work')!.lines.find((l) => l.item === 'tasks')!.points;
    expect([tasks(first), tasks(current)]).to.deep.equal([10, 5]);
    expect(text($(el, 'tr.line[data-item="tasks"] td.points'))).to.equal('5');
    expect(text($(el, '[part="facts"]'))).to.include('已审核').and.include('成绩单第 2 版（共 2 版）');
    const steps = $$(el, 'tr.step').map((tr) => [...tr.children].map((td) => text(td)));
    expect(steps).to.have.length(3);
    const { h } = await zhaotongScores();
    const township = h.parentOf(first.subject.place!)!;
    expect(steps[0]).to.deep.equal(['1', formatStamp('zh-Hans', '2025-01-06T09:05:00+08:00'), `村级 V01（${h.get(first.subject.place!)!.name}）`, '提交：草稿 → 已提交', '—', '1']);
    expect(steps[1]![2]).to.equal(`乡镇级 T01（${township.name}）`);
    expect(steps[1]![3]).to.equal('调整：已提交 → 已提交');
    expect(steps[1]![4]).to.equal('任务清单验收补录 任务清单交办任务数：0 → 4 任务清单完成任务数：0 → 2（依据：验收单 2024-017）');
    expect(steps[1]![5]).to.equal('2');
    expect(steps[2]![3]).to.equal('审核：已提交 → 已审核');
    // The manual fact's evidence, with who entered it and when, on the line that read it.
    expect(text($(el, 'tr.line[data-item="tasks"] li[data-fact="tasksCompleted"] [data-source="manual"]'))).to.equal(
      `人工录入，依据：验收单 2024-017（T01；${formatStamp('zh-Hans', '2025-01-07T10:30:00+08:00')}）`,
    );
    // Times are shown as recorded, whatever the reader's zone.
    expect(formatStamp('zh-Hans', '2025-01-06T09:05:00+08:00')).to.include('09:05');
  });

  it('renders hostile rubric labels, reasons and evidence as text', async () => {
    const { review } = await reviewedSheet();
    delete (window as { __gualianXss?: number }).__gualianXss;
    const { h } = await zhaotongScores();
    const hostile = HOSTILE_NAMES[0];
    const t = team(h, review.subject.place!);
    const rubric = JSON.parse(JSON.stringify(EXAMPLE_CADRE_RUBRIC)) as Rubric;
    rubric.sections[0]!.labels = { 'zh-Hans': hostile };
    rubric.sections[0]!.items[0]!.description = HOSTILE_NAMES[2];
    const adjusted = reviewSheet(review, { action: 'adjust', by: { ...t.county }, at: '2025-01-08T09:00:00+08:00', reason: HOSTILE_NAMES[3], adjustments: [{ fact: 'commendations', value: 1, evidence: HOSTILE_NAMES[4] }] }, { hierarchy: h, rubric: EXAMPLE_CADRE_RUBRIC });
    const el = await mountSheet({ review: adjusted, rubric, subjectName: HOSTILE_NAMES[1] });
    const shown = shownText(el);
    for (const name of HOSTILE_NAMES) expect(shown).to.include(name);
    expect(el.shadowRoot!.querySelectorAll('img, script, svg, b')).to.have.length(0);
    expect((window as { __gualianXss?: number }).__gualianXss).to.equal(undefined);
  });

  it('prints on A4: @page and print media in its styles, print() isolates it, print media show the signature lines of the reviewing levels', async () => {
    const { review } = await reviewedSheet();
    const el = await mountSheet({ review, rubric: EXAMPLE_CADRE_RUBRIC });
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((s) => [...s.cssRules]);
    const page = rules.find((r): r is CSSPageRule => r instanceof CSSPageRule);
    expect(page, 'an @page rule').to.not.equal(undefined);
    expect(page!.style.getPropertyValue('size')).to.match(/a4/i);
    expect(rules.some((r) => r instanceof CSSMediaRule && r.media.mediaText === 'print'), '@media print').to.equal(true);

    const original = window.print;
    let during: { marked: boolean; a4: boolean } | null = null;
    window.print = () => {
      const docRules = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText));
      during = { marked: el.hasAttribute('data-gualian-printing'), a4: docRules.some((r) => r.startsWith('@page') && /\bsize: a4\b/i.test(r)) };
    };
    const before = document.adoptedStyleSheets.length;
    try {
      $<HTMLButtonElement>(el, '[part="print"]').click();
    } finally {
      window.print = original;
    }
    expect(during).to.deep.equal({ marked: true, a4: true });
    window.dispatchEvent(new Event('afterprint'));
    expect(el.hasAttribute('data-gualian-printing')).to.equal(false);
    expect(document.adoptedStyleSheets.length).to.equal(before);

    const shown = (selector: string) => getComputedStyle($(el, selector)).display !== 'none';
    expect([shown('[part="actions"]'), shown('[part="signatures"]'), shown('[part="table"]')]).to.deep.equal([true, false, true]);
    await emulateMedia({ media: 'print' });
    try {
      expect([shown('[part="actions"]'), shown('[part="signatures"]'), shown('[part="table"]'), shown('[part="history"]')]).to.deep.equal([false, true, true, true]);
      expect($$(el, '.signature').map((s) => text(s))).to.deep.equal(['村级审核人（签字）日期', '乡镇级审核人（签字）日期', '县级审核人（签字）日期', '市级审核人（签字）日期']);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    // A place whose townships submit and counties review signs at three levels.
    el.flow = { submit: 'township', review: 'county', approve: 'city', publish: 'city' };
    await el.updateComplete;
    expect($$(el, '.signature').map((s) => s.dataset['level'])).to.deep.equal(['township', 'county', 'city']);
  });

  it('large text keeps the explained table readable: it scrolls within the widget, never past it', async () => {
    const { scores, rows } = await zhaotongScores();
    const el = await mountSheet({ scores, row: rows.plain }, { 'large-text': true });
    expect(el.getBoundingClientRect().width).to.be.at.most(document.documentElement.clientWidth);
    const wrap = $(el, '.table-wrap');
    expect(wrap.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 1);
  });
});
