import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  allRefused,
  CASE_CATEGORIES,
  CASE_LEVELS,
  replayRecord,
  resolutionLevelsOverTime,
  SEVERITIES,
  type CaseEvent,
  type CaseLevel,
  type CaseState,
  type DisputePolicyInput,
  type RefusedEntry,
  type ResolutionInterval,
  type ResolutionLevels,
  type Severity,
} from '@gualian/core/disputes';
import { GualianElement } from '../base/gualian-element.js';
import { chartLook, chartSectionStyles, LazyChart } from '../base/chart-controller.js';
import { dataTableStyles, tonePalette } from '../base/styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { formatCount, formatPercent } from '../coverage-board/figures.js';
import { monthLabel, ratePercent } from '../workorder-stats/model.js';
import { renderChartSection, renderProblem, renderRefused, scopePath } from '../workorder-stats/parts.js';
import { statsStyles } from '../workorder-stats/styles.js';
import type { LevelSeries, LevelsLook } from './chart.js';
import { resolutionLevelsStyles } from './styles.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** The states the widget counts, and the events the core refused making them. */
interface Data {
  states: CaseState[];
  refused: RefusedEntry[];
  /** The categories present, known ones first in the core's order. */
  categories: string[];
}

const INTERVALS: readonly ResolutionInterval[] = ['month', 'quarter'];
/** The chart's default colours per level, lowest first (each ≥ 3:1 against white). */
const LEVEL_COLOURS: Readonly<Record<CaseLevel, readonly [string, string]>> = {
  village: ['--gualian-chart-village-color', '#116329'],
  township: ['--gualian-chart-township-color', '#0b57d0'],
  county: ['--gualian-chart-county-color', '#b04a00'],
  prefecture: ['--gualian-chart-prefecture-color', '#6e40c9'],
};

/**
 * Where disputes were resolved, over time: resolved cases by the month (or quarter) of their
 * resolution, with the share resolved at village, township, county and prefecture level in
 * each, as a stacked chart and a table of counts and shares; and for the whole span the two
 * measures of 小事不出村、大事不出镇 — the share resolved in the village, and in the village or
 * the township.
 *
 * Give it case `states` (the core's `CaseState`s) or the cases' `events` (replayed with the
 * core's `replayRecord`; refused events are counted and listed). Every figure is the core's:
 * `resolutionLevelsOverTime` buckets the resolved cases and summarises each bucket with
 * `summariseCases`, the whole span is their `mergeSummaries`. `scope` keeps the cases placed
 * within a division (named from the hierarchy); the category and severity filters narrow them.
 *
 * The chart's code (ECharts) is fetched the first time the chart is shown; its values are the
 * table's, and it does not animate for readers who ask for reduced motion.
 *
 * @tag gualian-resolution-levels
 * @summary The share of disputes resolved at village, township and county level over time, with 小事不出村、大事不出镇.
 *
 * @attr {string} scope - Only cases placed within this division (a code); the title names it from the hierarchy.
 * @attr {'month' | 'quarter'} interval - Bucket resolutions by month (default) or quarter.
 * @attr {string} category - Only cases of this category ('' for all).
 * @attr {string} severity - Only cases of this severity: general, major or very-major ('' for all).
 * @attr {string} as-of - The day the summaries describe (default: the day of the latest event).
 * @attr {boolean} show-chart - Show the stacked chart (its code is fetched the first time).
 * @prop {Iterable<CaseState> | null} states - The cases' states (e.g. `replayRecord(...).states.values()`).
 * @prop {CaseEvent[] | null} events - The cases' events in order, instead of `states`; replayed by the core.
 * @prop {DisputePolicyInput | null} policy - The disputes policy the events are replayed and summarised with.
 *
 * @csspart board - The whole widget.
 * @csspart title - The title and the span.
 * @csspart controls - The interval, category and severity pickers.
 * @csspart headline - The two headline figures.
 * @csspart figure - One headline figure; also `figure-village` or `figure-township`.
 * @csspart refused - The events the core refused, listed.
 * @csspart table - The table of periods and levels.
 * @csspart chart-toggle - The button that shows or hides the chart.
 * @csspart chart - The chart's canvas container (role=img).
 * @csspart chart-data - The table of the chart's values (its text alternative).
 * @csspart chart-status - The chart's loading or failure message.
 * @csspart status - The loading, error or no-data message.
 *
 * @cssprop [--gualian-rule-color=#d0d7de] - Table rules.
 * @cssprop [--gualian-chart-village-color=#116329] - The village level in the chart.
 * @cssprop [--gualian-chart-township-color=#0b57d0] - The township level in the chart.
 * @cssprop [--gualian-chart-county-color=#b04a00] - The county level in the chart.
 * @cssprop [--gualian-chart-prefecture-color=#6e40c9] - The prefecture level in the chart.
 * @cssprop [--gualian-chart-grid-color=#d0d7de] - The chart's grid lines.
 *
 * @example
 * <gualian-resolution-levels scope="530627" interval="quarter" show-chart></gualian-resolution-levels>
 * <script type="module">
 *   import { replayRecord } from '@gualian/core/disputes';
 *   document.querySelector('gualian-resolution-levels').states = replayRecord(events).states.values();
 * </script>
 */
