import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import {
  describeError,
  dayNumber,
  isoDate,
  yearRange,
  type Hierarchy,
  type Lang,
} from '@gualian/core';
import {
  ACTIVITIES,
  ledgerOf,
  ZHAOTONG_POLICY,
  type Activity,
  type Cadre,
  type Ledger,
  type LedgerLine,
  type Roster,
} from '@gualian/core/pairing';
import { GualianElement } from '../base/gualian-element.js';
import { dayAt, moveDay, shadeOf, SHADES, yearGrid, type GridKey, type YearGrid } from './calendar.js';
import { checkDraft, emptyDraft, newVisitId, type FieldError, type VisitDraft, type VisitField } from './entry.js';
import { GualianVisitEvent } from './events.js';
import { printIsolation, visitLogStyles } from './styles.js';
import type { LedgerBook } from './xlsx.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** What the widget knows of its cadre for the year. */
interface CadreView {
  cadre: Cadre;
  /** Codes of the villages the cadre is paired with in the year, in the roster's order. */
  villages: string[];
  /** Codes of the counties and townships the cadre leads in the year. */
  leads: string[];
  ledger: Ledger;
  /** Visits of the year to one of the paired villages: what the policy counts. */
  made: number;
  /** Visits per day number. */
  perDay: Map<number, LedgerLine[]>;
}

type ExportState = { key: MessageKey; values?: Record<string, string | number>; failed?: boolean } | null;

const GRID_KEYS: Record<string, GridKey> = {
  ArrowUp: 'ArrowUp',
  ArrowDown: 'ArrowDown',
  ArrowLeft: 'ArrowLeft',
  ArrowRight: 'ArrowRight',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
};

// Visit notes recorded on this page, by roster and visit id. The core's Roster keeps visits in
// columns without their notes, so without this the ledger would drop a note the moment it was
// saved; the page gets the full record in the gualian-visit event and keeps it.
const notesOf = new WeakMap<Roster, Map<string, string>>();

/**
 * The work ledger of one cadre (一人一工作台账): a form to record a visit to a paired village,
 * a calendar of the year shaded by the visits of each day, and the ledger itself — every
 * visit in date order with the year's totals and the policy's compliance line — which prints
 * alone on A4 and exports to an Excel workbook (write-excel-file, fetched on the first export).
 *
 * Give it a core `Roster` as `roster`, a cadre id as `cadre` and the `year`. Place names come
 * from `hierarchy`, `store` or `src` when given (for instance a newer edition's names), else
 * from the roster's own hierarchy. A visit passes the core's `visitSchema`, must have at least
 * one kind of work and a date in the year; it is then added with `roster.addVisit` and the
 * element fires `gualian-visit`: saving it is the page's job. All data is rendered as text.
 *
 * The calendar is one tab stop: ↑/↓ previous or next day, ←/→ a week earlier or later,
 * Home/End the start or end of the week, PageUp/PageDown a month, Ctrl+Home/Ctrl+End the first
 * or last day of the year; Enter or Space lists that day's visits. The ledger table below it
 * is its text alternative.
 *
 * @tag gualian-visit-log
 * @summary Record a cadre's visits and read, print or export the cadre's ledger for a year.
 *
 * @attr {string} cadre - The id of the cadre whose ledger is shown.
 * @attr {number} year - The year of the ledger (default: the current year).
 * @attr {number} required - Visits a year the policy asks of a paired cadre (default 4, Zhaotong's).
 * @attr {boolean} readonly - Show the ledger only, without the form.
 * @prop {Roster | null} roster - The core roster holding the cadre, the pairings and the visits; new visits are added to it.
 *
 * @fires {GualianVisitEvent} gualian-visit - A visit was recorded through the form and added to the roster; `visit` is the full record.
 *
 * @csspart log - The whole ledger view.
 * @csspart header - The title, the cadre's facts, the compliance line and the buttons.
 * @csspart title - The heading: the cadre and the year.
 * @csspart facts - The cadre's id, unit, rank, paired villages and leads (a description list).
 * @csspart compliance - The line of visits made against visits required; also `compliance-ok` or `compliance-short`.
 * @csspart actions - The print and export buttons and the export status.
 * @csspart print - The print button.
 * @csspart export - The export button.
 * @csspart form - The form recording a visit.
 * @csspart field - One field of the form (label, control, error).
 * @csspart error - The message under a field that needs fixing.
 * @csspart submit - The button saving the visit.
 * @csspart form-status - The form's outcome: saved, or how many fields need fixing.
 * @csspart calendar - The calendar section.
 * @csspart heatmap - The calendar grid (role=grid).
 * @csspart legend - The key of the shades.
 * @csspart day-visits - The visits of the day chosen in the calendar.
 * @csspart ledger - The ledger section.
 * @csspart table - The ledger table.
 * @csspart totals - The totals row of the ledger.
 * @csspart notice - The message shown instead of a ledger (no cadre, unknown cadre).
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-heat-0=#eef1f4] - Calendar days without a visit.
 * @cssprop [--gualian-heat-1=#9be9a8] - Days with one visit.
 * @cssprop [--gualian-heat-2=#30a14e] - Days with two visits.
 * @cssprop [--gualian-heat-3=#0e4429] - Days with three visits or more.
 * @cssprop [--gualian-rule-color=#d0d7de] - Table rules, form and calendar borders.
 * @cssprop [--gualian-primary-color=#ffffff] - Text of the save button (its background is the accent colour).
 * @cssprop [--gualian-badge-ok-color=#116329] - Compliance line when met (and `-background`, default #dafbe1); `bad` when short.
 *
 * @example
 * <gualian-visit-log cadre="C000123" year="2024"></gualian-visit-log>
 * <script type="module">
 *   import { Roster } from '@gualian/core';
 *   const log = document.querySelector('gualian-visit-log');
 *   log.roster = Roster.from(zhaotong, { cadres, pairings, visits });
 *   log.addEventListener('gualian-visit', (e) => save(e.visit));
 * </script>
 */
