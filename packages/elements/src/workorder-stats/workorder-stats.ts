import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  allRefused,
  redBlackList,
  replayWorkOrders,
  workOrderMeasures,
  type RankedUnit,
  type RefusedEntry,
  type WorkOrderEvent,
  type WorkOrderMeasure,
  type WorkOrderPolicyInput,
  type WorkOrderState,
} from '@gualian/core/disputes';
import { GualianElement } from '../base/gualian-element.js';
import { chartLook, chartSectionStyles, LazyChart } from '../base/chart-controller.js';
import { redBlackListStyles } from '../base/rank-lists.js';
import { dataTableStyles, tonePalette } from '../base/styles.js';
import { formatCount, formatPercent } from '../coverage-board/figures.js';
import type { RateSeries, RatesLook } from './chart.js';
import { GualianUnitSelectEvent } from './events.js';
import { MEASURE_COLUMNS, monthLabel, monthlyRates, ratePercent, sortMeasures, type MeasureColumn } from './model.js';
import { renderChartSection, renderProblem, renderRefused, scopePath } from './parts.js';
import { statsStyles, workorderStatsStyles } from './styles.js';
import { registerUiMessages } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** What the widget computed from its inputs: the orders in scope, their measures and the months. */
interface Data {
  orders: number;
  refused: RefusedEntry[];
  measures: WorkOrderMeasure[];
  months: string[];
}

/** The orders read from the widget's input, and the events the core refused replaying it. */
interface Replayed {
  input: unknown;
  orders: WorkOrderState[];
  refused: RefusedEntry[];
}

const NUMBER_COLUMNS = new Set<MeasureColumn>(MEASURE_COLUMNS.filter((c) => c !== 'unit'));

/**
 * 12345 hotline work orders by unit and month: for the month chosen, each unit's dispatched,
 * returned, completed (on time) and rated (satisfied) orders with the on-time completion and
 * satisfaction rates, sortable by any column; the month's red/black list (红黑榜) with each
 * unit's score and why; and a chart of the rates by month for one unit or all of them.
 *
 * Give it the orders' `events` (replayed with the core's `replayWorkOrders`; events it refuses
 * are counted and listed, the rest still count) or the replayed `orders`. Every figure is the
 * core's: `workOrderMeasures` for the table and the chart, `redBlackList` for the lists (with the
 * `policy`'s limits, calendar and weights). With `scope` (and a hierarchy for the names) only
 * the orders placed within that division count.
 *
 * The chart's code (ECharts) is fetched the first time the chart is shown; its values are also
 * in a table beside it, and it does not animate for readers who ask for reduced motion.
 *
 * Keys in the table: ↑/↓ move between the units' rows, Home/End go to the first/last, Enter or
 * Space picks the unit (`gualian-unit-select`), which the chart then follows.
 *
 * @tag gualian-workorder-stats
 * @summary On-time and satisfaction rates of 12345 work orders by unit and month, with a chart and the red/black list.
 *
 * @attr {string} month - The month shown, `YYYY-MM` (default: the latest month with data).
 * @attr {string} unit - The unit picked: the chart shows its rates ('' for all units together).
 * @attr {string} scope - Only orders placed within this division (a code); the title names it from the hierarchy.
 * @attr {number} size - How many units each of the red and black lists holds (default 3).
 * @attr {number} min-completed - Units with fewer completions in the month are not ranked (default 1).
 * @attr {number} page-size - Units the table lists before a “show more” button (default 30; the lists and the chart count them all).
 * @attr {boolean} show-chart - Show the chart (its code is fetched the first time).
 * @prop {WorkOrderEvent[] | null} events - The work orders' events, in order; replayed by the core.
 * @prop {Iterable<WorkOrderState> | null} orders - Replayed orders, instead of `events`.
 * @prop {WorkOrderPolicyInput | null} policy - The work-order policy: limits per order type, calendar, list weights.
 *
 * @fires {GualianUnitSelectEvent} gualian-unit-select - The user picked a unit; `unit`, `month` and the unit's `measure`.
 *
 * @csspart board - The whole widget.
 * @csspart title - The scope and the month.
 * @csspart controls - The month and unit pickers.
 * @csspart summary - The month's totals (a live region).
 * @csspart refused - The events the core refused, listed.
 * @csspart lists - The red and black lists.
 * @csspart red-list - The red list (红榜).
 * @csspart black-list - The black list (黑榜).
 * @csspart table - The month's table of units.
 * @csspart sort - A column's sort button.
 * @csspart open - The button of a unit's name, which picks it.
 * @csspart more - The button that lists more units.
 * @csspart chart-toggle - The button that shows or hides the chart.
 * @csspart chart - The chart's canvas container (role=img).
 * @csspart chart-data - The table of the chart's values (its text alternative).
 * @csspart chart-status - The chart's loading or failure message.
 * @csspart status - The loading, error or no-data message.
 *
 * @cssprop [--gualian-rule-color=#d0d7de] - Table rules and list borders.
 * @cssprop [--gualian-row-hover-background=#f6f8fa] - Background of the row under the pointer or holding focus.
 * @cssprop [--gualian-red-list-color=#a0111f] - The red list's heading and border (红榜 is red, the good list).
 * @cssprop [--gualian-black-list-color=#1f2328] - The black list's heading and border.
 * @cssprop [--gualian-chart-on-time-color=#0b57d0] - The on-time rate's line.
 * @cssprop [--gualian-chart-satisfaction-color=#b04a00] - The satisfaction rate's line.
 * @cssprop [--gualian-chart-grid-color=#d0d7de] - The chart's grid lines.
 *
 * @example
 * <gualian-workorder-stats month="2024-03" size="3" show-chart></gualian-workorder-stats>
 * <script type="module">
 *   const stats = document.querySelector('gualian-workorder-stats');
 *   stats.events = workOrderEvents; // WorkOrderEvent[], e.g. importJsonl(text, { kind: 'work-orders' }).entries
 *   stats.addEventListener('gualian-unit-select', (e) => console.log(e.unit, e.measure));
 * </script>
 */