export class GualianResolutionLevels extends GualianElement {
  protected override divisionsOptional = true;

  static override styles = [...GualianElement.styles, tonePalette, dataTableStyles, chartSectionStyles, statsStyles, resolutionLevelsStyles];

  static override properties: PropertyDeclarations = {
    states: { attribute: false },
    events: { attribute: false },
    policy: { attribute: false },
    scope: { reflect: true },
    interval: { reflect: true },
    category: { reflect: true },
    severity: { reflect: true },
    asOf: { reflect: true, attribute: 'as-of' },
    showChart: { type: Boolean, reflect: true, attribute: 'show-chart' },
  };

  /** The cases' states. */
  declare states: Iterable<CaseState> | null;
  /** The cases' events in order, instead of `states`. */
  declare events: CaseEvent[] | null;
  /** The disputes policy. */
  declare policy: DisputePolicyInput | null;
  /** Only cases placed within this division. */
  declare scope: string | null;
  /** Month or quarter. */
  declare interval: ResolutionInterval;
  /** Only this category ('' for all). */
  declare category: string;
  /** Only this severity ('' for all). */
  declare severity: string;
  /** The day the summaries describe. */
  declare asOf: string | null;
  /** Whether the chart is shown. */
  declare showChart: boolean;

  #data: Data | null = null;
  #problem: unknown = null;
  #inputs: unknown[] = [];
  #levels: ResolutionLevels | null = null;
  #levelsKey = '';
  readonly #chart = new LazyChart<LevelSeries, LevelsLook>(this, () => import('./chart.js'));
  #chartData: LevelSeries = { periods: [], levels: [] };

  constructor() {
    super();
    this.states = null;
    this.events = null;
    this.policy = null;
    this.scope = null;
    this.interval = 'month';
    this.category = '';
    this.severity = '';
    this.asOf = null;
    this.showChart = false;
  }

  /**
   * What is shown, as the core computed it (`resolutionLevelsOverTime`): the periods' summaries,
   * the whole span, and the shares of 小事不出村 (`village`) and 大事不出镇 (`townshipOrBelow`).
   * @example
   * el.levels?.village; // 0.83
   */
  get levels(): ResolutionLevels | null {
    return this.#levels;
  }

  /** The events the core refused while replaying `events`. */
  get refused(): readonly RefusedEntry[] {
    return this.#data?.refused ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A chart disposed on disconnection is drawn again on the next render.
    if (this.showChart) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const inputs = [this.states, this.events, this.policy];
    if (inputs.some((v, i) => v !== this.#inputs[i]) || this.#inputs.length === 0) {
      this.#inputs = inputs;
      this.#load();
      this.#levelsKey = '';
    }
    this.#compute();
    if (this.showChart) this.#chart.request();
  }

  #load(): void {
    this.#data = null;
    this.#problem = null;
    try {
      let states: CaseState[];
      let refused: RefusedEntry[] = [];
      const policy = this.policy ? { policy: this.policy } : {};
      if (this.events) {
        const replay = replayRecord(this.events, { ...policy, mode: 'lenient' });
        states = [...replay.states.values()];
        refused = allRefused(replay.refused, replay.issues, 'dispute.invalid-event');
      } else if (this.states) states = [...this.states];
      else return;
      const seen = new Set(states.map((s) => s.facts.category));
      const categories = [...CASE_CATEGORIES.filter((c) => seen.has(c)), ...[...seen].filter((c) => !(CASE_CATEGORIES as readonly string[]).includes(c)).sort()];
      this.#data = { states, refused, categories };
    } catch (error) {
      this.#problem = error;
    }
  }