export class GualianVisitLog extends GualianElement {
  static override styles = [...GualianElement.styles, visitLogStyles];

  static override properties: PropertyDeclarations = {
    roster: { attribute: false },
    cadre: { reflect: true },
    year: { type: Number, reflect: true },
    required: { type: Number },
    readOnly: { type: Boolean, reflect: true, attribute: 'readonly' },
  };

  /** The roster holding the cadre, the pairings and the visits; new visits are added to it. */
  declare roster: Roster | null;

  /** The id of the cadre whose ledger is shown. */
  declare cadre: string | null;

  /** The year of the ledger (default: the current year). */
  declare year: number;

  /** Visits a year the policy asks of a paired cadre (default 4, Zhaotong's `minVisitsPerYear`). */
  declare required: number;

  /** Show the ledger only, without the form. */
  declare readOnly: boolean;

  #view: CadreView | null = null;
  #grid: YearGrid = yearGrid(new Date().getFullYear());
  /** Set by the roster's visit listener: the ledger must be read again. */
  #stale = true;
  #unsubscribe: (() => void) | null = null;
  #draft: VisitDraft = emptyDraft();
  #errors: Partial<Record<VisitField, FieldError>> = {};
  #formStatus: { key: MessageKey; values?: Record<string, string | number>; kind: 'saved' | 'invalid' } | null = null;
  #focusFirstError = false;
  /** The day holding the calendar's tab stop, and the one whose visits are listed. */
  #activeDay: number | null = null;
  #chosenDay: number | null = null;
  #focusActiveDay = false;
  /** Bring the day holding the tab stop into the calendar's view after the next render. */
  #revealActiveDay = false;
  #exportState: ExportState = null;

  constructor() {
    super();
    this.roster = null;
    this.cadre = null;
    this.year = new Date().getFullYear();
    this.required = ZHAOTONG_POLICY.minVisitsPerYear;
    this.readOnly = false;
  }

  /** The ledger shown: the cadre's visits of the year in date order, with the totals; `null` without a roster or cadre. */
  get ledger(): Ledger | null {
    return this.#view?.ledger ?? null;
  }

  /**
   * Print the ledger alone on A4: the rest of the page, the form, the calendar and the buttons
   * are left out of the printout. Opens the browser's print dialog.
   * @example
   * document.querySelector('gualian-visit-log').print();
   */
  print(): void {
    const doc = this.ownerDocument;
    const win = doc.defaultView;
    if (!win || this.hasAttribute('data-gualian-printing')) return;
    const sheet = printIsolation(win);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    this.setAttribute('data-gualian-printing', '');
    // Chromium's print() returns when the dialog closes, other browsers' at once: `afterprint`
    // comes after the printout in both, so the page is restored then and not before.
    const done = () => {
      win.removeEventListener('afterprint', done);
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      this.removeAttribute('data-gualian-printing');
    };
    win.addEventListener('afterprint', done);
    win.print();
  }

