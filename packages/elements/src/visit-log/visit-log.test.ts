import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { dayNumber, isoDate, yearRange } from '@gualian/core';
import { Roster, type Visit } from '@gualian/core/pairing';
import { translate } from '../base/testing/messages.js';
import { generateRoster, type GeneratedRoster } from '@gualian/core/demo';
import type { Hierarchy } from '@gualian/core';
import { edition } from '../../../../tests/fixtures/data.js';
import './define.js';
import { GualianVisitLog } from './visit-log.js';
import { GualianVisitEvent } from './events.js';
import { LEDGER_SHEET, XLSX_TYPE } from './xlsx.js';
import { readXlsx } from './testing/read-xlsx.js';
import { HOSTILE_NAMES, widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, shownText, unmountAll } from '../base/testing/mount.js';

// The real Zhaotong hierarchy and the seeded demo roster with its planted faults, once per file.
let fixture: Promise<{ h: Hierarchy; generated: GeneratedRoster }> | null = null;
function zhaotong(): Promise<{ h: Hierarchy; generated: GeneratedRoster }> {
  fixture ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    return { h, generated: generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true }) };
  })();
  return fixture;
}

/** A fresh roster each time: the tests add visits to it. */
async function freshRoster(): Promise<Roster> {
  const { h, generated } = await zhaotong();
  return Roster.from(h, generated);
}

/** A cadre the generator planted with too few visits, and what the ledger must show for them. */
async function fewVisitsCadre() {
  const { h, generated } = await zhaotong();
  const id = generated.planted.fewVisits[0]!;
  // Date order; visits of one day keep the order they were recorded in.
  const visits = generated.visits
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.cadreId === id)
    .sort((a, b) => a.v.date.localeCompare(b.v.date) || a.i - b.i)
    .map(({ v }) => v);
  const village = generated.pairings.find((p) => p.cadreId === id && p.role === 'village')!.code;
  const cadre = generated.cadres.find((c) => c.id === id)!;
  return { id, visits, village, cadre, h };
}

async function mountLog(attributes: Record<string, string | boolean> = {}, roster?: Roster): Promise<GualianVisitLog> {
  const { id } = await fewVisitsCadre();
  const el = await mount('gualian-visit-log', { cadre: id, year: '2024', ...attributes }, { roster: roster ?? (await freshRoster()) });
  await ready(el);
  return el;
}