export class GualianWorkorderStats extends GualianElement {
  protected override divisionsOptional = true;

  static override styles = [...GualianElement.styles, tonePalette, dataTableStyles, chartSectionStyles, redBlackListStyles, statsStyles, workorderStatsStyles];

  static override properties: PropertyDeclarations = {
    events: { attribute: false },
    orders: { attribute: false },
    policy: { attribute: false },
    month: { reflect: true },
    unit: { reflect: true },
    scope: { reflect: true },
    size: { type: Number },
    minCompleted: { type: Number, attribute: 'min-completed' },
    pageSize: { type: Number, attribute: 'page-size' },
    showChart: { type: Boolean, reflect: true, attribute: 'show-chart' },
  };

  /** The work orders' events, in order. */
  declare events: WorkOrderEvent[] | null;
  /** Replayed orders, instead of `events`. */
  declare orders: Iterable<WorkOrderState> | null;
  /** The work-order policy. */
  declare policy: WorkOrderPolicyInput | null;
  /** The month shown, `YYYY-MM`. */
  declare month: string | null;
  /** The unit picked ('' for all). */
  declare unit: string;
  /** Only orders placed within this division. */
  declare scope: string | null;
  /** The red and black lists' size. */
  declare size: number;
  /** Fewest completions in the month to be ranked. */
  declare minCompleted: number;
  /** Units the table lists before “show more”. */
  declare pageSize: number;
  /** Whether the chart is shown. */
  declare showChart: boolean;

  #data: Data | null = null;
  #replayed: Replayed | null = null;
  #problem: unknown = null;
  /** What `#data` was made from. */
  #inputs: unknown[] = [];
  #sort: { column: MeasureColumn; descending: boolean } = { column: 'unit', descending: false };
  /** The unit whose row holds the table's one tab stop. */
  #activeRow: string | null = null;
  #focusRow: string | null = null;
  /** How many units the table lists now, and for which month. */
  #limit = 0;
  #limitFor = '';
  readonly #chart = new LazyChart<RateSeries, RatesLook>(this, () => import('./chart.js'));
  #chartData: RateSeries = { months: [], onTime: [], satisfaction: [] };

