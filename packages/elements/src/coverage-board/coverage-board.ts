import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  isDivisionCode,
  levelOfCode,
  parentCode,
  type Division,
  type DivisionLevel,
  type Hierarchy,
} from '@gualian/core';
import {
  describeViolation,
  VIOLATION_CODES,
  type CoverageReport,
  type CoverageTotals,
  type PairingMonitor,
  type Severity,
  type Violation,
  type ViolationCode,
} from '@gualian/core/pairing';
import { GualianElement } from '../base/gualian-element.js';
import { GualianSelectEvent } from '../base/events.js';
import { coverageBadges } from '../hierarchy-tree/coverage-badges.js';
import type { TreeBadges } from '../hierarchy-tree/hierarchy-tree.js';
import type { ChartLook, ChartRow } from './chart.js';
import { chartLook, chartSectionStyles, LazyChart } from '../base/chart-controller.js';
import { compliancePercent, coveragePercent, formatCount, formatPercent, indexReport, sumTotals, villageTone, within, type ReportIndex, type Tone, type VillageState } from './figures.js';
import { boardStyles } from './styles.js';
import { dataTableStyles, filterBarStyles, tonePalette } from '../base/styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** How many violations show before "show more". */
const PAGE = 20;

/** A county or township row of the table. */
interface UnitRow {
  code: string;
  name: string;
  totals: CoverageTotals;
}

/** A village row of the table. */
interface VillageRow {
  code: string;
  name: string;
  state: VillageState;
}

/** A column: its label, how it sorts and what its cell shows. */
interface Column<R> {
  key: string;
  label: MessageKey;
  numeric: boolean;
  sortValue(row: R): number | string;
  cell(row: R): TemplateResult | string;
}

/** What the board shows, worked out once per update. */
interface View {
  report: CoverageReport;
  index: ReportIndex;
  /** The top of the drill-down (`null`: a merged report's virtual root). */
  top: string | null;
  /** The division open now. */
  focus: string | null;
  focusLevel: DivisionLevel | null;
  /** The divisions from the top down to the focus, for the breadcrumbs. */
  chain: (string | null)[];
}

/** The violation filters; an empty string is no filter. */
interface Filters {
  severity: string;
  code: string;
  division: string;
  cadre: string;
}