const $ = <T extends Element = HTMLElement>(el: GualianVisitLog, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector)!;
const $$ = <T extends Element = HTMLElement>(el: GualianVisitLog, selector: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(selector)];
const ledgerRows = (el: GualianVisitLog) => $$(el, 'table.ledger tbody tr');
const cellOf = (el: GualianVisitLog, date: string) => $(el, `td[data-day="${date}"]`);
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Type into an input as a user does: focus it, select what is there, type. */
async function typeInto(el: GualianVisitLog, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

/** A date input's digits depend on the browser's locale, so its value is set and announced as the picker would. */
function setDate(el: GualianVisitLog, value: string): void {
  const input = $<HTMLInputElement>(el, '#date');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Tick an activity with the keyboard: focus the checkbox, press Space. */
async function tick(el: GualianVisitLog, activity: string): Promise<void> {
  $<HTMLInputElement>(el, `input[type="checkbox"][value="${activity}"]`).focus();
  await sendKeys({ press: 'Space' });
}

async function pressSave(el: GualianVisitLog): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]').focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

widgetSuites<GualianVisitLog>('gualian-visit-log', {
  tag: 'gualian-visit-log',
  async data() {
    const { id } = await fewVisitsCadre();
    return { attributes: { cadre: id, year: '2024' }, properties: { roster: await freshRoster() } };
  },
  labels: ['ui.visitLog.record', 'ui.visitLog.field.minutes', 'ui.visitLog.activity.dispute-resolution', 'ui.visitLog.ledger', 'ui.visitLog.col.households', 'ui.visitLog.export', 'ui.visitLog.print'],
  async keyboard(el) {
    // Tab on through the form to the calendar: the first day reached holds its one tab stop.
    for (let i = 0; i < 40 && deepActiveElement()?.localName !== 'td'; i++) {
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.contains(deepActiveElement()), 'Tab stays inside the widget on the way').to.equal(true);
    }
    const start = deepActiveElement() as HTMLElement;
    expect(start.localName).to.equal('td');
    expect($$(el, 'td[tabindex="0"]')).to.deep.equal([start]);
    // The last visit's day holds the tab stop; Enter lists its visits.
    const { visits } = await fewVisitsCadre();
    const last = visits[visits.length - 1]!;
    expect(start.dataset['day']).to.equal(last.date);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text($(el, '[part="day-visits"]'))).to.include(`${last.minutes} 分钟`);
    // ↓ is the next day, ← a week earlier, → a week later (never past the ends of the year).
    const [first, lastDay] = yearRange(2024);
    const moved = (offset: number) => isoDate(Math.max(first, Math.min(lastDay, dayNumber(last.date) + offset)));
    const focusedDay = () => (deepActiveElement() as HTMLElement).dataset['day'];
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focusedDay()).to.equal(moved(1));
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(focusedDay()).to.equal(isoDate(Math.max(first, dayNumber(moved(1)) - 7)));
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    await sendKeys({ up: 'Control' });
    await el.updateComplete;
    expect(focusedDay()).to.equal('2024-12-31');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focusedDay(), 'stays on the last day').to.equal('2024-12-31');
    await sendKeys({ press: 'PageUp' });
    await el.updateComplete;
    expect(focusedDay()).to.equal('2024-11-30');
    if (!visits.some((v) => v.date === '2024-11-30')) {
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(text($(el, '[part="day-visits"]'))).to.equal('2024年11月30日：没有走访');
    }
    // The grid is one tab stop: the next Tab leaves it.
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.localName).to.not.equal('td');
  },
  async reveal(el, deepest) {
    const roster = el.roster!;
    const paired = roster.pairings.find((p) => p.role === 'village' && p.code === deepest);
    expect(paired, `a cadre paired with ${deepest} in the demo roster`).to.not.equal(undefined);
    el.cadre = paired!.cadreId;
    await el.updateComplete;
  },
});