  constructor() {
    super();
    this.events = null;
    this.orders = null;
    this.policy = null;
    this.month = null;
    this.unit = '';
    this.scope = null;
    this.size = 3;
    this.minCompleted = 1;
    this.pageSize = 30;
    this.showChart = false;
  }

  /** The core's measures of every unit and month for the orders in scope (empty without data). */
  get measures(): readonly WorkOrderMeasure[] {
    return this.#data?.measures ?? [];
  }

  /** The month shown (`YYYY-MM`), or `null` without data. */
  get shownMonth(): string | null {
    const months = this.#data?.months ?? [];
    if (months.length === 0) return null;
    return this.month !== null && months.includes(this.month) ? this.month : months[months.length - 1]!;
  }

  /** The events the core refused while replaying `events`, with their position and error. */
  get refused(): readonly RefusedEntry[] {
    return this.#data?.refused ?? [];
  }

  /**
   * The red/black list of the month shown, as the core ranks it (`redBlackList`), or `null`.
   * @example
   * stats.lists?.red.map((u) => u.unit);
   */
  get lists(): ReturnType<typeof redBlackList> | null {
    const month = this.shownMonth;
    if (month === null) return null;
    return redBlackList(this.measures, month, { size: this.#count(this.size, 3), minCompleted: this.#count(this.minCompleted, 1), ...(this.policy ? { policy: this.policy } : {}) });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A chart disposed on disconnection is drawn again on the next render.
    if (this.showChart) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const inputs = [this.events, this.orders, this.policy, this.scope];
    if (inputs.some((v, i) => v !== this.#inputs[i]) || this.#inputs.length === 0) {
      this.#inputs = inputs;
      this.#load();
    }
    if (this.showChart) this.#chart.request();
  }

  #load(): void {
    this.#data = null;
    this.#problem = null;
    try {
      const source = this.#source();
      if (source === null) return;
      const scope = (this.scope ?? '').trim();
      const inScope = scope === '' ? source.orders : source.orders.filter((o) => o.place !== undefined && o.place.startsWith(scope));
      const measures = workOrderMeasures(inScope, this.policy ?? undefined);
      this.#data = { orders: inScope.length, refused: source.refused, measures, months: [...new Set(measures.map((m) => m.month))].sort() };
    } catch (error) {
      this.#problem = error;
    }
  }

  /**
   * The orders of `events` (replayed) or `orders`, read once per input: `orders` may be an
   * iterator (`replay.orders.values()`), which a second reading would find empty.
   */
  #source(): Replayed | null {
    const input = this.events ?? this.orders;
    if (input === null) return (this.#replayed = null);
    if (this.#replayed?.input === input) return this.#replayed;
    if (this.events) {
      // Lenient: a malformed event is listed with the refused ones (its fields at fault in the
      // error), never a widget that throws while rendering.
      const replay = replayWorkOrders(this.events, { mode: 'lenient' });
      const refused = allRefused(replay.refused, replay.issues, 'workorder.invalid-event');
      this.#replayed = { input, orders: [...replay.orders.values()], refused };
    } else this.#replayed = { input, orders: [...this.orders!], refused: [] };
    return this.#replayed;
  }

  #count(x: number | null | undefined, fallback: number): number {
    return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? Math.floor(x) : fallback;
  }

  // ── Formatting ─────────────────────────────────────────────────────────────────────────

  #n(x: number): string {
    return formatCount(x, this.i18n.lang);
  }

  #rate(part: number, whole: number): string {
    return formatPercent(ratePercent(part, whole), this.i18n.lang);
  }