  /**
   * Build the ledger as an .xlsx workbook: sheet 台账 (a header row, the lines, the totals) and
   * a sheet describing the cadre and the year. The spreadsheet library is fetched the first time.
   * @example
   * const blob = await log.toXlsx();
   */
  async toXlsx(): Promise<Blob> {
    const book = this.#workbook();
    if (book === null) throw new Error('no ledger to export');
    const { ledgerWorkbook } = await import('./xlsx.js');
    return ledgerWorkbook(book);
  }

  /**
   * Build the workbook and hand it to the browser as a download (what the export button does).
   * @example
   * await log.downloadXlsx(); // 台账-C000123-王芳-2024.xlsx
   */
  async downloadXlsx(): Promise<void> {
    const view = this.#view;
    if (view === null) return;
    this.#exportState = { key: 'ui.visitLog.exporting' };
    this.requestUpdate();
    try {
      const blob = await this.toXlsx();
      const file = fileName(`台账-${view.cadre.id}-${view.cadre.name}-${this.#grid.year}.xlsx`);
      const url = URL.createObjectURL(blob);
      const a = this.ownerDocument.createElement('a');
      a.href = url;
      a.download = file;
      a.hidden = true;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      // Revoking at once can cancel a download the browser has not started reading yet.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.#exportState = { key: 'ui.visitLog.exported', values: { file } };
    } catch (e) {
      this.#exportState = { key: 'ui.visitLog.exportFailed', values: { reason: describeError(e, this.i18n.lang) }, failed: true };
    }
    this.requestUpdate();
    await this.updateComplete;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('roster')) {
      this.#unsubscribe?.();
      this.#unsubscribe = null;
      if (this.isConnected) this.#listen();
    }
    const newSubject = changed.has('roster') || changed.has('cadre') || changed.has('year');
    if (changed.has('year')) this.#grid = yearGrid(this.#validYear());
    if (newSubject || this.#stale) {
      this.#stale = false;
      this.#view = this.#computeView();
    }
    if (newSubject) {
      this.#draft = emptyDraft(this.#view?.villages[0] ?? '');
      this.#errors = {};
      this.#formStatus = null;
      this.#exportState = null;
      this.#chosenDay = null;
      this.#activeDay = null;
      this.#revealActiveDay = true;
    }
    if (this.#activeDay === null || this.#activeDay < this.#grid.first || this.#activeDay > this.#grid.last) {
      const lines = this.#view?.ledger.lines ?? [];
      this.#activeDay = lines.length > 0 ? dayNumber(lines[lines.length - 1]!.date) : this.#grid.first;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusFirstError) {
      this.#focusFirstError = false;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
    if (this.#focusActiveDay) {
      this.#focusActiveDay = false;
      this.renderRoot.querySelector<HTMLElement>('td[tabindex="0"]')?.focus();
    } else if (this.#revealActiveDay) {
      this.#revealActiveDay = false;
      // In large-text mode the year is wider than the widget: show the latest visit, not January.
      // Only the calendar scrolls (scrollIntoView would move the page too).
      const cell = this.renderRoot.querySelector<HTMLElement>('td[tabindex="0"]');
      const scroller = cell?.closest<HTMLElement>('.scroller');
      if (cell && scroller && scroller.scrollWidth > scroller.clientWidth) {
        const offset = cell.getBoundingClientRect().left - scroller.getBoundingClientRect().left + scroller.scrollLeft;
        scroller.scrollLeft = Math.max(0, offset - scroller.clientWidth / 2);
      }
    }
  }

  protected override divisionsOptional = true;

  protected override renderStatus(): TemplateResult | null {
    return super.renderStatus() ?? (this.roster === null ? html`<p class="status" part="status" role="status">${this.t('ui.visitLog.noRoster')}</p>` : null);
  }

  protected override render(): TemplateResult {
    const status = this.renderStatus();
    if (status) return status;
    const view = this.#view;
    if (view === null) {
      const text = this.cadre ? this.t('ui.visitLog.unknownCadre', { id: this.cadre }) : this.t('ui.visitLog.noCadre');
      return html`<p class="note" part="notice">${text}</p>`;
    }
    const lang = this.resolvedLang;
    return html`
      <article class="log" part="log" aria-labelledby="title">
        ${this.#renderHeader(view)} ${this.readOnly ? nothing : this.#renderForm(view)}
        ${guard([view, this.#grid, lang, this.#activeDay, this.#chosenDay], () => this.#renderCalendar(view, lang))} ${this.#renderLedger(view)}
      </article>
    `;
  }

  // ── Header ──────────────────────────────────────────────────────────────────────────────