  #interval(): ResolutionInterval {
    return INTERVALS.includes(this.interval) ? this.interval : 'month';
  }

  #severity(): Severity | undefined {
    return (SEVERITIES as readonly string[]).includes(this.severity) ? (this.severity as Severity) : undefined;
  }

  #compute(): void {
    const data = this.#data;
    if (data === null) {
      this.#levels = null;
      return;
    }
    const scope = (this.scope ?? '').trim();
    const options = {
      interval: this.#interval(),
      ...(scope !== '' ? { scope } : {}),
      ...(this.category ? { category: this.category } : {}),
      ...(this.#severity() ? { severity: this.#severity()! } : {}),
      ...(this.asOf ? { asOf: this.asOf } : {}),
      ...(this.policy ? { policy: this.policy } : {}),
    };
    const key = JSON.stringify(options);
    if (key === this.#levelsKey) return;
    this.#levelsKey = key;
    try {
      this.#levels = resolutionLevelsOverTime(data.states, options);
    } catch (error) {
      this.#levels = null;
      this.#problem = error;
    }
  }

  // ── Formatting ─────────────────────────────────────────────────────────────────────────

  #n(x: number): string {
    return formatCount(x, this.i18n.lang);
  }

  #share(part: number, whole: number): string {
    return formatPercent(ratePercent(part, whole), this.i18n.lang);
  }

  #periodLabel(period: string): string {
    if (period.length === 7 && period[5] !== 'Q') return monthLabel(period, this.i18n.lang);
    return this.t('ui.resolutionLevels.quarter', { year: period.slice(0, 4), quarter: period.slice(6) });
  }

  #levelLabel(level: CaseLevel): string {
    return this.t(`levelName.${level}` as MessageKey);
  }

  // ── Render ─────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const data = this.#data;
    if (data === null) {
      if (this.#problem !== null) return renderProblem(this.#problem, this.i18n.lang, (key, values) => this.t(key, values));
      // Loading the divisions, or failing to: the base says so; else there is nothing to count yet.
      return this.renderStatus() ?? html`<p class="status" part="status" role="status">${this.t('ui.resolutionLevels.noData')}</p>`;
    }
    const levels = this.#levels;
    const place = scopePath(this.divisions.hierarchy, this.scope);
    return html`<div class="board" part="board">
      <div class="head" part="title">
        <p class="title" id="title">${this.t('ui.resolutionLevels.title')}</p>
        ${place === '' ? nothing : html`<p class="muted scope">${this.t('ui.disputeStats.scope', { place })}</p>`}
      </div>
      ${renderRefused(data.refused, this.i18n.lang, (key, values) => this.t(key, values))} ${this.#renderControls(data)}
      ${levels === null || levels.whole === null
        ? html`<p class="empty" part="summary" role="status">${this.#problem !== null ? nothing : this.t('ui.resolutionLevels.noneResolved')}</p>
            ${this.#problem !== null ? renderProblem(this.#problem, this.i18n.lang, (key, values) => this.t(key, values)) : nothing}`
        : html`${this.#renderHeadline(levels)} ${this.#renderTable(levels)} ${this.#renderChart(levels)}`}
      ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
    </div>`;
  }

  #renderControls(data: Data): TemplateResult {
    const interval = this.#interval();
    const severity = this.#severity() ?? '';
    const category = data.categories.includes(this.category) ? this.category : '';
    const option = (value: string, label: string, selected: string) => html`<option value=${value} .selected=${live(value === selected)}>${label}</option>`;
    return html`<div class="controls" part="controls" role="group" aria-label=${this.t('ui.resolutionLevels.controls')}>
      <label for="f-interval">${this.t('ui.resolutionLevels.interval')}
        <select id="f-interval" @change=${(e: Event) => (this.interval = (e.target as HTMLSelectElement).value as ResolutionInterval)}>
          ${INTERVALS.map((i) => option(i, this.t(`ui.resolutionLevels.interval.${i}`), interval))}
        </select>
      </label>
      <label for="f-category">${this.t('ui.resolutionLevels.category')}
        <select id="f-category" @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value)}>
          ${option('', this.t('ui.resolutionLevels.all'), category)} ${data.categories.map((c) => option(c, this.#categoryLabel(c), category))}
        </select>
      </label>
      <label for="f-severity">${this.t('ui.resolutionLevels.severity')}
        <select id="f-severity" @change=${(e: Event) => (this.severity = (e.target as HTMLSelectElement).value)}>
          ${option('', this.t('ui.resolutionLevels.all'), severity)} ${SEVERITIES.map((s) => option(s, this.t(`dispute.severity.${s}` as MessageKey), severity))}
        </select>
      </label>
    </div>`;
  }

  #categoryLabel(category: string): string {
    const key = `dispute.category.${category}` as MessageKey;
    const label = this.t(key);
    // A local category has no label of its own: it shows as written.
    return label === key ? category : label;
  }

  #renderHeadline(levels: ResolutionLevels): TemplateResult {
    const whole = levels.whole!;
    const first = levels.periods[0]!.period;
    const last = levels.periods[levels.periods.length - 1]!.period;
    const village = whole.resolvedByLevel.village;
    const townshipOrBelow = village + whole.resolvedByLevel.township;
    const figure = (id: 'village' | 'township', label: string, share: number | null, count: number, detail: MessageKey) => html`<div class="figure" part="figure figure-${id}" data-figure=${id}>
      <dt>${label}</dt>
      <dd>
        <span class="figure-value" part="figure-value">${formatPercent(share === null ? null : ratePercent(count, whole.resolved), this.i18n.lang)}</span>
        <span class="muted">${this.t(detail, { count: this.#n(count), total: this.#n(whole.resolved) })}</span>
      </dd>
    </div>`;
    return html`<div class="headline-wrap">
      <p class="muted" part="span">${this.t('ui.resolutionLevels.span', { from: this.#periodLabel(first), to: this.#periodLabel(last), resolved: this.#n(whole.resolved) })}</p>
      <dl class="headline" part="headline">
        ${figure('village', this.t('ui.resolutionLevels.village'), levels.village, village, 'ui.resolutionLevels.villageDetail')}
        ${figure('township', this.t('ui.resolutionLevels.township'), levels.townshipOrBelow, townshipOrBelow, 'ui.resolutionLevels.townshipDetail')}
      </dl>
    </div>`;
  }

  #renderTable(levels: ResolutionLevels): TemplateResult {
    return html`<div class="table-wrap">
      <table part="table" id="levels-table">
        <caption>${this.t(`ui.resolutionLevels.caption.${levels.interval}`)}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t(`ui.resolutionLevels.col.${levels.interval}`)}</th>
            <th scope="col" class="num">${this.t('ui.resolutionLevels.col.resolved')}</th>
            ${CASE_LEVELS.map((l) => html`<th scope="col" class="num">${this.t('ui.resolutionLevels.col.level', { level: this.#levelLabel(l) })}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${levels.periods.map(
            (p) => html`<tr data-period=${p.period}>
              <th scope="row">${this.#periodLabel(p.period)}</th>
              <td class="num">${this.#n(p.summary.resolved)}</td>
              ${CASE_LEVELS.map(
                (l) => html`<td class="num" data-level=${l}>
                  <span class="share">${this.#share(p.summary.resolvedByLevel[l], p.summary.resolved)}</span>
                  <span class="count">${this.#n(p.summary.resolvedByLevel[l])}</span>
                </td>`,
              )}
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${this.t('ui.resolutionLevels.total')}</th>
            <td class="num">${this.#n(levels.whole!.resolved)}</td>
            ${CASE_LEVELS.map(
              (l) => html`<td class="num" data-level=${l}>
                <span class="share">${this.#share(levels.whole!.resolvedByLevel[l], levels.whole!.resolved)}</span>
                <span class="count">${this.#n(levels.whole!.resolvedByLevel[l])}</span>
              </td>`,
            )}
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #renderChart(levels: ResolutionLevels): TemplateResult {
    // The chart's values are the core's shares, as percentages with one decimal.
    this.#chartData = {
      periods: levels.periods.map((p) => this.#periodLabel(p.period)),
      levels: CASE_LEVELS.map((l) => ({ name: this.#levelLabel(l), shares: levels.periods.map((p) => Math.round((p.summary.resolutionLevelShares[l] ?? 0) * 1000) / 10) })),
    };
    return renderChartSection({
      status: this.#chart.renderStatus((key, values) => this.t(key, values)),
      shown: this.showChart,
      label: this.t('ui.resolutionLevels.chartLabel'),
      caption: this.t('ui.resolutionLevels.chartData'),
      // The table above holds the chart's values, shares and counts: the chart points to it.
      table: { describedBy: 'levels-table' },
      onToggle: () => this.#toggleChart(),
      t: (key, values) => this.t(key, values),
    });
  }

  #toggleChart(): void {
    // A chunk that failed to arrive (offline, a deploy in between) is asked for again.
    if (!this.showChart) this.#chart.request(true);
    this.showChart = !this.showChart;
  }

  /** The chart's fonts and colours, read from the element so it matches the text and the large-text mode. */
  #look(container: HTMLElement): LevelsLook {
    const { look, colours } = chartLook(container, LEVEL_COLOURS);
    return { ...look, colours: CASE_LEVELS.map((l) => colours[l]) };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#chart.draw(this.showChart ? this.renderRoot.querySelector<HTMLElement>('.chart') : null, this.#chartData, (c) => this.#look(c));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-resolution-levels': GualianResolutionLevels;
  }
}