const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * The dashboard of 包掛聯 for a scope and a year: headline figures, a table of counties (then
 * the townships of a county, then the villages of a township, then one village's violations)
 * with coverage and visit compliance, the violations with filters, and a bar chart whose
 * ECharts code is fetched only when the reader opens it.
 *
 * Give it the check's result as `report` (a core `CoverageReport`) or a live `monitor` (a core
 * `PairingMonitor`; call `refresh()` after adding visits to its roster), and the divisions the
 * usual way (`src`, `hierarchy` or `store`) for the names of villages; without them the board
 * still shows the counties and townships the report names. All text is rendered as text.
 *
 * Keys in the table: ↑/↓ move between rows, Home/End go to the first/last row, Enter, Space or
 * → open the row's division, ← or Backspace go up one level. Every column header sorts.
 *
 * @tag gualian-coverage-board
 * @summary Coverage and visit compliance of 包掛聯 for a scope: figures, drill-down table, violations, chart.
 *
 * @attr {string} scope - The division the board starts at and cannot go above (default: the report's scope). Must lie within the report.
 * @attr {number} year - The year the page expects; if the report is of another year, the board says so.
 * @attr {string} current - The code of the division open now (drill-down position); set it to open one.
 * @attr {boolean} show-chart - Show the bar chart (its code is fetched the first time).
 * @prop {CoverageReport | null} report - The result of the core's `checkPairing`.
 * @prop {PairingMonitor | null} monitor - A core `PairingMonitor` (from `watchPairing`); takes precedence over `report`. Call `refresh()` when its roster changed.
 *
 * @fires {GualianSelectEvent} gualian-select - The user opened a division (table row, breadcrumb, or the keys); `code` and `division`.
 *
 * @csspart board - The whole dashboard.
 * @csspart title - The scope, its path and the year.
 * @csspart notice - The note shown when the report's year is not the expected one.
 * @csspart breadcrumbs - The path from the top to the open division (a nav).
 * @csspart crumb - A breadcrumb button; the open division is `crumb crumb-current`.
 * @csspart headline - The headline figures (a description list).
 * @csspart stat - One figure; also `stat-ok`, `stat-warn` or `stat-bad`.
 * @csspart stat-value - The number of a figure.
 * @csspart table - The table of divisions or villages.
 * @csspart sort - A column header's sort button.
 * @csspart row - A table row.
 * @csspart open - The button that opens a row's division.
 * @csspart tag - A coloured label (a village's state, a violation's severity); also `tag-ok`, `tag-warn`, `tag-bad` or `tag-info`.
 * @csspart village - The summary of an open village.
 * @csspart chart-toggle - The button that shows or hides the chart.
 * @csspart chart - The chart's canvas container (role=img).
 * @csspart chart-data - The table of the chart's values (its text alternative).
 * @csspart chart-status - The chart's loading or failure message.
 * @csspart violations - The violations section.
 * @csspart filters - The filters of the violations.
 * @csspart clear-filters - The button that clears the filters.
 * @csspart violation-list - The list of violations.
 * @csspart violation - One violation; also `violation-error`, `violation-warning` or `violation-info`.
 * @csspart message - A violation's message.
 * @csspart more - The button that shows more violations.
 * @csspart status - The loading, error or no-report message.
 *
 * @cssprop [--gualian-rule-color=#d0d7de] - Table and card rules.
 * @cssprop [--gualian-row-hover-background=#f6f8fa] - Background of the row under the pointer or holding focus.
 * @cssprop [--gualian-chart-coverage-color=#0b57d0] - Bars of coverage.
 * @cssprop [--gualian-chart-compliance-color=#b04a00] - Bars of visit compliance.
 * @cssprop [--gualian-chart-grid-color=#d0d7de] - The chart's grid lines.
 * @cssprop [--gualian-mono-font-family=ui-monospace, …] - Font of codes.
 * @cssprop [--gualian-badge-ok-color=#116329] - Text of good figures and tags (and `-background`, default #dafbe1); likewise `warn`, `bad` and `info`, as in the tree.
 *
 * @example
 * <gualian-coverage-board src="/data/2023/5306.json" year="2024"></gualian-coverage-board>
 * <script type="module">
 *   import { Roster, checkPairing } from '@gualian/core';
 *   const board = document.querySelector('gualian-coverage-board');
 *   board.report = checkPairing(Roster.from(zhaotong, records), { year: 2024, scope: '5306' });
 *   board.addEventListener('gualian-select', (e) => console.log(e.code, e.division.name));
 * </script>
 */
export class GualianCoverageBoard extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, filterBarStyles, dataTableStyles, chartSectionStyles, boardStyles];

  static override properties: PropertyDeclarations = {
    report: { attribute: false },
    monitor: { attribute: false },
    scope: { reflect: true },
    year: { type: Number },
    current: { reflect: true },
    showChart: { type: Boolean, reflect: true, attribute: 'show-chart' },
  };

  /** The check's result to show. */
  declare report: CoverageReport | null;

  /** A live check to show instead of `report`; call `refresh()` after its roster changed. */
  declare monitor: PairingMonitor | null;

  /** The division the board starts at and cannot go above. */
  declare scope: string | null;

  /** The year the page expects. */
  declare year: number | null;

  /** The code of the division open now. */
  declare current: string | null;

  /** Whether the bar chart is shown. */
  declare showChart: boolean;

  #monitorReport: CoverageReport | null = null;
  #view: View | null = null;
  #sort: { key: string; descending: boolean } = { key: 'name', descending: false };
  #filters: Filters = { severity: '', code: '', division: '', cadre: '' };
  /** The division the filters were chosen in: they reset when another opens. */
  #filtersFor: string | null | undefined = undefined;
  #limit = PAGE;
  /** The row holding the table's one tab stop. */
  #activeRow: string | null = null;
  /** What to focus after the next render, when the user moved through the levels. */
  #pendingFocus: { row: string | null } | { village: true } | null = null;
  /** The division the user last opened, announced to screen readers (in the current language). */
  #announced: { code: string | null } | null = null;
  // The one place ECharts is reached: a separate chunk, fetched the first time a chart is shown.
  readonly #chart = new LazyChart<readonly ChartRow[], ChartLook>(this, () => import('./chart.js'));
  #chartRows: ChartRow[] = [];

  constructor() {
    super();
    this.report = null;
    this.monitor = null;
    this.scope = null;
    this.year = null;
    this.current = null;
    this.showChart = false;
  }

  /**
   * Read the monitor's report again and re-render: call it after adding visits to the
   * monitor's roster (the board does not poll). Resolves when the board has re-rendered.
   * @example
   * roster.addVisit(visit);
   * await board.refresh();
   */
  async refresh(): Promise<void> {
    this.#monitorReport = this.monitor?.report() ?? null;
    this.requestUpdate();
    await this.updateComplete;
  }

  /**
   * Badges for a `<gualian-hierarchy-tree>` from the report shown, in the board's language
   * (see `coverageBadges`), or `null` without a report. For pages that load the script-tag
   * bundle and cannot import `coverageBadges`; ask again after `refresh()` or a language change.
   * @example
   * tree.badges = board.treeBadges();
   */
  treeBadges(): TreeBadges | null {
    const report = this.shownReport;
    return report === null ? null : coverageBadges(report, this.i18n.lang);
  }

  /** The report shown: the monitor's, else `report`. */
  get shownReport(): CoverageReport | null {
    return this.monitor ? this.#monitorReport : this.report;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A chart disposed on disconnection is drawn again on the next render.
    if (this.showChart) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('monitor')) this.#monitorReport = this.monitor?.report() ?? null;
    if (this.showChart) this.#chart.request();
    this.#view = this.#computeView();
    const focus = this.#view?.focus;
    if (this.#view !== null && focus !== this.#filtersFor) {
      this.#filtersFor = focus;
      this.#filters = { severity: '', code: '', division: '', cadre: '' };
      this.#limit = PAGE;
    }
  }

  #hierarchy(): Hierarchy | null {
    return this.divisions.hierarchy ?? this.monitor?.roster.hierarchy ?? null;
  }

  #computeView(): View | null {
    const report = this.shownReport;
    if (report === null) return null;
    const index = indexReport(report);
    const scope = this.scope !== null && isDivisionCode(this.scope) && index.covers(this.scope) ? this.scope : null;
    const top = scope ?? index.scope;
    const asked = this.current;
    const focus = asked !== null && isDivisionCode(asked) && asked !== top && (top === null ? index.covers(asked) : within(asked, top)) ? asked : top;
    const chain: (string | null)[] = [];
    for (let c = focus; c !== null && c !== top; c = parentCode(c)) {
      // Only levels the board can show: a merged report skips the prefecture above its counties.
      if (c === focus || index.division(c) !== undefined) chain.unshift(c);
    }
    chain.unshift(top);
    return { report, index, top, focus, focusLevel: focus === null ? null : levelOfCode(focus), chain };
  }

  // ── Names and divisions ────────────────────────────────────────────────────────────────

  #nameOf(code: string): string | undefined {
    const h = this.#hierarchy();
    const i = h === null ? -1 : h.indexOf(code);
    if (i >= 0) return h!.nameAt(i);
    return this.#view?.index.division(code)?.name;
  }

  #name(code: string | null): string {
    if (code === null) return this.t('ui.allScopes');
    return this.#nameOf(code) ?? code;
  }

  #division(code: string): Division {
    const h = this.#hierarchy();
    const i = h === null ? -1 : h.indexOf(code);
    if (i >= 0) return h!.at(i);
    return { code, name: this.#name(code), level: levelOfCode(code), parentCode: parentCode(code) };
  }

  // ── Render ─────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const h = this.#hierarchy();
    if (h === null) {
      if (this.divisions.error) return this.renderError(this.divisions.error);
      if (this.divisions.waiting) return html`<p class="status" part="status" role="status">${this.t('ui.loading')}</p>`;
    }
    const view = this.#view;
    if (view === null) return html`<p class="status" part="status" role="status">${this.t('ui.noReport')}</p>`;
    const { report, top, focus, focusLevel } = view;
    const title = this.t('ui.coverageTitle', { place: this.#scopePath(top), year: report.year });
    return html`<div class="board" part="board">
      <div class="head">
        <p class="title" part="title">${title}</p>
        ${this.year !== null && this.year !== undefined && this.year !== report.year
          ? html`<p class="notice" part="notice">${this.t('ui.yearMismatch', { actual: report.year, expected: this.year })}</p>`
          : nothing}
        ${this.#renderCrumbs(view)}
      </div>
      ${this.#renderHeadline(view)}
      ${focusLevel === 'village' ? this.#renderVillage(view, focus!) : this.#renderTable(view)}
      ${focusLevel === 'village' ? nothing : this.#renderChart(view)}
      ${this.#renderViolations(view)}
      <p class="visually-hidden" role="status">${this.#announced === null ? '' : this.t('ui.opened', { place: this.#name(this.#announced.code) })}</p>
      ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
    </div>`;
  }

  /** The top's full path (province first), so a reader sees where the figures are from. */
  #scopePath(top: string | null): string {
    if (top === null) return this.t('ui.allScopes');
    const h = this.#hierarchy();
    if (h !== null && h.has(top)) return h.pathOf(top).map((d) => d.name).join(' ');
    return this.#name(top);
  }

  #renderCrumbs(view: View): TemplateResult {
    const last = view.chain.length - 1;
    return html`<nav class="crumbs" part="breadcrumbs" aria-label=${this.t('ui.breadcrumbs')}>
      <ol>
        ${view.chain.map((code, i) =>
          i === last
            ? html`<li><span part="crumb crumb-current" aria-current="location">${this.#name(code)}</span></li>`
            : html`<li><button type="button" class="crumb" part="crumb" @click=${() => this.#openUp(code)}>${this.#name(code)}</button></li>`,
        )}
      </ol>
    </nav>`;
  }

  /** The totals the headline shows: the open division's, or its township's for a village. */
  #headlineOf(view: View): { place: string | null; totals: CoverageTotals } {
    const { index, focus, focusLevel } = view;
    const at = focusLevel === 'village' ? parentCode(focus!) : focus;
    const totals = index.totalsOf(at) ?? sumTotals(index.childrenOf(at).map((d) => d.totals));
    return { place: at, totals };
  }

  /** A message whose values are templates: the message's own words around them, all as text. */
  #message(key: MessageKey, values: Readonly<Record<string, TemplateResult>>): TemplateResult {
    const parts = this.t(key).split(/\{(\w+)\}/);
    return html`${parts.map((part, i) => (i % 2 === 1 ? (values[part] ?? part) : part))}`;
  }

  #renderHeadline(view: View): TemplateResult {
    const { place, totals: t } = this.#headlineOf(view);
    const lang = this.i18n.lang;
    const n = (x: number) => formatCount(x, lang);
    // Each number kept whole (the words between may wrap), so "1,395 / 1,402" never splits a number.
    const of = (a: number, b: number) => this.#message('ui.countOf', { count: html`<span class="n">${n(a)}</span>`, total: html`<span class="n">${n(b)}</span>` });
    // Figures with a target are ok when they reach it; counts of problems are marked only when there are some.
    const target = (got: number, of: number, short: Tone): Tone | null => (of === 0 ? null : got >= of ? 'ok' : short);
    type Stat = [key: string, label: MessageKey, value: TemplateResult | string, sub: string | null, tone: Tone | null];
    const stats: Stat[] = [
      ['villagesCovered', 'ui.stat.villagesCovered', of(t.villagesCovered, t.villages), formatPercent(coveragePercent(t), lang), target(t.villagesCovered, t.villages, t.villagesUncovered > 0 ? 'bad' : 'warn')],
      ['villagesShort', 'ui.stat.villagesShort', n(t.villagesShort), null, t.villagesShort > 0 ? 'warn' : null],
      ['villagesUncovered', 'ui.stat.villagesUncovered', n(t.villagesUncovered), null, t.villagesUncovered > 0 ? 'bad' : null],
      ['townshipsLed', 'ui.stat.townshipsLed', of(t.townshipsLed, t.townships), null, target(t.townshipsLed, t.townships, 'bad')],
      ['countiesLed', 'ui.stat.countiesLed', of(t.countiesLed, t.counties), null, target(t.countiesLed, t.counties, 'bad')],
      ['cadres', 'ui.stat.cadres', n(t.cadres), null, null],
      ['visits', 'ui.stat.visits', n(t.visits), null, null],
      ['pairingsCompliant', 'ui.stat.pairingsCompliant', of(t.pairingsCompliant, t.villagePairings), formatPercent(compliancePercent(t), lang), target(t.pairingsCompliant, t.villagePairings, 'warn')],
      ['visitShortfall', 'ui.stat.visitShortfall', n(t.visitShortfall), null, t.visitShortfall > 0 ? 'warn' : null],
      ['errors', 'ui.stat.errors', n(t.errors), null, t.errors > 0 ? 'bad' : null],
      ['warnings', 'ui.stat.warnings', n(t.warnings), null, t.warnings > 0 ? 'warn' : null],
    ];
    // A township's figures count no county: the line would read "0 / 0".
    const shown = stats.filter(([key]) => !(key === 'countiesLed' && t.counties === 0) && !(key === 'townshipsLed' && t.townships === 0));
    return html`<section class="headline" part="headline" aria-labelledby="headline-title">
      <p id="headline-title" class="section-title">${this.t('ui.headline', { place: this.#name(place) })}</p>
      <dl class="stats">
        ${shown.map(
          ([key, label, value, sub, tone]) =>
            html`<div class=${`stat ${tone ?? ''}`} part=${tone ? `stat stat-${tone}` : 'stat'} data-stat=${key}>
              <dt>${this.t(label)}</dt>
              <dd><span class="value" part="stat-value">${value}</span>${sub === null ? nothing : html`<span class="sub">${sub}</span>`}</dd>
            </div>`,
        )}
      </dl>
    </section>`;
  }

  // ── The table ──────────────────────────────────────────────────────────────────────────

  #unitRows(view: View, at: string | null): UnitRow[] {
    return view.index.childrenOf(at).map((d) => ({ code: d.code, name: this.#nameOf(d.code) ?? d.name, totals: d.totals }));
  }

  #villageRows(view: View, township: string): VillageRow[] {
    const h = this.#hierarchy();
    const row = h === null ? -1 : h.indexOf(township);
    let codes: string[];
    if (h !== null && row >= 0) codes = h.childIndices(row).filter((i) => h.levelAt(i) === 4).map((i) => h.codeAt(i));
    // Without the divisions, the villages the report knows of are those with violations.
    else codes = [...new Set(view.index.violationsWithin(township).map((v) => v.divisions[0] ?? '').filter((c) => c.length === 12 && within(c, township)))].sort();
    return codes.map((code) => ({ code, name: this.#name(code), state: view.index.village(code) }));
  }

  #unitColumns(): Column<UnitRow>[] {
    const lang = this.i18n.lang;
    const n = (x: number) => formatCount(x, lang);
    const pct = (p: number | null) => p ?? -1;
    return [
      { key: 'name', label: 'ui.col.name', numeric: false, sortValue: (r) => r.code, cell: (r) => r.name },
      { key: 'covered', label: 'ui.col.covered', numeric: true, sortValue: (r) => r.totals.villagesCovered, cell: (r) => this.t('ui.countOf', { count: n(r.totals.villagesCovered), total: n(r.totals.villages) }) },
      { key: 'coverage', label: 'ui.col.coverage', numeric: true, sortValue: (r) => pct(coveragePercent(r.totals)), cell: (r) => formatPercent(coveragePercent(r.totals), lang) },
      { key: 'short', label: 'ui.col.short', numeric: true, sortValue: (r) => r.totals.villagesShort, cell: (r) => this.#count(r.totals.villagesShort, 'warn') },
      { key: 'uncovered', label: 'ui.col.uncovered', numeric: true, sortValue: (r) => r.totals.villagesUncovered, cell: (r) => this.#count(r.totals.villagesUncovered, 'bad') },
      { key: 'led', label: 'ui.col.led', numeric: true, sortValue: (r) => r.totals.townshipsLed - r.totals.townships, cell: (r) => this.t('ui.countOf', { count: n(r.totals.townshipsLed), total: n(r.totals.townships) }) },
      { key: 'compliance', label: 'ui.col.compliance', numeric: true, sortValue: (r) => pct(compliancePercent(r.totals)), cell: (r) => formatPercent(compliancePercent(r.totals), lang) },
      { key: 'shortfall', label: 'ui.col.shortfall', numeric: true, sortValue: (r) => r.totals.visitShortfall, cell: (r) => n(r.totals.visitShortfall) },
      { key: 'errors', label: 'ui.stat.errors', numeric: true, sortValue: (r) => r.totals.errors, cell: (r) => this.#count(r.totals.errors, 'bad') },
      { key: 'warnings', label: 'ui.stat.warnings', numeric: true, sortValue: (r) => r.totals.warnings, cell: (r) => n(r.totals.warnings) },
    ];
  }

  #villageColumns(): Column<VillageRow>[] {
    const lang = this.i18n.lang;
    const n = (x: number) => formatCount(x, lang);
    return [
      { key: 'name', label: 'ui.col.name', numeric: false, sortValue: (r) => r.code, cell: (r) => r.name },
      { key: 'code', label: 'ui.col.code', numeric: false, sortValue: (r) => r.code, cell: (r) => html`<code class="code">${r.code}</code>` },
      // Worst first when sorted descending: no cadre, then the most missing.
      { key: 'status', label: 'ui.col.status', numeric: false, sortValue: (r) => (r.state.uncovered ? 1000 : r.state.short), cell: (r) => this.#villageTag(r.state) },
      { key: 'errors', label: 'ui.stat.errors', numeric: true, sortValue: (r) => r.state.errors, cell: (r) => this.#count(r.state.errors, 'bad') },
      { key: 'warnings', label: 'ui.stat.warnings', numeric: true, sortValue: (r) => r.state.warnings, cell: (r) => n(r.state.warnings) },
    ];
  }

  /** A count, emphasised when above zero so problems stand out without relying on colour alone. */
  #count(x: number, tone: Tone): TemplateResult | string {
    const text = formatCount(x, this.i18n.lang);
    return x > 0 ? html`<span class=${tone === 'bad' ? 'bad-text' : ''}>${text}</span>` : text;
  }

  #villageTag(s: VillageState): TemplateResult {
    const [key, tone]: [string, Tone] = s.uncovered ? [this.t('ui.status.uncovered'), 'bad'] : s.short > 0 ? [this.t('ui.status.short', { count: s.short }), 'bad'] : [this.t('ui.status.covered'), 'ok'];
    return html`<span class=${`tag ${tone}`} part=${`tag tag-${tone}`}>${key}</span>`;
  }

  #sorted<R extends { code: string }>(rows: R[], columns: Column<R>[]): R[] {
    const column = columns.find((c) => c.key === this.#sort.key) ?? columns[0]!;
    const sign = this.#sort.descending ? -1 : 1;
    // Array.prototype.sort is stable: ties keep code order.
    return [...rows].sort((a, b) => {
      const x = column.sortValue(a);
      const y = column.sortValue(b);
      return sign * (x < y ? -1 : x > y ? 1 : 0);
    });
  }

  #renderTable(view: View): TemplateResult {
    const { focus, focusLevel } = view;
    const units = this.#unitRows(view, focus);
    const villages = units.length === 0 && focusLevel === 'township';
    const caption = this.t(villages ? 'ui.villagesOf' : 'ui.unitsOf', { place: this.#name(focus) });
    const waiting = villages && this.#hierarchy() !== null && !this.#hierarchy()!.has(focus!) && this.divisions.isPending(focus!);
    if (villages) return this.#renderRows(caption, this.#villageRows(view, focus!), this.#villageColumns(), waiting);
    return this.#renderRows(caption, units, this.#unitColumns(), false);
  }

  #renderRows<R extends { code: string; name: string }>(caption: string, rows: R[], columns: Column<R>[], waiting: boolean): TemplateResult {
    const sorted = this.#sorted(rows, columns);
    if (!sorted.some((r) => r.code === this.#activeRow)) this.#activeRow = sorted[0]?.code ?? null;
    return html`<section class="units" aria-labelledby="units-caption">
      <div class="table-wrap">
        <table part="table">
          <caption id="units-caption">${caption}</caption>
          <thead>
            <tr>
              ${columns.map((c) => {
                const sorted = this.#sort.key === c.key;
                return html`<th scope="col" class=${c.numeric ? 'num' : ''} aria-sort=${sorted ? (this.#sort.descending ? 'descending' : 'ascending') : nothing}>
                  <button type="button" class="sort" part="sort" data-sort=${c.key} @click=${() => this.#sortBy(c.key)}>${this.t(c.label)}<span class="arrow" aria-hidden="true"></span></button>
                </th>`;
              })}
            </tr>
          </thead>
          <tbody @keydown=${this.#onRowKey} @focusin=${this.#onRowFocus}>
            ${repeat(
              sorted,
              (r) => r.code,
              (r) => html`<tr part="row" data-code=${r.code}>
                <th scope="row"><button type="button" class="open" part="open" data-code=${r.code} tabindex=${r.code === this.#activeRow ? '0' : '-1'} @click=${this.#onOpenClick}>${r.name}</button></th>
                ${columns.slice(1).map((c) => html`<td class=${c.numeric ? 'num' : ''}>${c.cell(r)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${waiting ? html`<p class="muted" role="status">${this.t('ui.loading')}</p>` : nothing}
    </section>`;
  }

  #renderVillage(view: View, code: string): TemplateResult {
    const state = view.index.village(code);
    const lang = this.i18n.lang;
    return html`<section class="village" part="village" aria-labelledby="village-title">
      <p id="village-title" class="section-title" tabindex="-1">${this.#name(code)} <code class="code">${code}</code></p>
      <p class="village-status">
        <span>${this.t('ui.col.status')}</span>
        ${this.#villageTag(state)}
        <span>${this.t('ui.stat.errors')} ${formatCount(state.errors, lang)}</span>
        <span>${this.t('ui.stat.warnings')} ${formatCount(state.warnings, lang)}</span>
      </p>
    </section>`;
  }

  #sortBy(key: string): void {
    this.#sort = { key, descending: this.#sort.key === key ? !this.#sort.descending : false };
    this.requestUpdate();
  }

  // ── Moving through the levels ──────────────────────────────────────────────────────────

  #onOpenClick(e: Event): void {
    const code = (e.currentTarget as HTMLElement).dataset['code'];
    if (code !== undefined) this.#openDown(code);
  }

  #onRowFocus(e: FocusEvent): void {
    const code = (e.target as HTMLElement).dataset?.['code'];
    if (code !== undefined && code !== this.#activeRow) {
      this.#activeRow = code;
      this.requestUpdate();
    }
  }

  #onRowKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('open')) return;
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('.open')];
    const i = buttons.indexOf(target);
    const move = (j: number) => {
      const next = buttons[Math.max(0, Math.min(buttons.length - 1, j))];
      if (next === undefined) return;
      this.#activeRow = next.dataset['code'] ?? null;
      for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
      next.focus();
      this.requestUpdate();
    };
    switch (e.key) {
      case 'ArrowDown':
        move(i + 1);
        break;
      case 'ArrowUp':
        move(i - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(buttons.length - 1);
        break;
      case 'ArrowRight':
        this.#openDown(target.dataset['code']!);
        break;
      case 'ArrowLeft':
      case 'Backspace':
        this.#goUp();
        break;
      default:
        // Enter and Space are the button's own click.
        return;
    }
    e.preventDefault();
  }

  #openDown(code: string): void {
    this.#open(code);
    this.#pendingFocus = levelOfCode(code) === 'village' ? { village: true } : { row: null };
  }

  /** Up one level, focusing the row of the division just left. */
  #goUp(): void {
    const chain = this.#view?.chain ?? [];
    if (chain.length < 2) return;
    this.#openUp(chain[chain.length - 2]!);
  }

  #openUp(code: string | null): void {
    const chain = this.#view?.chain ?? [];
    // The row to land on: the step below `code` on the way to where the reader was.
    const below = chain[chain.indexOf(code) + 1] ?? null;
    this.#open(code);
    this.#pendingFocus = { row: below };
  }

  #open(code: string | null): void {
    this.current = code;
    this.#announced = { code };
    if (code === null) return;
    // Villages live in the province's chunk of a lazily loaded pack.
    if (this.divisions.isPending(code)) void this.divisions.ensure(code);
    this.dispatchEvent(new GualianSelectEvent(code, this.#division(code)));
  }

  #applyPendingFocus(): void {
    const pending = this.#pendingFocus;
    if (pending === null) return;
    this.#pendingFocus = null;
    if ('village' in pending) {
      this.renderRoot.querySelector<HTMLElement>('#village-title')?.focus();
      return;
    }
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('tbody .open')];
    const target = rows.find((b) => b.dataset['code'] === pending.row) ?? rows[0];
    if (target === undefined) return;
    this.#activeRow = target.dataset['code'] ?? null;
    for (const b of rows) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  }

  // ── The chart ──────────────────────────────────────────────────────────────────────────

  /** The division whose counties or townships the chart compares: the open one, or the nearest above with some. */
  #chartFocus(view: View): string | null {
    let at = view.focus;
    while (at !== null && at !== view.top && view.index.childrenOf(at).length === 0) at = parentCode(at);
    return at;
  }

  #renderChart(view: View): TemplateResult {
    const at = this.#chartFocus(view);
    const place = this.#name(at);
    const rows = this.#unitRows(view, at);
    this.#chartRows = rows.map((r) => ({ name: r.name, coverage: coveragePercent(r.totals), compliance: compliancePercent(r.totals) }));
    const lang = this.i18n.lang;
    const shown = this.showChart;
    return html`<section class="chart-section" aria-label=${this.t('ui.chartData', { place })}>
      <button type="button" id="chart-toggle" part="chart-toggle" aria-expanded=${shown ? 'true' : 'false'} aria-controls="chart-body" @click=${this.#toggleChart}>
        ${this.t(shown ? 'ui.hideChart' : 'ui.showChart')}
      </button>
      <div id="chart-body" class="chart-body" ?hidden=${!shown}>
        ${shown
          ? html`${this.#chart.renderStatus((key, values) => this.t(key, values))}
              <div class="chart" part="chart" role="img" aria-label=${this.t('ui.chartLabel', { place })}></div>
              <table class="chart-data" part="chart-data">
                <caption>${this.t('ui.chartData', { place })}</caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('ui.col.name')}</th>
                    <th scope="col" class="num">${this.t('ui.col.coverage')}</th>
                    <th scope="col" class="num">${this.t('ui.col.compliance')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.#chartRows.map((r) => html`<tr><th scope="row">${r.name}</th><td class="num">${formatPercent(r.coverage, lang)}</td><td class="num">${formatPercent(r.compliance, lang)}</td></tr>`)}
                </tbody>
              </table>`
          : nothing}
      </div>
    </section>`;
  }

  #toggleChart(): void {
    // A chunk that failed to arrive (offline, a deploy in between) is asked for again.
    if (!this.showChart) this.#chart.request(true);
    this.showChart = !this.showChart;
  }

  /** The chart's fonts and colours, read from the element so it matches the text and the large-text mode. */
  #look(container: HTMLElement): ChartLook {
    const { look, colours } = chartLook(container, {
      coverageColor: ['--gualian-chart-coverage-color', '#0b57d0'],
      complianceColor: ['--gualian-chart-compliance-color', '#b04a00'],
    });
    return { ...look, ...colours, coverageLabel: this.t('ui.col.coverage'), complianceLabel: this.t('ui.col.compliance') };
  }

  // ── Violations ─────────────────────────────────────────────────────────────────────────

  #renderViolations(view: View): TemplateResult {
    const { index, focus, focusLevel } = view;
    const lang = this.i18n.lang;
    const base = index.violationsWithin(focus);
    const f = this.#filters;
    const cadre = f.cadre.trim().toLowerCase();
    const shown = base.filter(
      (v) =>
        (f.severity === '' || v.severity === f.severity) &&
        (f.code === '' || v.code === f.code) &&
        (f.division === '' || within(v.divisions[0] ?? '', f.division)) &&
        (cadre === '' || v.cadres.some((c) => c.toLowerCase().includes(cadre))),
    );
    const severities = new Map<Severity, number>();
    const codes = new Map<ViolationCode, number>();
    for (const v of base) {
      severities.set(v.severity, (severities.get(v.severity) ?? 0) + 1);
      codes.set(v.code, (codes.get(v.code) ?? 0) + 1);
    }
    const areas = focusLevel === 'village' ? [] : this.#areas(view, base);
    const option = (value: string, label: string, count: number, selected: string) =>
      html`<option value=${value} ?selected=${value === selected}>${this.t('ui.optionCount', { label, count: formatCount(count, lang) })}</option>`;
    const filtered = f.severity !== '' || f.code !== '' || f.division !== '' || cadre !== '';
    const names = (code: string) => this.#nameOf(code);
    return html`<section class="violations-section" part="violations" aria-labelledby="violations-title">
      <p id="violations-title" class="section-title">${this.t('ui.violationsOf', { place: this.#name(focus) })}</p>
      <div class="filters" part="filters">
        <label for="f-severity">${this.t('ui.filter.severity')}
          <select id="f-severity" @change=${(e: Event) => this.#setFilter('severity', (e.target as HTMLSelectElement).value)}>
            ${option('', this.t('ui.all'), base.length, f.severity)}
            ${SEVERITIES.map((s) => option(s, this.t(`ui.severity.${s}`), severities.get(s) ?? 0, f.severity))}
          </select>
        </label>
        <label for="f-code">${this.t('ui.filter.code')}
          <select id="f-code" @change=${(e: Event) => this.#setFilter('code', (e.target as HTMLSelectElement).value)}>
            ${option('', this.t('ui.all'), base.length, f.code)}
            ${VIOLATION_CODES.filter((c) => codes.has(c)).map((c) => option(c, this.t(`ui.violationKind.${c}`), codes.get(c)!, f.code))}
          </select>
        </label>
        ${areas.length > 0
          ? html`<label for="f-division">${this.t('ui.filter.division')}
              <select id="f-division" @change=${(e: Event) => this.#setFilter('division', (e.target as HTMLSelectElement).value)}>
                ${option('', this.t('ui.all'), base.length, f.division)}
                ${areas.map(([code, count]) => option(code, this.#name(code), count, f.division))}
              </select>
            </label>`
          : nothing}
        <label for="f-cadre">${this.t('ui.filter.cadre')}
          <input id="f-cadre" type="search" autocomplete="off" spellcheck="false" .value=${live(f.cadre)} @input=${(e: Event) => this.#setFilter('cadre', (e.target as HTMLInputElement).value)} />
        </label>
        ${filtered ? html`<button type="button" class="clear" part="clear-filters" @click=${this.#clearFilters}>${this.t('ui.clearFilters')}</button>` : nothing}
      </div>
      <p class="count" role="status">${this.t('ui.shownOf', { shown: formatCount(Math.min(this.#limit, shown.length), lang), count: formatCount(shown.length, lang) })}</p>
      ${shown.length === 0
        ? html`<p class="muted">${this.t('ui.noViolations')}</p>`
        : html`<ol class="violations" part="violation-list">
            ${repeat(
              shown.slice(0, this.#limit),
              (v) => v,
              (v) => html`<li class="violation" part=${`violation violation-${v.severity}`} data-code=${v.code} data-division=${v.divisions[0] ?? ''}>
                <span class=${`tag ${v.severity}`} part=${`tag tag-${v.severity === 'error' ? 'bad' : v.severity === 'warning' ? 'warn' : 'info'}`}>${this.t(`ui.severity.${v.severity}`)}</span>
                <span class="message" part="message">${describeViolation(v, lang, names)}</span>
                <span class="meta">${this.#where(view, v)}<code>${v.code}</code></span>
              </li>`,
            )}
          </ol>`}
      ${shown.length > this.#limit
        ? html`<button type="button" class="more" part="more" @click=${this.#showMore}>${this.t('ui.showMore', { count: formatCount(Math.min(PAGE, shown.length - this.#limit), lang) })}</button>`
        : nothing}
    </section>`;
  }

  /** The divisions one level below the open one that have violations, with their counts, in code order. */
  #areas(view: View, base: readonly Violation[]): [string, number][] {
    const { focus, focusLevel, index } = view;
    const children = index.childrenOf(focus).map((d) => d.code);
    const width = children[0]?.length ?? (focusLevel === 'township' ? 12 : 0);
    if (width === 0) return [];
    const counts = new Map<string, number>();
    for (const v of base) {
      const at = v.divisions[0] ?? '';
      if (at.length < width) continue;
      const key = at.slice(0, width);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  /** Where a violation sits below the open division (county / township), for context. */
  #where(view: View, v: Violation): TemplateResult | typeof nothing {
    const at = v.divisions[0];
    if (at === undefined || !isDivisionCode(at)) return nothing;
    const path: string[] = [];
    for (let c = parentCode(at); c !== null && c !== view.focus && c !== view.top && within(c, view.focus); c = parentCode(c)) path.unshift(this.#name(c));
    return path.length === 0 ? nothing : html`<span class="where">${path.join(' / ')}</span>`;
  }

  #setFilter(key: keyof Filters, value: string): void {
    this.#filters = { ...this.#filters, [key]: value };
    this.#limit = PAGE;
    this.requestUpdate();
  }

  #clearFilters(): void {
    this.#filters = { severity: '', code: '', division: '', cadre: '' };
    this.#limit = PAGE;
    this.requestUpdate();
  }

  #showMore(): void {
    this.#limit += PAGE;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#chart.draw(this.showChart ? this.renderRoot.querySelector<HTMLElement>('.chart') : null, this.#chartRows, (c) => this.#look(c));
    this.#applyPendingFocus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-coverage-board': GualianCoverageBoard;
  }
}