  /** A core rate (0–1) as a percentage, rounded down like the rest. */
  #share(rate: number | null): string {
    return formatPercent(rate === null ? null : ratePercent(Math.round(rate * 1e6), 1e6), this.i18n.lang);
  }

  // ── Render ─────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const data = this.#data;
    if (data === null) {
      if (this.#problem !== null) return renderProblem(this.#problem, this.i18n.lang, (key, values) => this.t(key, values));
      // Loading the divisions, or failing to: the base says so; else there is nothing to count yet.
      return this.renderStatus() ?? html`<p class="status" part="status" role="status">${this.t('ui.workorderStats.noData')}</p>`;
    }
    const month = this.shownMonth;
    const place = scopePath(this.divisions.hierarchy, this.scope);
    return html`<div class="board" part="board">
      <div class="head">
        <p class="title" part="title" id="title">
          ${month === null ? this.t('ui.workorderStats.title') : this.t('ui.workorderStats.titleMonth', { month: monthLabel(month, this.i18n.lang) })}
        </p>
        ${place === '' ? nothing : html`<p class="muted scope">${this.t('ui.disputeStats.scope', { place })}</p>`}
      </div>
      ${renderRefused(data.refused, this.i18n.lang, (key, values) => this.t(key, values))}
      ${month === null
        ? html`<p class="empty" part="summary" role="status">${this.t('ui.workorderStats.noOrders', { count: this.#n(data.orders) })}</p>`
        : html`${this.#renderControls(data, month)} ${this.#renderSummary(data, month)} ${this.#renderLists(month)} ${this.#renderTable(data, month)} ${this.#renderChart(data)}`}
      ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
    </div>`;
  }

  #renderControls(data: Data, month: string): TemplateResult {
    const lang = this.i18n.lang;
    const units = [...new Set(data.measures.map((m) => m.unit))].sort();
    const unit = units.includes(this.unit) ? this.unit : '';
    return html`<div class="controls" part="controls" role="group" aria-label=${this.t('ui.workorderStats.controls')}>
      <label for="f-month">${this.t('ui.workorderStats.month')}
        <select id="f-month" @change=${(e: Event) => this.#setMonth((e.target as HTMLSelectElement).value)}>
          ${[...data.months].reverse().map((m) => html`<option value=${m} .selected=${live(m === month)}>${monthLabel(m, lang)}</option>`)}
        </select>
      </label>
      <label for="f-unit">${this.t('ui.workorderStats.chartUnit')}
        <select id="f-unit" @change=${(e: Event) => this.#pick((e.target as HTMLSelectElement).value)}>
          <option value="" .selected=${live(unit === '')}>${this.t('ui.workorderStats.allUnits')}</option>
          ${units.map((u) => html`<option value=${u} .selected=${live(u === unit)}>${u}</option>`)}
        </select>
      </label>
    </div>`;
  }

  #renderSummary(data: Data, month: string): TemplateResult {
    const rows = data.measures.filter((m) => m.month === month);
    const sum = (k: 'dispatched' | 'completed' | 'completedOnTime' | 'rated' | 'satisfied') => rows.reduce((t, m) => t + m[k], 0);
    return html`<p class="summary" part="summary" role="status">
      ${this.t('ui.workorderStats.summary', {
        units: this.#n(rows.length),
        dispatched: this.#n(sum('dispatched')),
        completed: this.#n(sum('completed')),
        onTime: this.#rate(sum('completedOnTime'), sum('completed')),
        satisfaction: this.#rate(sum('satisfied'), sum('rated')),
      })}
    </p>`;
  }

  #renderLists(month: string): TemplateResult {
    const lists = this.lists!;
    const size = this.#count(this.size, 3);
    const min = this.#count(this.minCompleted, 1);
    const list = (which: 'red' | 'black', entries: RankedUnit[]) => html`<section class="list ${which}" part="${which}-list" aria-labelledby="${which}-title">
      <p class="list-title" id="${which}-title">${this.t(`ui.workorderStats.${which}`)}</p>
      ${entries.length === 0
        ? html`<p class="muted">${this.t('ui.workorderStats.noneRanked')}</p>`
        : html`<ol class="entries">
            ${entries.map(
              (e) => html`<li data-unit=${e.unit}>
                <span class="entry-rank">${this.t('ui.workorderStats.rank', { rank: this.#n(e.rank) })}</span>
                <button type="button" class="open entry-name" data-unit=${e.unit} @click=${() => this.#pick(e.unit)}>${e.unit}</button>
                <span class="entry-score">${this.t('ui.workorderStats.score', { score: this.#share(e.score) })}</span>
                <span class="why">${this.t('ui.workorderStats.why', { onTime: this.#share(e.onTimeRate), satisfaction: this.#share(e.satisfactionRate), completed: this.#n(e.completed) })}</span>
              </li>`,
            )}
          </ol>`}
    </section>`;
    return html`<div class="lists-wrap">
      <p class="section-title">${this.t('ui.workorderStats.lists', { month: monthLabel(month, this.i18n.lang) })}</p>
      <p class="muted">${this.t('ui.workorderStats.listRule', { size: this.#n(size), min: this.#n(min), ranked: this.#n(lists.ranking.length) })}</p>
      <div class="lists" part="lists">${list('red', lists.red)} ${list('black', lists.black)}</div>
    </div>`;
  }

  #renderTable(data: Data, month: string): TemplateResult {
    const rows = sortMeasures(
      data.measures.filter((m) => m.month === month),
      this.#sort.column,
      this.#sort.descending,
    );
    const page = this.#count(this.pageSize, 30) || 30;
    if (this.#limitFor !== month) (this.#limit = page), (this.#limitFor = month);
    const shown = rows.slice(0, this.#limit);
    if (this.#activeRow === null || !shown.some((r) => r.unit === this.#activeRow)) this.#activeRow = shown[0]?.unit ?? null;
    const lang = this.i18n.lang;
    const lists = this.lists!;
    const red = new Set(lists.red.map((u) => u.unit));
    const black = new Set(lists.black.map((u) => u.unit));
    const header = (column: MeasureColumn) => {
      const sorted = this.#sort.column === column;
      const sort = sorted ? (this.#sort.descending ? 'descending' : 'ascending') : 'none';
      return html`<th scope="col" class=${NUMBER_COLUMNS.has(column) ? 'num' : ''} aria-sort=${sort}>
        <button type="button" class="sort" part="sort" data-column=${column} @click=${() => this.#sortBy(column)}>
          ${this.t(`ui.workorderStats.col.${column}`)}<span class="arrow" aria-hidden="true">${sorted ? (this.#sort.descending ? ' ↓' : ' ↑') : ''}</span>
        </button>
      </th>`;
    };
    return html`<div class="table-wrap">
      <table part="table">
        <caption>${this.t('ui.workorderStats.caption', { month: monthLabel(month, lang) })}</caption>
        <thead>
          <tr>${MEASURE_COLUMNS.map(header)}</tr>
        </thead>
        <tbody @keydown=${this.#onTableKey}>
          ${shown.map(
            (m) => html`<tr data-unit=${m.unit} class=${red.has(m.unit) ? 'red' : black.has(m.unit) ? 'black' : ''}>
              <th scope="row">
                <button type="button" class="open" part="open" data-unit=${m.unit} tabindex=${m.unit === this.#activeRow ? 0 : -1} aria-current=${m.unit === this.unit ? 'true' : 'false'} @click=${() => this.#pick(m.unit)} @focus=${() => (this.#activeRow = m.unit)}>${m.unit}</button>
                ${red.has(m.unit) ? html`<span class="tag red">${this.t('ui.workorderStats.red')}</span>` : black.has(m.unit) ? html`<span class="tag black">${this.t('ui.workorderStats.black')}</span>` : nothing}
              </th>
              <td class="num">${this.#n(m.dispatched)}</td>
              <td class="num">${this.#n(m.returned)}</td>
              <td class="num">${this.#n(m.completed)}</td>
              <td class="num">${this.#n(m.completedOnTime)}</td>
              <td class="num">${this.#rate(m.completedOnTime, m.completed)}</td>
              <td class="num">${this.#n(m.rated)}</td>
              <td class="num">${this.#n(m.satisfied)}</td>
              <td class="num">${this.#rate(m.satisfied, m.rated)}</td>
              <td class="num">${this.#rate(m.signedOnTime, m.signed)}</td>
              <td class="num">${this.#rate(m.calledBackOnTime, m.calledBack)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${rows.length > shown.length
        ? html`<button type="button" class="more" part="more" @click=${() => this.#showMore(page)}>${this.t('ui.showMore', { count: this.#n(Math.min(page, rows.length - shown.length)) })}</button>`
        : nothing}
    </div>`;
  }

  #renderChart(data: Data): TemplateResult {
    const lang = this.i18n.lang;
    const unit = data.measures.some((m) => m.unit === this.unit) ? this.unit : '';
    const name = unit === '' ? this.t('ui.workorderStats.allUnits') : unit;
    const rates = monthlyRates(data.measures, unit);
    this.#chartData = {
      months: rates.map((r) => monthLabel(r.month, lang)),
      onTime: rates.map((r) => ratePercent(r.completedOnTime, r.completed)),
      satisfaction: rates.map((r) => ratePercent(r.satisfied, r.rated)),
    };
    return renderChartSection({
      status: this.#chart.renderStatus((key, values) => this.t(key, values)),
      shown: this.showChart,
      label: this.t('ui.workorderStats.chartLabel', { unit: name }),
      caption: this.t('ui.workorderStats.chartData', { unit: name }),
      table: {
        head: html`<tr>
        <th scope="col">${this.t('ui.workorderStats.month')}</th>
        <th scope="col" class="num">${this.t('ui.workorderStats.col.completed')}</th>
        <th scope="col" class="num">${this.t('ui.workorderStats.col.onTimeRate')}</th>
        <th scope="col" class="num">${this.t('ui.workorderStats.col.rated')}</th>
        <th scope="col" class="num">${this.t('ui.workorderStats.col.satisfactionRate')}</th>
      </tr>`,
      rows: html`${rates.map(
        (r) => html`<tr>
          <th scope="row">${monthLabel(r.month, lang)}</th>
          <td class="num">${this.#n(r.completed)}</td>
          <td class="num">${this.#rate(r.completedOnTime, r.completed)}</td>
          <td class="num">${this.#n(r.rated)}</td>
          <td class="num">${this.#rate(r.satisfied, r.rated)}</td>
        </tr>`,
        )}`,
      },
      onToggle: () => this.#toggleChart(),
      t: (key, values) => this.t(key, values),
    });
  }

  // ── Actions ────────────────────────────────────────────────────────────────────────────

  #setMonth(month: string): void {
    this.month = month;
  }

  /** Pick a unit ('' for all): the chart follows it, and the host is told. */
  #pick(unit: string): void {
    this.unit = unit;
    if (unit !== '') this.#activeRow = unit;
    const month = this.shownMonth ?? '';
    const measure = unit === '' ? null : (this.measures.find((m) => m.month === month && m.unit === unit) ?? null);
    this.dispatchEvent(new GualianUnitSelectEvent(unit, month, measure));
  }

  #showMore(page: number): void {
    this.#limit += page;
    this.requestUpdate();
  }

  #sortBy(column: MeasureColumn): void {
    const same = this.#sort.column === column;
    // Numbers start largest first, names A to Z; a second press turns the order round.
    this.#sort = { column, descending: same ? !this.#sort.descending : column !== 'unit' };
    this.requestUpdate();
  }

  #toggleChart(): void {
    // A chunk that failed to arrive (offline, a deploy in between) is asked for again.
    if (!this.showChart) this.#chart.request(true);
    this.showChart = !this.showChart;
  }

  #onTableKey(e: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('tbody .open')];
    const at = buttons.findIndex((b) => b.dataset['unit'] === this.#activeRow);
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(buttons.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else return;
    e.preventDefault();
    this.#activeRow = buttons[next]!.dataset['unit']!;
    this.#focusRow = this.#activeRow;
    this.requestUpdate();
  }

  /** The chart's fonts and colours, read from the element so it matches the text and the large-text mode. */
  #look(container: HTMLElement): RatesLook {
    const { look, colours } = chartLook(container, {
      onTimeColor: ['--gualian-chart-on-time-color', '#0b57d0'],
      satisfactionColor: ['--gualian-chart-satisfaction-color', '#b04a00'],
    });
    return { ...look, ...colours, onTimeLabel: this.t('ui.workorderStats.col.onTimeRate'), satisfactionLabel: this.t('ui.workorderStats.col.satisfactionRate') };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#chart.draw(this.showChart ? this.renderRoot.querySelector<HTMLElement>('.chart') : null, this.#chartData, (c) => this.#look(c));
    if (this.#focusRow !== null) {
      const unit = this.#focusRow;
      this.#focusRow = null;
      [...this.renderRoot.querySelectorAll<HTMLButtonElement>('tbody .open')].find((b) => b.dataset['unit'] === unit)?.focus();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-workorder-stats': GualianWorkorderStats;
  }
}