describe('gualian-visit-log on the real Zhaotong hierarchy and the seeded demo roster', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('lists exactly the cadre’s visits in date order, with the totals and the compliance line', async () => {
    const { id, visits, village, cadre } = await fewVisitsCadre();
    expect(visits.length, 'a fewVisits cadre has one or two visits').to.be.within(1, 2);
    const el = await mountLog();
    expect(ledgerRows(el).map((r) => r.dataset['visit'])).to.deep.equal(visits.map((v) => v.id));
    expect(ledgerRows(el).map((r) => text(r.querySelector('.date')))).to.deep.equal(visits.map((v) => v.date));
    const { h } = await fewVisitsCadre();
    for (const row of ledgerRows(el)) {
      const v = visits.find((x) => x.id === row.dataset['visit'])!;
      const cells = [...row.querySelectorAll('td')].map(text);
      expect(cells[2]).to.equal(h.get(v.villageCode)!.name);
      expect(cells[3]).to.equal(String(v.minutes));
      expect(cells[4]).to.equal(String(v.households));
      expect(cells[5]).to.equal(v.activities.map((a) => translate(`ui.visitLog.activity.${a}` as never)).join('、'));
    }
    const totals = [...$(el, '[part="totals"]').children].map(text);
    expect(totals[0]).to.equal(`合计 ${visits.length} 次`);
    expect(totals[1]).to.equal(String(visits.reduce((a, v) => a + v.minutes, 0)));
    expect(totals[2]).to.equal(String(visits.reduce((a, v) => a + v.households, 0)));
    expect(el.ledger!.totals.visits).to.equal(visits.length);
    // The header: who, where (the full path of the paired village), and the policy's count.
    expect(text($(el, '[part="title"]'))).to.equal(`${cadre.name} 2024 年工作台账`);
    expect(text($(el, '[part="facts"]'))).to.include(h.pathOf(village).map((d) => d.name).join(' / '));
    const compliance = $(el, '[part~="compliance"]');
    expect(compliance.getAttribute('part')).to.include('compliance-short');
    expect(text(compliance)).to.include(`本年走访挂联村 ${visits.length} 次，应不少于 4 次`).and.include(`还差 ${4 - visits.length} 次`);
    expect(id).to.match(/^C\d{6}$/);
  });

  it('follows a required attribute other than Zhaotong’s 4', async () => {
    const { visits } = await fewVisitsCadre();
    const el = await mountLog({ required: String(visits.length) });
    const compliance = $(el, '[part~="compliance"]');
    expect(compliance.getAttribute('part')).to.include('compliance-ok');
    expect(text(compliance)).to.include(`应不少于 ${visits.length} 次`).and.include('已达标');
  });

  it('draws a calendar cell for every day of 2024 (53 weeks × 7 days), shaded and labelled by the day’s visits', async () => {
    const { visits } = await fewVisitsCadre();
    const el = await mountLog();
    const days = $$(el, 'td[data-day]');
    expect(days).to.have.length(366);
    const [first] = yearRange(2024);
    // In the grid's reading order (week by week), the days run from 1 January to 31 December.
    const byDate = [...days].sort((a, b) => a.dataset['day']!.localeCompare(b.dataset['day']!));
    expect(byDate.map((d) => d.dataset['day'])).to.deep.equal(Array.from({ length: 366 }, (_, i) => isoDate(first + i)));
    const rows = $$(el, '.heatmap tbody tr');
    expect(rows).to.have.length(7);
    for (const row of rows) expect(row.querySelectorAll('td')).to.have.length(53);
    const months = $$(el, '.heatmap thead th');
    expect(months.map(text)).to.deep.equal(['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']);
    expect(months.reduce((a, th) => a + Number(th.getAttribute('colspan')), 0)).to.equal(53);
    // 2024-01-01 was a Monday: the first cell of the Monday row.
    expect(rows[0]!.querySelector('td')!.dataset['day']).to.equal('2024-01-01');
    const counts = new Map<string, number>();
    for (const v of visits) counts.set(v.date, (counts.get(v.date) ?? 0) + 1);
    for (const cell of days) {
      const n = counts.get(cell.dataset['day']!) ?? 0;
      expect(cell.dataset['count'], cell.dataset['day']).to.equal(String(n));
      expect(cell.classList.contains(`l${Math.min(n, 3)}`), `${cell.dataset['day']} shade`).to.equal(true);
    }
    const [y, m, d] = visits[0]!.date.split('-').map(Number);
    expect(cellOf(el, visits[0]!.date).getAttribute('aria-label')).to.equal(`${y}年${m}月${d}日：走访 ${counts.get(visits[0]!.date)} 次`);
    expect(cellOf(el, '2024-02-29').getAttribute('aria-label')).to.match(/^2024年2月29日：走访 \d+ 次$/);
    // No inline style anywhere: the strict CSP forbids it.
    expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
  });

  it('records a valid visit typed with the keyboard: added to the roster, the ledger and the calendar, with a typed event', async () => {
    const roster = await freshRoster();
    const { id, visits, village } = await fewVisitsCadre();
    const el = await mountLog({}, roster);
    const events = record(el, 'gualian-visit');
    const before = roster.visitCount;
    // The village select defaults to the cadre's paired village, shown by name.
    const select = $<HTMLSelectElement>(el, '#villageCode');
    expect(select.value).to.equal(village);
    expect(text(select.selectedOptions[0]!)).to.include(roster.hierarchy.get(village)!.name);
    setDate(el, '2024-06-18');
    await typeInto(el, '#minutes', '150');
    await typeInto(el, '#households', '7');
    await tick(el, 'dispute-resolution');
    await tick(el, 'legal-education');
    await typeInto(el, '#notes', HOSTILE_NAMES[0]);
    await pressSave(el);

    expect(roster.visitCount).to.equal(before + 1);
    expect(events).to.have.length(1);
    const event = events[0]!;
    expect(event).to.be.instanceOf(GualianVisitEvent);
    const expected: Omit<Visit, 'id'> = { cadreId: id, villageCode: village, date: '2024-06-18', minutes: 150, households: 7, activities: ['dispute-resolution', 'legal-education'], notes: HOSTILE_NAMES[0] };
    const { id: newId, ...rest } = event.visit;
    expect(rest).to.deep.equal(expected);
    expect(newId).to.match(new RegExp(`^${id}-20240618-[0-9a-f]{8}$`));
    expect(roster.visitIndex(newId)).to.equal(before);
    expect(roster.visitColumns().minutes[before]).to.equal(150);

    await el.updateComplete;
    const ids = ledgerRows(el).map((r) => r.dataset['visit']);
    const all = [...visits.map((v) => ({ id: v.id, date: v.date })), { id: newId, date: '2024-06-18' }].sort((a, b) => a.date.localeCompare(b.date));
    expect(ids).to.deep.equal(all.map((v) => v.id));
    const row = ledgerRows(el).find((r) => r.dataset['visit'] === newId)!;
    expect(text(row)).to.include('化解矛盾纠纷、普法送法').and.include(HOSTILE_NAMES[0]);
    expect(row.querySelectorAll('img')).to.have.length(0);
    expect(text($(el, '[part="totals"]'))).to.include(`合计 ${visits.length + 1} 次`);
    expect(cellOf(el, '2024-06-18').dataset['count']).to.equal(String(visits.filter((v) => v.date === '2024-06-18').length + 1));
    expect(text($(el, '[part~="compliance"]'))).to.include(`本年走访挂联村 ${visits.length + 1} 次`);
    expect(text($(el, '[part="form-status"]'))).to.include('已记录 2024-06-18');
    // The form is ready for the next visit: same village and date, the rest cleared.
    expect($<HTMLInputElement>(el, '#minutes').value).to.equal('');
    expect($$<HTMLInputElement>(el, 'input[type="checkbox"]').some((c) => c.checked)).to.equal(false);
  });

  it('refuses an invalid visit (no activity, negative minutes, a date outside the year): errors by their fields, nothing added', async () => {
    const roster = await freshRoster();
    const { visits } = await fewVisitsCadre();
    const el = await mountLog({}, roster);
    const events = record(el, 'gualian-visit');
    const before = roster.visitCount;
    setDate(el, '2023-12-31');
    await typeInto(el, '#minutes', '-30');
    await typeInto(el, '#households', '3');
    await pressSave(el);

    expect(roster.visitCount).to.equal(before);
    expect(events).to.have.length(0);
    expect(ledgerRows(el)).to.have.length(visits.length);
    const errorFor = (field: string) => {
      const control = $(el, field === 'activities' ? 'fieldset' : `#${field}`);
      const describedBy = control.getAttribute('aria-describedby');
      expect(describedBy, `${field} is described by its error`).to.equal(`${field}-error`);
      return text($(el, `#${describedBy}`));
    };
    expect(errorFor('date')).to.equal('日期须在 2024 年内');
    expect(errorFor('minutes')).to.equal('不能为负数');
    expect(errorFor('activities')).to.equal('请至少选择一项工作内容');
    expect($(el, '#date').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#minutes').getAttribute('aria-invalid')).to.equal('true');
    expect($$(el, 'input[type="checkbox"]').every((c) => c.getAttribute('aria-invalid') === 'true')).to.equal(true);
    expect($(el, '#households').hasAttribute('aria-invalid')).to.equal(false);
    expect(text($(el, '[part="form-status"]'))).to.equal('有 3 项需要修改，记录未保存');
    // Each error sits next to its field, and focus goes to the first field to fix.
    expect($(el, '#minutes-error').parentElement).to.equal($(el, '#minutes').parentElement);
    expect(deepActiveElement()?.id).to.equal('date');

    // Fixing a field clears its error; the others stay until they are fixed too.
    await typeInto(el, '#minutes', '45');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#minutes-error')).to.equal(null);
    expect($(el, '#minutes').hasAttribute('aria-invalid')).to.equal(false);
    expect(text($(el, '#date-error'))).to.equal('日期须在 2024 年内');

    // The messages follow the language.
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(text($(el, '#date-error'))).to.equal('The date must be in 2024');
    expect(roster.visitCount).to.equal(before);
  });

  it('exports the ledger as an .xlsx Blob that a spreadsheet library reads back: sheet 台账 with the lines and the totals', async () => {
    const { visits, cadre, village, h } = await fewVisitsCadre();
    const el = await mountLog();
    const blobs: Blob[] = [];
    const downloads: string[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) blobs.push(obj);
      return create.call(URL, obj);
    };
    // Keep the test browser from saving a file: note the link's name and cancel its default action.
    const onClick = (e: Event) => {
      const a = e.target as HTMLAnchorElement;
      if (a.localName === 'a' && a.download) {
        downloads.push(a.download);
        e.preventDefault();
      }
    };
    el.shadowRoot!.addEventListener('click', onClick, true);
    try {
      $<HTMLButtonElement>(el, '[part="export"]').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text($(el, '[part="actions"] [role="status"]')).startsWith('已生成'), 'the export finished', { timeout: 60_000 });
    } finally {
      URL.createObjectURL = create;
      el.shadowRoot!.removeEventListener('click', onClick, true);
    }
    expect(downloads).to.deep.equal([`台账-${cadre.id}-${cadre.name}-2024.xlsx`]);
    expect(blobs).to.have.length(1);
    const blob = blobs[0]!;
    expect(blob.type).to.equal(XLSX_TYPE);

    const sheets = await readXlsx(blob);
    expect([...sheets.keys()]).to.deep.equal([LEDGER_SHEET, '干部信息']);
    const rows = sheets.get(LEDGER_SHEET)!;
    expect(rows[0]).to.deep.equal(['序号', '日期', '村代码', '村', '时长（分钟）', '入户数', '工作内容', '备注', '记录编号']);
    expect(rows).to.have.length(visits.length + 2);
    visits.forEach((v, i) => {
      const row = rows[i + 1]!;
      expect(row[0]).to.equal(i + 1);
      expect((row[1] as Date).toISOString().slice(0, 10)).to.equal(v.date);
      expect(row.slice(2, 6)).to.deep.equal([v.villageCode, h.get(v.villageCode)!.name, v.minutes, v.households]);
      expect(row[8]).to.equal(v.id);
    });
    const totals = rows[rows.length - 1]!;
    expect(totals[0]).to.equal('合计');
    expect(totals[1]).to.equal(`${visits.length} 次`);
    expect(totals[4]).to.equal(visits.reduce((a, v) => a + v.minutes, 0));
    expect(totals[5]).to.equal(visits.reduce((a, v) => a + v.households, 0));
    const about = sheets.get('干部信息')!;
    expect(about).to.deep.include(['干部编号', cadre.id]);
    expect(about).to.deep.include(['走访挂联村次数', visits.length]);
    expect(about).to.deep.include(['挂联村', h.pathOf(village).map((d) => d.name).join(' / ')]);
  });

  it('prints the ledger alone: print() isolates the element on A4 until afterprint, and print media hide the form and the calendar', async () => {
    const el = await mountLog();
    const original = window.print;
    let during: { marked: boolean; a4: boolean } | null = null;
    window.print = () => {
      const rules = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText));
      during = { marked: el.hasAttribute('data-gualian-printing'), a4: rules.some((r) => r.startsWith('@page') && /\bsize: a4\b/i.test(r)) };
    };
    const sheetsBefore = document.adoptedStyleSheets.length;
    try {
      el.print();
    } finally {
      window.print = original;
    }
    expect(during).to.deep.equal({ marked: true, a4: true });
    window.dispatchEvent(new Event('afterprint'));
    expect(el.hasAttribute('data-gualian-printing')).to.equal(false);
    expect(document.adoptedStyleSheets.length).to.equal(sheetsBefore);

    const shown = (selector: string) => getComputedStyle($(el, selector)).display !== 'none';
    expect([shown('form'), shown('.calendar'), shown('.actions'), shown('table.ledger')]).to.deep.equal([true, true, true, true]);
    await emulateMedia({ media: 'print' });
    try {
      expect([shown('form'), shown('.calendar'), shown('.actions'), shown('table.ledger'), shown('.signatures')]).to.deep.equal([false, false, false, true, true]);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('shows another cadre’s ledger, village and form when the cadre changes', async () => {
    const { generated } = await zhaotong();
    const el = await mountLog();
    const other = generated.planted.crammed[0]!;
    const village = generated.pairings.find((p) => p.cadreId === other && p.role === 'village')!.code;
    setDate(el, '2024-05-05');
    el.cadre = other;
    await el.updateComplete;
    const select = $<HTMLSelectElement>(el, '#villageCode');
    expect(select.value).to.equal(village);
    expect(select.selectedIndex).to.equal(0);
    expect($<HTMLInputElement>(el, '#date').value, 'the draft of the previous cadre is dropped').to.equal('');
    expect(ledgerRows(el).map((r) => r.dataset['visit'])).to.deep.equal(generated.visits.filter((v) => v.cadreId === other).sort((a, b) => a.date.localeCompare(b.date)).map((v) => v.id));
  });

  it('in large-text mode, where the year is wider than the widget, scrolls the calendar to the latest visit', async () => {
    const { generated } = await zhaotong();
    const crammed = generated.planted.crammed[0]!;
    const el = await mountLog({ cadre: crammed, 'large-text': true });
    const scroller = $(el, '.scroller');
    expect(scroller.scrollWidth, 'the calendar overflows').to.be.greaterThan(scroller.clientWidth);
    const active = $(el, 'td[tabindex="0"]');
    const last = generated.visits.filter((v) => v.cadreId === crammed).map((v) => v.date).sort().pop()!;
    expect(active.dataset['day']).to.equal(last);
    const box = scroller.getBoundingClientRect();
    const cell = active.getBoundingClientRect();
    expect(cell.left >= box.left && cell.right <= box.right, 'the latest visit is in view').to.equal(true);
  });

  it('in readonly mode shows the ledger without the form', async () => {
    const { visits } = await fewVisitsCadre();
    const el = await mountLog({ readonly: true });
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    expect(ledgerRows(el)).to.have.length(visits.length);
  });

  it('shows a visit another part of the page adds to the roster', async () => {
    const roster = await freshRoster();
    const { id, village, visits } = await fewVisitsCadre();
    const el = await mountLog({}, roster);
    roster.addVisit({ id: 'EXTERNAL-1', cadreId: id, villageCode: village, date: '2024-12-30', minutes: 60, households: 2, activities: ['law-class'] });
    await el.updateComplete;
    expect(ledgerRows(el).map((r) => r.dataset['visit'])).to.have.length(visits.length + 1);
    expect(ledgerRows(el).at(-1)!.dataset['visit']).to.equal('EXTERNAL-1');
    expect(cellOf(el, '2024-12-30').dataset['count']).to.equal(String(visits.filter((v) => v.date === '2024-12-30').length + 1));
  });

  it('says so, as text, for a cadre the roster does not have', async () => {
    const el = await mountLog({ cadre: '<img src=x onerror="window.__gualianXss=9">' });
    expect(text($(el, '[part="notice"]'))).to.equal('名册中没有编号为“<img src=x onerror="window.__gualianXss=9">”的干部');
    expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect(shownText(el)).to.not.include('工作台账');
  });
});