  #renderHeader(view: CadreView): TemplateResult {
    const { cadre, ledger } = view;
    const required = this.#requiredVisits();
    const shortfall = Math.max(0, required - view.made);
    const others = ledger.totals.visits - view.made;
    const exportState = this.#exportState;
    const compliance = [
      this.t('ui.visitLog.compliance', { made: view.made, required }),
      shortfall > 0 ? this.t('ui.visitLog.shortBy', { count: shortfall }) : this.t('ui.visitLog.compliant'),
      ...(others > 0 ? [this.t('ui.visitLog.otherVisits', { count: others })] : []),
      // Chinese sentences run on without spaces; English ones take one.
    ].join(this.resolvedLang === 'en' ? ' ' : '');
    return html`
      <header part="header">
        <h2 id="title" part="title">${this.t('ui.visitLog.title', { name: cadre.name, year: this.#grid.year })}</h2>
        <dl class="facts" part="facts">
          <dt>${this.t('ui.visitLog.cadreId')}</dt>
          <dd>${cadre.id}</dd>
          ${cadre.unit ? html`<dt>${this.t('ui.visitLog.unit')}</dt><dd>${cadre.unit}</dd>` : nothing}
          <dt>${this.t('ui.visitLog.rank')}</dt>
          <dd>${this.t(`rank.${cadre.rank}` as MessageKey)}</dd>
          <dt>${this.t('ui.visitLog.village')}</dt>
          <dd>
            ${view.villages.length === 0
              ? this.t('ui.visitLog.notPaired')
              : html`<ul>${view.villages.map((code) => html`<li>${this.#path(code)}</li>`)}</ul>`}
          </dd>
          ${view.leads.length === 0
            ? nothing
            : html`<dt>${this.t('ui.visitLog.leads')}</dt>
                <dd><ul>${view.leads.map((code) => html`<li>${this.#path(code)}</li>`)}</ul></dd>`}
        </dl>
        <p class="compliance ${shortfall > 0 ? 'short' : 'ok'}" part="compliance ${shortfall > 0 ? 'compliance-short' : 'compliance-ok'}">${compliance}</p>
        <div class="actions" part="actions">
          <button type="button" part="print" @click=${() => this.print()}>${this.t('ui.visitLog.print')}</button>
          <button type="button" part="export" ?disabled=${exportState?.key === 'ui.visitLog.exporting'} @click=${() => void this.downloadXlsx()}>
            ${this.t('ui.visitLog.export')}
          </button>
          <p role="status" class=${exportState?.failed ? 'error' : 'note'}>${exportState ? this.t(exportState.key, exportState.values) : nothing}</p>
        </div>
      </header>
    `;
  }

  // ── Form ────────────────────────────────────────────────────────────────────────────────

  #renderForm(view: CadreView): TemplateResult {
    const draft = this.#draft;
    const errors = this.#errors;
    const [first, last] = yearRange(this.#grid.year);
    const status = this.#formStatus;
    const errorOf = (field: VisitField) => {
      const e = errors[field];
      return e ? html`<p id="${field}-error" class="error" part="error">${this.t(e.key, e.values)}</p>` : nothing;
    };
    const invalid = (field: VisitField) => (errors[field] ? 'true' : undefined);
    const described = (field: VisitField) => (errors[field] ? `${field}-error` : undefined);
    const text = (field: 'date' | 'minutes' | 'households' | 'notes') => (e: Event) => this.#edit(field, (e.target as HTMLInputElement).value);
    // Selected option by option, not through the select's value: when the cadre changes, the
    // value would be set before the new cadre's options exist, and would match none.
    const villageOptions = view.villages.map((code) => html`<option value=${code} .selected=${code === draft.villageCode}>${this.#shortPath(code)}</option>`);
    return html`
      <form part="form" novalidate aria-labelledby="form-title" @submit=${this.#onSubmit}>
        <h3 id="form-title">${this.t('ui.visitLog.record')}</h3>
        <p class="form-status ${status?.kind ?? ''}" part="form-status" role="status">${status ? this.t(status.key, status.values) : nothing}</p>
        <div class="fields">
          <div class="field wide village" part="field">
            <label for="villageCode">${this.t('ui.visitLog.field.village')}</label>
            <select
              id="villageCode"
              aria-invalid=${ifDefined(invalid('villageCode'))}
              aria-describedby=${ifDefined(described('villageCode'))}
              @change=${(e: Event) => this.#edit('villageCode', (e.target as HTMLSelectElement).value)}
            >
              ${view.villages.length === 0 ? html`<option value="">${this.t('ui.choose')}</option>` : nothing}
              ${villageOptions}
            </select>
            ${errorOf('villageCode')}
          </div>
          <div class="field" part="field">
            <label for="date">${this.t('ui.visitLog.field.date')}</label>
            <input
              id="date"
              type="date"
              min=${isoDate(first)}
              max=${isoDate(last)}
              aria-invalid=${ifDefined(invalid('date'))}
              aria-describedby=${ifDefined(described('date'))}
              .value=${live(draft.date)}
              @input=${text('date')}
              @change=${text('date')}
            />
            ${errorOf('date')}
          </div>
          <div class="field" part="field">
            <label for="minutes">${this.t('ui.visitLog.field.minutes')}</label>
            <input
              id="minutes"
              type="number"
              inputmode="numeric"
              min="0"
              max="1440"
              step="1"
              aria-invalid=${ifDefined(invalid('minutes'))}
              aria-describedby=${ifDefined(described('minutes'))}
              .value=${live(draft.minutes)}
              @input=${text('minutes')}
            />
            ${errorOf('minutes')}
          </div>
          <div class="field" part="field">
            <label for="households">${this.t('ui.visitLog.field.households')}</label>
            <input
              id="households"
              type="number"
              inputmode="numeric"
              min="0"
              step="1"
              aria-invalid=${ifDefined(invalid('households'))}
              aria-describedby=${ifDefined(described('households'))}
              .value=${live(draft.households)}
              @input=${text('households')}
            />
            ${errorOf('households')}
          </div>
          <fieldset class="field wide ${errors.activities ? 'invalid' : ''}" part="field" aria-describedby=${ifDefined(described('activities'))}>
            <legend>${this.t('ui.visitLog.field.activities')}</legend>
            <div class="choices">
              ${ACTIVITIES.map(
                (a) => html`<label class="choice">
                  <input
                    type="checkbox"
                    name="activities"
                    value=${a}
                    aria-invalid=${ifDefined(invalid('activities'))}
                    .checked=${live(draft.activities.includes(a))}
                    @change=${(e: Event) => this.#toggleActivity(a, (e.target as HTMLInputElement).checked)}
                  />
                  <span>${this.#activityLabel(a)}</span>
                </label>`,
              )}
            </div>
            ${errorOf('activities')}
          </fieldset>
          <div class="field wide" part="field">
            <label for="notes">${this.t('ui.visitLog.field.notes')}</label>
            <textarea id="notes" rows="2" aria-invalid=${ifDefined(invalid('notes'))} aria-describedby=${ifDefined(described('notes'))} .value=${live(draft.notes)} @input=${text('notes')}></textarea>
            ${errorOf('notes')}
          </div>
        </div>
        <div class="submit">
          <button type="submit" class="primary" part="submit">${this.t('ui.visitLog.save')}</button>
        </div>
      </form>
    `;
  }

  #edit(field: Exclude<VisitField, 'activities'>, value: string): void {
    this.#draft = { ...this.#draft, [field]: value };
    this.#clearError(field);
  }

  #toggleActivity(activity: Activity, on: boolean): void {
    const chosen = new Set(this.#draft.activities);
    if (on) chosen.add(activity);
    else chosen.delete(activity);
    // Kept in the core's order, so the record does not depend on the order of the clicks.
    this.#draft = { ...this.#draft, activities: ACTIVITIES.filter((a) => chosen.has(a)) };
    this.#clearError('activities');
  }

  #clearError(field: VisitField): void {
    if (!this.#errors[field]) return;
    const { [field]: _, ...rest } = this.#errors;
    this.#errors = rest;
    this.requestUpdate();
  }

  #onSubmit = (e: Event): void => {
    e.preventDefault();
    const roster = this.roster;
    const view = this.#view;
    if (roster === null || view === null || this.readOnly) return;
    const draft = this.#draft;
    const id = newVisitId(view.cadre.id, draft.date || String(this.#grid.year), (candidate) => roster.visitIndex(candidate) >= 0);
    const result = checkDraft(draft, { id, cadreId: view.cadre.id, year: this.#grid.year });
    if (!result.ok) {
      this.#errors = result.errors;
      this.#formStatus = { key: 'ui.visitLog.errorSummary', values: { count: Object.keys(result.errors).length }, kind: 'invalid' };
      this.#focusFirstError = true;
      this.requestUpdate();
      return;
    }
    const visit = result.visit;
    if (visit.notes !== undefined) {
      let notes = notesOf.get(roster);
      if (!notes) notesOf.set(roster, (notes = new Map()));
      notes.set(visit.id, visit.notes);
    }
    // The roster tells its listeners, this element among them, which re-reads the ledger.
    roster.addVisit(visit);
    this.#errors = {};
    this.#draft = { ...emptyDraft(draft.villageCode), date: draft.date };
    this.#formStatus = { key: 'ui.visitLog.saved', values: { date: visit.date, village: this.#name(visit.villageCode) }, kind: 'saved' };
    this.#chosenDay = dayNumber(visit.date);
    this.#activeDay = this.#chosenDay;
    this.requestUpdate();
    this.dispatchEvent(new GualianVisitEvent(visit));
  };

  // ── Calendar ────────────────────────────────────────────────────────────────────────────

  #renderCalendar(view: CadreView, lang: Lang): TemplateResult {
    const grid = this.#grid;
    const long = formatter(lang, { year: 'numeric', month: 'long', day: 'numeric' });
    const monthName = formatter(lang, { month: 'short' });
    const weekday = formatter(lang, { weekday: 'short' });
    const columns = Array.from({ length: grid.weeks }, (_, c) => c);
    const chosen = this.#chosenDay;
    const chosenLines = chosen === null ? [] : (view.perDay.get(chosen) ?? []);
    return html`
      <section class="calendar" part="calendar" aria-labelledby="calendar-title">
        <h3 id="calendar-title">${this.t('ui.visitLog.calendar', { year: grid.year })}</h3>
        <p id="calendar-help" class="help">${this.t('ui.visitLog.calendarHelp')}</p>
        <div class="scroller">
          <table class="heatmap" part="heatmap" role="grid" aria-labelledby="calendar-title" aria-describedby="calendar-help" aria-readonly="true" @keydown=${this.#onGridKey} @click=${this.#onGridClick}>
            <thead>
              <tr>
                <td></td>
                ${grid.months.map((m) => html`<th scope="col" colspan=${m.span}>${monthName.format(Date.UTC(grid.year, m.month, 15))}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${[0, 1, 2, 3, 4, 5, 6].map(
                (row) => html`<tr>
                  <th scope="row">${weekday.format(Date.UTC(2024, 0, 1 + row))}</th>
                  ${columns.map((c) => {
                    const day = dayAt(grid, row, c);
                    if (day === null) return html`<td></td>`;
                    const count = view.perDay.get(day)?.length ?? 0;
                    return html`<td
                      class="day l${shadeOf(count)} ${day === chosen ? 'chosen' : ''}"
                      data-day=${isoDate(day)}
                      data-count=${count}
                      tabindex=${day === this.#activeDay ? '0' : '-1'}
                      aria-selected=${day === chosen ? 'true' : 'false'}
                      aria-label=${this.t('ui.visitLog.dayCount', { date: long.format(day * 86_400_000), count })}
                    ></td>`;
                  })}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <ul class="legend" part="legend" aria-label=${this.t('ui.visitLog.legend')}>
          ${Array.from({ length: SHADES }, (_, level) => html`<li><span class="swatch l${level}"></span>${this.t(`ui.visitLog.level${level}` as MessageKey)}</li>`)}
        </ul>
        <div class="day-visits" part="day-visits" role="status">
          ${chosen === null
            ? nothing
            : chosenLines.length === 0
              ? html`<p>${this.t('ui.visitLog.noVisitsOn', { date: long.format(chosen * 86_400_000) })}</p>`
              : html`<p>${this.t('ui.visitLog.dayCount', { date: long.format(chosen * 86_400_000), count: chosenLines.length })}</p>
                  <ul>
                    ${chosenLines.map(
                      (l) => html`<li>
                        ${this.t('ui.visitLog.dayLine', {
                          village: this.#lineVillage(l),
                          minutes: l.minutes,
                          households: l.households,
                          activities: this.#activityList(l.activities),
                        })}
                      </li>`,
                    )}
                  </ul>`}
        </div>
      </section>
    `;
  }

  #onGridKey = (e: KeyboardEvent): void => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('td[data-day]');
    if (!cell) return;
    const day = dayNumber(cell.dataset['day']!);
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.#choose(day);
      return;
    }
    let key = GRID_KEYS[e.key];
    if (key === undefined) return;
    if (e.ctrlKey && key === 'Home') key = 'YearStart';
    if (e.ctrlKey && key === 'End') key = 'YearEnd';
    e.preventDefault();
    this.#activeDay = moveDay(this.#grid, day, key);
    this.#focusActiveDay = true;
    this.requestUpdate();
  };

  #onGridClick = (e: Event): void => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('td[data-day]');
    if (cell) this.#choose(dayNumber(cell.dataset['day']!));
  };

  #choose(day: number): void {
    this.#activeDay = day;
    this.#chosenDay = day;
    this.#focusActiveDay = true;
    this.requestUpdate();
  }

  // ── Ledger ──────────────────────────────────────────────────────────────────────────────

  #renderLedger(view: CadreView): TemplateResult {
    const { lines, totals } = view.ledger;
    return html`
      <section class="ledger" part="ledger" aria-labelledby="ledger-title">
        <h3 id="ledger-title">${this.t('ui.visitLog.ledger')}</h3>
        ${lines.length === 0
          ? html`<p class="empty">${this.t('ui.visitLog.empty', { year: this.#grid.year })}</p>`
          : html`<div class="table-wrap">
              <table class="ledger" part="table">
                <caption class="visually-hidden">${this.t('ui.visitLog.title', { name: view.cadre.name, year: this.#grid.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">${this.t('ui.visitLog.col.no')}</th>
                    <th scope="col">${this.t('ui.visitLog.col.date')}</th>
                    <th scope="col">${this.t('ui.visitLog.col.village')}</th>
                    <th scope="col" class="num">${this.t('ui.visitLog.col.minutes')}</th>
                    <th scope="col" class="num">${this.t('ui.visitLog.col.households')}</th>
                    <th scope="col">${this.t('ui.visitLog.col.activities')}</th>
                    <th scope="col">${this.t('ui.visitLog.col.notes')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${lines.map(
                    (l, i) => html`<tr data-visit=${l.visit}>
                      <td class="num">${i + 1}</td>
                      <td class="date">${l.date}</td>
                      <td class="village">${this.#lineVillage(l)}</td>
                      <td class="num">${l.minutes}</td>
                      <td class="num">${l.households}</td>
                      <td>${this.#activityList(l.activities)}</td>
                      <td>${this.#noteOf(l.visit)}</td>
                    </tr>`,
                  )}
                </tbody>
                <tfoot>
                  <tr part="totals">
                    <th scope="row" colspan="3">${this.t('ui.visitLog.total')} ${this.t('ui.visitLog.totalVisits', { count: totals.visits })}</th>
                    <td class="num">${totals.minutes}</td>
                    <td class="num">${totals.households}</td>
                    <td colspan="2">${this.#activityTotals(totals.byActivity)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>`}
        <div class="signatures" aria-hidden="true">
          <span>${this.t('ui.visitLog.signature')}</span><span>${this.t('ui.visitLog.reviewer')}</span>
        </div>
      </section>
    `;
  }

  // ── Data ────────────────────────────────────────────────────────────────────────────────

  #listen(): void {
    const roster = this.roster;
    if (roster === null || this.#unsubscribe !== null) return;
    this.#unsubscribe = roster.onVisit((i) => {
      // A visit of another cadre changes nothing here.
      const ours = roster.cadreIndex(this.cadre ?? '');
      if (ours >= 0 && roster.visitColumns().cadre[i] === ours) {
        this.#stale = true;
        this.requestUpdate();
      }
    });
  }

  #requiredVisits(): number {
    return Number.isFinite(this.required) && this.required >= 0 ? Math.floor(this.required) : ZHAOTONG_POLICY.minVisitsPerYear;
  }

  #validYear(): number {
    return Number.isInteger(this.year) && this.year >= 1900 && this.year <= 9999 ? this.year : new Date().getFullYear();
  }

  #computeView(): CadreView | null {
    const roster = this.roster;
    if (roster === null || !this.cadre) return null;
    const at = roster.cadreIndex(this.cadre);
    if (at < 0) return null;
    const year = this.#grid.year;
    const [first, last] = yearRange(year);
    const villages: string[] = [];
    const leads: string[] = [];
    for (const p of roster.pairings) {
      if (p.cadreId !== this.cadre) continue;
      if ((p.from !== undefined && dayNumber(p.from) > last) || (p.to !== undefined && dayNumber(p.to) < first)) continue;
      const list = p.role === 'village' ? villages : leads;
      if (!list.includes(p.code)) list.push(p.code);
    }
    const ledger = ledgerOf(roster, this.cadre, year);
    const perDay = new Map<number, LedgerLine[]>();
    let made = 0;
    for (const line of ledger.lines) {
      const day = dayNumber(line.date);
      const list = perDay.get(day);
      if (list) list.push(line);
      else perDay.set(day, [line]);
      if (villages.includes(line.village)) made++;
    }
    return { cadre: roster.cadre(at), villages, leads, ledger, made, perDay };
  }

  /** Names come from the element's own divisions when given, else from the roster's hierarchy. */
  #names(): Hierarchy[] {
    const out: Hierarchy[] = [];
    if (this.divisions.hierarchy) out.push(this.divisions.hierarchy);
    if (this.roster) out.push(this.roster.hierarchy);
    return out;
  }

  #name(code: string): string {
    for (const h of this.#names()) {
      const d = h.get(code);
      if (d) return d.name;
    }
    return code;
  }

  /** 云南省 / 昭通市 / 镇雄县 / 泼机镇 / 泼机村民委员会 */
  #path(code: string): string {
    for (const h of this.#names()) if (h.has(code)) return h.pathOf(code).map((d) => d.name).join(' / ');
    return code;
  }

  /** The township and the village, enough to tell a cadre's villages apart. */
  #shortPath(code: string): string {
    for (const h of this.#names()) {
      if (!h.has(code)) continue;
      const path = h.pathOf(code);
      return path.slice(-2).map((d) => d.name).join(' ');
    }
    return code;
  }

  #lineVillage(line: LedgerLine): string {
    return line.village === '' ? '—' : this.#name(line.village);
  }

  #noteOf(visit: string): string {
    return (this.roster && notesOf.get(this.roster)?.get(visit)) ?? '';
  }

  #activityLabel(a: Activity): string {
    return this.t(`ui.visitLog.activity.${a}` as MessageKey);
  }

  #activityList(activities: readonly Activity[]): string {
    return activities.length === 0 ? '—' : activities.map((a) => this.#activityLabel(a)).join(this.t('ui.visitLog.listSeparator'));
  }

  #activityTotals(byActivity: Record<Activity, number>): string {
    return ACTIVITIES.filter((a) => byActivity[a] > 0)
      .map((a) => this.t('ui.visitLog.activityCount', { activity: this.#activityLabel(a), count: byActivity[a] }))
      .join(this.t('ui.visitLog.listSeparator'));
  }

  #workbook(): LedgerBook | null {
    const view = this.#view;
    if (view === null) return null;
    const { lines, totals } = view.ledger;
    const t = (key: MessageKey, values?: Record<string, string | number>) => this.t(key, values);
    return {
      columns: [
        { header: t('ui.visitLog.col.no'), kind: 'number', width: 6 },
        { header: t('ui.visitLog.col.date'), kind: 'date', width: 12 },
        { header: t('ui.visitLog.col.villageCode'), kind: 'text', width: 14 },
        { header: t('ui.visitLog.col.village'), kind: 'text', width: 24 },
        { header: t('ui.visitLog.col.minutes'), kind: 'number', width: 12 },
        { header: t('ui.visitLog.col.households'), kind: 'number', width: 10 },
        { header: t('ui.visitLog.col.activities'), kind: 'text', width: 40 },
        { header: t('ui.visitLog.col.notes'), kind: 'text', width: 30 },
        { header: t('ui.visitLog.col.visit'), kind: 'text', width: 28 },
      ],
      rows: lines.map((l, i) => [i + 1, l.date, l.village, this.#lineVillage(l), l.minutes, l.households, this.#activityList(l.activities), this.#noteOf(l.visit), l.visit]),
      totals: [t('ui.visitLog.total'), t('ui.visitLog.totalVisits', { count: totals.visits }), '', '', totals.minutes, totals.households, this.#activityTotals(totals.byActivity), '', ''],
      about: {
        sheet: t('ui.visitLog.aboutSheet'),
        lines: [
          [t('ui.visitLog.name'), view.cadre.name],
          [t('ui.visitLog.cadreId'), view.cadre.id],
          [t('ui.visitLog.unit'), view.cadre.unit],
          [t('ui.visitLog.rank'), t(`rank.${view.cadre.rank}` as MessageKey)],
          [t('ui.visitLog.village'), view.villages.map((c) => this.#path(c)).join('；')],
          [t('ui.visitLog.year'), this.#grid.year],
          [t('ui.visitLog.made'), view.made],
          [t('ui.visitLog.requiredVisits'), this.#requiredVisits()],
        ],
      },
    };
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Dates are day numbers at UTC midnight, so every format is read in UTC, whatever the reader's zone. */
function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })));
  return f;
}

/** A file name any system accepts: no path separators, reserved or control characters. */
function fileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 150);
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-visit-log': GualianVisitLog;
  }
}
