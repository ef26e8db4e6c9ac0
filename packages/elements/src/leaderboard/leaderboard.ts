import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { describeError, type Hierarchy, type Lang } from '@gualian/core';
import { parsePairingPolicy, ZHAOTONG_POLICY, type Roster } from '@gualian/core/pairing';
import {
  computeFacts,
  parsePeriod,
  parseRubric,
  period as makePeriod,
  periodKey,
  previousPeriod,
  scoreAll,
  type FactOptions,
  type Period,
  type PeriodKind,
  type QuotaResult,
  type RedBlackOptions,
  type Rubric,
  type RubricInput,
  type ScoredSubject,
  type Scores,
} from '@gualian/core/assessment';
import { GualianElement } from '../base/gualian-element.js';
import { dataTableStyles, filterBarStyles, tonePalette } from '../base/styles.js';
import { GualianPeriodChangeEvent, GualianRankSelectEvent } from './events.js';
import { choicesOf, commonPlace, countyOf, gradesBestFirst, labelIn, monthName, periodLabel, quotaOf, rank, RANK_KINDS, samePeriod, type Choices, type Entry, type RankKind, type Ranking, type ShowFilter } from './model.js';
import { leaderboardStyles } from './styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';
import { redBlackListStyles } from '../base/rank-lists.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** How many entries each of the red and black lists shows; the table lists them all. */
const LIST_SHOWN = 10;
const SHOW_FILTERS: readonly ShowFilter[] = ['all', 'red', 'black', 'moved'];

/** The scores the board shows, worked out when its inputs change. */
interface Data {
  period: Period;
  scores: Scores;
  previous: Scores | null;
  current: ScoredSubject[];
  before: ScoredSubject[] | null;
  /** The quota over everyone scored together (cadres only). */
  quota: QuotaResult | null;
  choices: Choices;
  /** The deepest division holding every subject. */
  place: string;
}

/** A failure to show, translated when drawn. */
type Problem = { error: unknown };

/**
 * Rankings of cadres, units or regions (counties, townships) for an assessment period, with the
 * red and black lists (红黑榜), movement against the previous period, and the grades with the
 * top grade's quota applied, showing who moved grade because of it.
 *
 * Give it scores computed by the core (`scores`, and `previous` for the movement), or a
 * `roster` with a `rubric` and it scores the chosen period and the one before through the
 * core's `computeFacts` and `scoreAll`. Every rule (order and ties, the lists, the quota) is the
 * core's: the board only chooses who is ranked together — the cadres of a unit, a county or a
 * township — and draws the result. Ranks, lists and movement are within the filters (a
 * county's own ranking); grades come from the quota over everyone scored, whatever the filters.
 *
 * The table is paged (`page-size` rows at a time), so thousands of cadres cost no more to draw
 * than one page. Movement shows as ↑3, ↓2, 新 (new) or –, each with its meaning spelled out for
 * screen readers; colour only repeats it.
 *
 * Keys in the table: ↑/↓ move between rows (and on to the next or previous page), Home/End go
 * to the first/last row of the page, Page Down/Page Up turn the page, Enter or Space opens the
 * row (`gualian-rank-select`).
 *
 * @tag gualian-leaderboard
 * @summary Rankings of cadres, units or regions for a period, with red/black lists, movement and the grade quota.
 *
 * @attr {string} period - The period shown, as `2024`, `2024-Q2` or `2024-03`. With a roster the board scores it; with `scores` it is the period the host is asked for (default: the scores' period, or this year within the pairing campaign).
 * @attr {'cadre' | 'unit' | 'county' | 'township'} by - What is ranked: cadres (default), their units, or the counties or townships they work in (by the mean of their cadres).
 * @attr {string} unit - Rank only the cadres of this unit ('' for all).
 * @attr {string} region - Rank only the cadres of this county or township (its code; '' for the whole area).
 * @attr {'all' | 'red' | 'black' | 'moved'} show - Which rows the table lists: all (default), the red list, the black list, or those the quota moved.
 * @attr {number} top - The red list: the best `top` (ties at the cut included). Default 10.
 * @attr {number} bottom - The black list: the worst `bottom` (ties included), besides every veto. Default 10.
 * @attr {number} above - The red list: only totals of at least this (with `top`, both must hold).
 * @attr {number} below - The black list: also every total below this.
 * @attr {number} page-size - Rows per page of the table (default 50).
 * @prop {Scores | null} scores - The period's scores (the core's `scoreAll`); takes precedence over `roster` + `rubric`.
 * @prop {Scores | null} previous - The previous period's scores, for the movement.
 * @prop {Roster | null} roster - The roster: cadres' names, and with `rubric` the records the board scores.
 * @prop {Rubric | RubricInput | null} rubric - With `roster`: the rubric to score with (validated by the core).
 * @prop {Omit<FactOptions, 'rubric'> | null} factOptions - With `roster`: manual entries, spot checks, providers and the pairing policy for `computeFacts`.
 * @prop {number[] | null} years - The years the period control offers (default: the pairing campaign's with a roster, else the scores' year).
 *
 * @fires {GualianRankSelectEvent} gualian-rank-select - The user opened a row; `subject`, `kind` and `entry` (rank, total, movement…).
 * @fires {GualianPeriodChangeEvent} gualian-period-change - The user chose another period; `period` and `key`.
 *
 * @csspart board - The whole leaderboard.
 * @csspart title - The area, the period and the rubric.
 * @csspart filters - The controls choosing what is ranked and shown.
 * @csspart clear-filters - The button that clears the filters.
 * @csspart summary - How many are ranked, and the period compared with (a live region).
 * @csspart notice - A note: the period asked for is not the one shown yet.
 * @csspart lists - The red and black lists.
 * @csspart red-list - The red list (红榜).
 * @csspart black-list - The black list (黑榜).
 * @csspart list-more - The button that lists a whole red or black list in the table.
 * @csspart grades - The grade distribution and the quota.
 * @csspart show-moved - The button that lists those the quota moved.
 * @csspart table - The ranking table.
 * @csspart row - A row of the table; also `row-red` or `row-black` when on a list.
 * @csspart open - The button of a row's name, which opens it.
 * @csspart move - A movement mark; also `move-up`, `move-down`, `move-same` or `move-new`.
 * @csspart grade - A grade; also `grade-moved` when the quota changed it.
 * @csspart veto - The mark of a veto (一票否决).
 * @csspart pager - The page controls (a nav).
 * @csspart status - The loading, error or no-scores message.
 *
 * @cssprop [--gualian-rule-color=#d0d7de] - Table rules and list borders.
 * @cssprop [--gualian-row-hover-background=#f6f8fa] - Background of the row under the pointer or holding focus.
 * @cssprop [--gualian-red-list-color=#a0111f] - The red list's heading and border (红榜 is red, the good list).
 * @cssprop [--gualian-black-list-color=#1f2328] - The black list's heading and border.
 * @cssprop [--gualian-move-up-color=#116329] - Upward movement.
 * @cssprop [--gualian-move-down-color=#a0111f] - Downward movement.
 * @cssprop [--gualian-mono-font-family=ui-monospace, …] - Font of ids and codes.
 * @cssprop [--gualian-badge-ok-color=#116329] - Text of tags (and `-background`, default #dafbe1); likewise `warn`, `bad` and `info`.
 *
 * @example
 * <gualian-leaderboard period="2024-Q4" by="cadre" top="10" bottom="10"></gualian-leaderboard>
 * <script type="module">
 *   import { EXAMPLE_CADRE_RUBRIC, Roster } from '@gualian/core';
 *   const board = document.querySelector('gualian-leaderboard');
 *   board.roster = Roster.from(zhaotong, records);
 *   board.rubric = EXAMPLE_CADRE_RUBRIC;
 *   board.addEventListener('gualian-rank-select', (e) => console.log(e.subject, e.entry.rank));
 * </script>
 */
export class GualianLeaderboard extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, filterBarStyles, dataTableStyles, redBlackListStyles, leaderboardStyles];

  static override properties: PropertyDeclarations = {
    scores: { attribute: false },
    previous: { attribute: false },
    roster: { attribute: false },
    rubric: { attribute: false },
    factOptions: { attribute: false },
    years: { attribute: false },
    period: { reflect: true },
    by: { reflect: true },
    unit: { reflect: true },
    region: { reflect: true },
    show: { reflect: true },
    top: { type: Number },
    bottom: { type: Number },
    above: { type: Number },
    below: { type: Number },
    pageSize: { type: Number, attribute: 'page-size' },
  };

  /** The period's scores. */
  declare scores: Scores | null;
  /** The previous period's scores. */
  declare previous: Scores | null;
  /** The roster: names, and with `rubric` the records to score. */
  declare roster: Roster | null;
  /** The rubric to score the roster with. */
  declare rubric: Rubric | RubricInput | null;
  /** Options of `computeFacts` besides the rubric. */
  declare factOptions: Omit<FactOptions, 'rubric'> | null;
  /** The years the period control offers. */
  declare years: number[] | null;
  /** The period, as `2024`, `2024-Q2` or `2024-03`. */
  declare period: string | null;
  /** What is ranked. */
  declare by: RankKind;
  /** The unit whose cadres are ranked ('' for all). */
  declare unit: string;
  /** The county or township whose cadres are ranked ('' for all). */
  declare region: string;
  /** Which rows the table lists. */
  declare show: ShowFilter;
  /** The red list's count. */
  declare top: number | null;
  /** The black list's count. */
  declare bottom: number | null;
  /** The red list's threshold. */
  declare above: number | null;
  /** The black list's threshold. */
  declare below: number | null;
  /** Rows per page. */
  declare pageSize: number;

  #data: Data | null = null;
  #problem: Problem | null = null;
  /** What `#data` was made from, to redo it only when one of them changed. */
  #inputs: unknown[] = [];
  /** Scores of a roster by period key, for the rubric and options they were made with. */
  #cache = new Map<string, Scores>();
  #cacheFor: unknown[] = [];
  #ranking: Ranking | null = null;
  /** What `#ranking` was made from. */
  #rankingKey = '';
  #rankedData: Data | null = null;
  #query = '';
  #page = 0;
  /** The row holding the table's one tab stop. */
  #activeRow: string | null = null;
  #focusNext: { row: 'first' | 'last' | string } | null = null;

  constructor() {
    super();
    this.scores = null;
    this.previous = null;
    this.roster = null;
    this.rubric = null;
    this.factOptions = null;
    this.years = null;
    this.period = null;
    this.by = 'cadre';
    this.unit = '';
    this.region = '';
    this.show = 'all';
    this.top = 10;
    this.bottom = 10;
    this.above = null;
    this.below = null;
    this.pageSize = 50;
  }

  /**
   * The ranking drawn now, as the core made it (`rankSubjects` or `rankGroups`, then
   * `redBlackLists`), or `null` before there are scores.
   * @example
   * board.ranking?.red.map((e) => e.subject);
   */
  get ranking(): Ranking | null {
    return this.#ranking;
  }

  /** The period of the scores shown, or `null`. */
  get shownPeriod(): Period | null {
    return this.#data?.period ?? null;
  }

  // ── Data ───────────────────────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const inputs = [this.scores, this.previous, this.roster, this.rubric, this.factOptions, this.scores ? null : this.period];
    if (inputs.some((v, i) => v !== this.#inputs[i]) || this.#inputs.length === 0) {
      this.#inputs = inputs;
      this.#load();
    }
    this.#rerank();
  }

  #load(): void {
    this.#data = null;
    this.#problem = null;
    try {
      if (this.scores) {
        this.#data = this.#dataOf(this.scores, this.previous);
        return;
      }
      if (this.roster && this.rubric) {
        const p = this.#askedPeriod() ?? makePeriod('year', this.#defaultYear());
        this.#data = this.#dataOf(this.#scored(p), this.#scored(previousPeriod(p)));
      }
    } catch (error) {
      this.#problem = { error };
    }
  }

  #dataOf(scores: Scores, previous: Scores | null): Data {
    const current = scores.subjects();
    const before = previous === null ? null : previous.subjects();
    const quota = scores.facts.kind === 'cadre' ? quotaOf(scores, current) : null;
    return { period: scores.facts.period, scores, previous, current, before, quota, choices: choicesOf(current), place: commonPlace(current) };
  }

  /** The roster's scores for a period, scored once per rubric and options. */
  #scored(p: Period): Scores {
    const key = [this.roster, this.rubric, this.factOptions];
    if (key.some((v, i) => v !== this.#cacheFor[i])) {
      this.#cache.clear();
      this.#cacheFor = key;
    }
    const k = periodKey(p);
    let scores = this.#cache.get(k);
    if (scores === undefined) {
      const rubric = parseRubric(this.rubric!);
      scores = scoreAll(rubric, computeFacts(this.roster!, p, { ...(this.factOptions ?? {}), rubric }));
      this.#cache.set(k, scores);
    }
    return scores;
  }

  #askedPeriod(): Period | null {
    if (this.period === null || this.period === '') return null;
    return parsePeriod(this.period);
  }

  #campaign(): [number, number] {
    // A policy the core refuses is reported where the facts are computed; the year picker keeps
    // the default campaign meanwhile, so the widget can still say why.
    let policy = ZHAOTONG_POLICY;
    try {
      policy = parsePairingPolicy(this.factOptions?.policy);
    } catch {
      /* shown by the facts' error */
    }
    return [Number(policy.campaign.from.slice(0, 4)), Number(policy.campaign.to.slice(0, 4))];
  }

  /** This year, kept within the pairing campaign (outside it nobody is paired). */
  #defaultYear(): number {
    const [from, to] = this.#campaign();
    return Math.min(Math.max(new Date().getFullYear(), from), to);
  }

  #yearChoices(shown: Period): number[] {
    if (this.years && this.years.length > 0) return [...new Set([...this.years, shown.year])].sort((a, b) => a - b);
    if (!this.scores && this.roster) {
      const [from, to] = this.#campaign();
      const out: number[] = [];
      for (let y = from; y <= to; y++) out.push(y);
      if (!out.includes(shown.year)) out.push(shown.year);
      return out.sort((a, b) => a - b);
    }
    return [shown.year];
  }

  #lists(): RedBlackOptions {
    const lists: RedBlackOptions = {};
    const num = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
    const top = num(this.top);
    const bottom = num(this.bottom);
    const above = num(this.above);
    const below = num(this.below);
    if (top !== undefined) lists.top = top;
    if (bottom !== undefined) lists.bottom = bottom;
    if (above !== undefined) lists.above = above;
    if (below !== undefined) lists.below = below;
    return lists;
  }

  #kind(): RankKind {
    const data = this.#data;
    // Rolled-up facts (units or regions as subjects) are ranked as they are.
    if (data !== null && data.scores.facts.kind !== 'cadre') return 'cadre';
    return RANK_KINDS.includes(this.by) ? this.by : 'cadre';
  }

  #region(): string {
    const r = (this.region ?? '').trim();
    return r.length === 6 || r.length === 9 ? r : '';
  }

  #rerank(): void {
    const data = this.#data;
    if (data === null) {
      this.#ranking = null;
      this.#rankingKey = '';
      return;
    }
    const scope = { kind: this.#kind(), unit: this.unit ?? '', region: this.#region() };
    const lists = this.#lists();
    const key = JSON.stringify([scope, lists]);
    if (this.#ranking !== null && key === this.#rankingKey && this.#rankedData === data) return;
    this.#rankedData = data;
    this.#rankingKey = key;
    const h = data.scores.facts.hierarchy;
    try {
      this.#ranking = rank(data.current, data.before, scope, lists, h, data.quota);
    } catch (error) {
      this.#ranking = null;
      this.#problem = { error };
    }
    this.#page = 0;
  }

  // ── Names ──────────────────────────────────────────────────────────────────────────────

  /** The hierarchy names are read from: the element's own divisions, else the scores'. */
  #names(): Hierarchy | null {
    return this.divisions.hierarchy ?? this.#data?.scores.facts.hierarchy ?? this.roster?.hierarchy ?? null;
  }

  #placeName(code: string): string {
    const h = this.#names();
    const i = h === null ? -1 : h.indexOf(code);
    return i >= 0 ? h!.nameAt(i) : code;
  }

  #cadreName(id: string): string | null {
    const roster = this.roster;
    if (roster === null) return null;
    const i = roster.cadreIndex(id);
    return i >= 0 ? roster.cadre(i).name : null;
  }

  /** What a row is called: a cadre's name, a unit, or a region's name. */
  #entryName(e: Entry, kind: RankKind): string {
    if (kind === 'cadre') {
      const data = this.#data;
      if (data !== null && data.scores.facts.kind === 'region') return this.#placeName(e.subject);
      return this.#cadreName(e.subject) ?? e.subject;
    }
    if (kind === 'unit') return e.subject;
    return this.#placeName(e.subject);
  }

  /** Where a cadre works, below the region chosen: county / township / village. */
  #where(place: string): string {
    if (place === '') return '';
    const region = this.#region();
    const codes = [6, 9, 12].filter((n) => n > region.length && n <= place.length).map((n) => place.slice(0, n));
    return codes.map((c) => this.#placeName(c)).join(' / ');
  }

  #gradeLabel(id: string): string {
    const g = this.#data?.scores.rubric.grades.find((x) => x.id === id);
    return g ? labelIn(g, this.i18n.lang) : id;
  }

  // ── Formatting ─────────────────────────────────────────────────────────────────────────

  #n(x: number): string {
    return numberFormat(this.i18n.lang, 0).format(x);
  }

  #score(x: number): string {
    return numberFormat(this.i18n.lang, 2).format(x);
  }

  #periodLabel(p: Period): string {
    return periodLabel(p, this.i18n.lang, (key, values) => this.t(key, values));
  }

  // ── Render ─────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const data = this.#data;
    if (data === null) {
      if (this.#problem !== null) return this.#renderProblem(this.#problem);
      if (this.divisions.error) return this.renderError(this.divisions.error);
      if (this.divisions.waiting) return html`<p class="status" part="status" role="status">${this.t('ui.loading')}</p>`;
      return html`<p class="status" part="status" role="status">${this.t('ui.leaderboard.noScores')}</p>`;
    }
    const ranking = this.#ranking;
    const rubric = data.scores.rubric;
    const names = this.#names();
    const place = data.place === '' ? '' : names !== null && names.has(data.place) ? names.pathOf(data.place).map((d) => d.name).join(' / ') : data.place;
    return html`<div class="board" part="board">
      <div class="head">
        <p class="title" part="title" id="title">${this.t('ui.leaderboard.title', { place, period: this.#periodLabel(data.period) })}</p>
        <p class="muted">${this.t('ui.leaderboard.rubric', { name: rubric.name })}</p>
      </div>
      ${this.#renderFilters(data)} ${this.#renderNotice(data)}
      ${ranking === null ? (this.#problem ? this.#renderProblem(this.#problem) : nothing) : html`${this.#renderSummary(data, ranking)} ${this.#renderLists(ranking)} ${this.#renderGrades(data, ranking)} ${this.#renderTable(ranking)}`}
      ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
    </div>`;
  }

  #renderProblem(problem: Problem): TemplateResult {
    const e = problem.error;
    const reason = describeError(e, this.i18n.lang);
    return html`<p class="status error" part="status" role="alert">${this.t('ui.leaderboard.failed', { reason })}</p>`;
  }

  #renderNotice(data: Data): TemplateResult | typeof nothing {
    if (!this.scores) return nothing;
    let asked: Period | null = null;
    try {
      asked = this.#askedPeriod();
    } catch {
      asked = null;
    }
    if (asked === null || samePeriod(asked, data.period)) return nothing;
    return html`<p class="notice" part="notice" role="status">${this.t('ui.leaderboard.waiting', { asked: this.#periodLabel(asked), shown: this.#periodLabel(data.period) })}</p>`;
  }

  #renderFilters(data: Data): TemplateResult {
    const kind = this.#kind();
    const cadres = data.scores.facts.kind === 'cadre';
    const shown = this.#askedPeriodSafe() ?? data.period;
    const region = this.#region();
    const county = region === '' ? '' : countyOf(region);
    const townships = county === '' ? [] : (data.choices.townships.get(county) ?? []);
    const years = this.#yearChoices(shown);
    const filtered = this.unit !== '' || region !== '' || this.#query !== '' || this.show !== 'all';
    const option = (value: string, label: string, selected: string) => html`<option value=${value} .selected=${live(value === selected)}>${label}</option>`;
    const periodValue = shown.kind === 'year' ? 'year' : `${shown.kind}-${shown.index}`;
    return html`<div class="filters" part="filters" role="group" aria-label=${this.t('ui.leaderboard.filters')}>
      ${cadres
        ? html`<label for="f-by">${this.t('ui.leaderboard.by')}
            <select id="f-by" @change=${(e: Event) => this.#set('by', (e.target as HTMLSelectElement).value)}>
              ${RANK_KINDS.map((k) => option(k, this.t(`ui.leaderboard.by.${k}`), kind))}
            </select>
          </label>`
        : nothing}
      <label for="f-year">${this.t('ui.leaderboard.year')}
        <select id="f-year" @change=${this.#onPeriodChange}>
          ${years.map((y) => option(String(y), String(y), String(shown.year)))}
        </select>
      </label>
      <label for="f-period">${this.t('ui.leaderboard.period')}
        <select id="f-period" @change=${this.#onPeriodChange}>
          ${option('year', this.t('ui.leaderboard.period.year'), periodValue)}
          ${[1, 2, 3, 4].map((q) => option(`quarter-${q}`, this.t('ui.leaderboard.period.quarter', { index: q }), periodValue))}
          ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => option(`month-${m}`, this.t('ui.leaderboard.period.month', { index: m, month: monthName(this.i18n.lang, m) }), periodValue))}
        </select>
      </label>
      ${cadres && data.choices.units.length > 0
        ? html`<label for="f-unit">${this.t('ui.leaderboard.unit')}
            <select id="f-unit" @change=${(e: Event) => this.#set('unit', (e.target as HTMLSelectElement).value)}>
              ${option('', this.t('ui.leaderboard.all'), this.unit)} ${data.choices.units.map((u) => option(u, u, this.unit))}
            </select>
          </label>`
        : nothing}
      ${cadres && data.choices.counties.length > 0
        ? html`<label for="f-county">${this.t('ui.leaderboard.county')}
              <select id="f-county" @change=${(e: Event) => this.#set('region', (e.target as HTMLSelectElement).value)}>
                ${option('', this.t('ui.leaderboard.all'), county)} ${data.choices.counties.map((c) => option(c, this.#placeName(c), county))}
              </select>
            </label>
            <label for="f-township">${this.t('ui.leaderboard.township')}
              <select id="f-township" ?disabled=${townships.length === 0} @change=${(e: Event) => this.#set('region', (e.target as HTMLSelectElement).value || county)}>
                ${option('', this.t('ui.leaderboard.all'), region.length === 9 ? region : '')} ${townships.map((c) => option(c, this.#placeName(c), region))}
              </select>
            </label>`
        : nothing}
      <label for="f-show">${this.t('ui.leaderboard.show')}
        <select id="f-show" @change=${(e: Event) => this.#set('show', (e.target as HTMLSelectElement).value)}>
          ${SHOW_FILTERS.filter((s) => s !== 'moved' || (kind === 'cadre' && data.quota !== null)).map((s) => option(s, this.t(`ui.leaderboard.show.${s}`), this.show))}
        </select>
      </label>
      <label for="f-find">${this.t(kind === 'cadre' && cadres ? 'ui.leaderboard.find' : 'ui.leaderboard.findName')}
        <input id="f-find" type="search" autocomplete="off" spellcheck="false" .value=${live(this.#query)} @input=${this.#onFind} />
      </label>
      ${filtered ? html`<button type="button" class="clear" part="clear-filters" @click=${this.#clearFilters}>${this.t('ui.leaderboard.clear')}</button>` : nothing}
    </div>`;
  }

  #askedPeriodSafe(): Period | null {
    try {
      return this.#askedPeriod();
    } catch {
      return null;
    }
  }

  #renderSummary(data: Data, ranking: Ranking): TemplateResult {
    const kind = ranking.scope.kind;
    const count = this.t(`ui.leaderboard.count.${data.scores.facts.kind === 'cadre' ? kind : 'cadre'}`, { count: this.#n(ranking.entries.length) });
    const compared = data.previous === null ? this.t('ui.leaderboard.noPrevious') : this.t('ui.leaderboard.compared', { period: this.#periodLabel(data.previous.facts.period) });
    const parts = [count];
    if (ranking.scope.unit !== '') parts.push(ranking.scope.unit);
    if (ranking.scope.region !== '') parts.push(this.#where(ranking.scope.region) || this.#placeName(ranking.scope.region));
    return html`<p class="summary" part="summary" role="status">${parts.join(this.#sep())}${this.t('ui.leaderboard.summarySep')}${compared}</p>`;
  }

  #renderLists(ranking: Ranking): TemplateResult {
    const lists = this.#lists();
    const redRule: string[] = [];
    if (lists.top !== undefined) redRule.push(this.t('ui.leaderboard.rule.top', { count: this.#n(lists.top) }));
    if (lists.above !== undefined) redRule.push(this.t('ui.leaderboard.rule.above', { score: this.#score(lists.above) }));
    const blackRule: string[] = [];
    if (lists.bottom !== undefined) blackRule.push(this.t('ui.leaderboard.rule.bottom', { count: this.#n(lists.bottom) }));
    if (lists.below !== undefined) blackRule.push(this.t('ui.leaderboard.rule.below', { score: this.#score(lists.below) }));
    blackRule.push(this.t('ui.leaderboard.rule.veto'));
    return html`<div class="lists" part="lists">
      ${this.#renderList('red', ranking, ranking.red, redRule)} ${this.#renderList('black', ranking, ranking.black, blackRule)}
    </div>`;
  }

  #renderList(which: 'red' | 'black', ranking: Ranking, entries: readonly Entry[], rule: string[]): TemplateResult {
    const kind = ranking.scope.kind;
    const shown = entries.slice(0, LIST_SHOWN);
    const group = kind !== 'cadre';
    return html`<section class=${`list ${which}`} part=${`${which}-list`} aria-labelledby=${`${which}-h`}>
      <p class="list-title" id=${`${which}-h`}>${this.t(`ui.leaderboard.${which}`)} <span class="muted">${rule.length > 0 ? rule.join(this.#sep()) : this.t('ui.leaderboard.rule.none')}</span></p>
      <p class="muted">${this.t(group ? 'ui.leaderboard.listCount.group' : 'ui.leaderboard.listCount.cadre', { count: this.#n(entries.length) })}</p>
      ${entries.length === 0
        ? nothing
        : html`<ol class="entries">
            ${shown.map(
              (e) => html`<li data-subject=${e.subject}>
                <span class="entry-rank">${this.t('ui.leaderboard.rankOf', { rank: this.#n(e.rank) })}</span>
                <span class="entry-name">${this.#entryName(e, kind)}</span>
                <span class="entry-score">${this.t('ui.leaderboard.points', { score: this.#score(e.total) })}</span>
                ${e.vetoed ? html`<span class="tag bad" part="veto">${this.t('ui.leaderboard.veto')}</span>` : nothing} ${this.#renderMove(e)}
              </li>`,
            )}
          </ol>`}
      ${entries.length > shown.length || (entries.length > 0 && this.show !== which)
        ? html`<button type="button" class="link" part="list-more" data-list=${which} @click=${() => this.#set('show', which)}>${this.t(group ? 'ui.leaderboard.listAll.group' : 'ui.leaderboard.listAll.cadre', { count: this.#n(entries.length) })}</button>`
        : nothing}
    </section>`;
  }

  #renderGrades(data: Data, ranking: Ranking): TemplateResult | typeof nothing {
    if (ranking.scope.kind !== 'cadre' || data.quota === null) return nothing;
    const rubric = data.scores.rubric;
    const counts = new Map<string, number>();
    for (const e of ranking.entries) {
      const g = ranking.grades.get(e.subject)?.grade ?? e.grade;
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    const quota = rubric.quota;
    const q = data.quota;
    const byPair = new Map<string, number>();
    for (const m of ranking.moved) byPair.set(`${m.from}\u0000${m.to}`, (byPair.get(`${m.from}\u0000${m.to}`) ?? 0) + 1);
    return html`<section class="grades" part="grades" aria-labelledby="grades-h">
      <p class="section-title" id="grades-h">${this.t('ui.leaderboard.grades')}</p>
      <dl class="dist">
        ${gradesBestFirst(rubric).map(
          (g) => html`<div class="dist-item" data-grade=${g.id}>
            <dt>${labelIn(g, this.i18n.lang)}</dt>
            <dd>${this.#n(counts.get(g.id) ?? 0)}</dd>
          </div>`,
        )}
      </dl>
      ${quota === undefined
        ? html`<p class="muted">${this.t('ui.leaderboard.quota.none')}</p>`
        : html`<p>
            ${this.t('ui.leaderboard.quota.rule', { grade: this.#gradeLabel(q.grade), limit: this.#n(q.limit), count: this.#n(data.current.length), share: percentFormat(this.i18n.lang).format(quota.share) })}
            ${ranking.moved.length === 0
              ? this.t('ui.leaderboard.quota.nobody')
              : [...byPair].map(([pair, count]) => {
                  const [from, to] = pair.split('\u0000') as [string, string];
                  return this.t('ui.leaderboard.quota.moved', { count: this.#n(count), from: this.#gradeLabel(from), to: this.#gradeLabel(to) });
                }).join(this.#sep())}
            ${ranking.moved.length > 0 && this.show !== 'moved'
              ? html`<button type="button" class="link" part="show-moved" @click=${() => this.#set('show', 'moved')}>${this.t('ui.leaderboard.quota.show')}</button>`
              : nothing}
          </p>`}
    </section>`;
  }

  /** The rows the table lists: the ranking narrowed by `show` and the search. */
  #rows(ranking: Ranking): Entry[] {
    let rows: Entry[] = ranking.entries;
    if (this.show === 'red') rows = ranking.red;
    else if (this.show === 'black') rows = ranking.black;
    else if (this.show === 'moved') {
      const moved = new Set(ranking.moved.map((m) => m.subject));
      rows = rows.filter((e) => moved.has(e.subject));
    }
    const q = this.#query.trim().toLowerCase();
    if (q !== '') {
      const kind = ranking.scope.kind;
      rows = rows.filter((e) => e.subject.toLowerCase().includes(q) || this.#entryName(e, kind).toLowerCase().includes(q));
    }
    return rows;
  }

  #renderTable(ranking: Ranking): TemplateResult {
    const kind = ranking.scope.kind;
    const rows = this.#rows(ranking);
    const size = Math.max(1, Math.floor(this.pageSize) || 50);
    const pages = Math.max(1, Math.ceil(rows.length / size));
    if (this.#page >= pages) this.#page = pages - 1;
    const from = this.#page * size;
    const page = rows.slice(from, from + size);
    if (!page.some((e) => e.subject === this.#activeRow)) this.#activeRow = page[0]?.subject ?? null;
    const group = kind !== 'cadre';
    const red = new Set(ranking.red.map((e) => e.subject));
    const black = new Set(ranking.black.map((e) => e.subject));
    const caption =
      rows.length === 0
        ? this.t('ui.leaderboard.captionEmpty')
        : this.t('ui.leaderboard.caption', { from: this.#n(from + 1), to: this.#n(from + page.length), count: this.#n(rows.length) });
    const heads: [MessageKey, boolean][] = group
      ? [
          ['ui.leaderboard.col.rank', true],
          ['ui.leaderboard.col.move', false],
          ['ui.leaderboard.col.groupName', false],
          ['ui.leaderboard.col.members', true],
          ['ui.leaderboard.col.mean', true],
          ['ui.leaderboard.col.meanDeductions', true],
          ['ui.leaderboard.col.vetoes', true],
        ]
      : [
          ['ui.leaderboard.col.rank', true],
          ['ui.leaderboard.col.move', false],
          ['ui.leaderboard.col.name', false],
          ['ui.leaderboard.col.unit', false],
          ['ui.leaderboard.col.place', false],
          ['ui.leaderboard.col.total', true],
          ['ui.leaderboard.col.deductions', true],
          ['ui.leaderboard.col.grade', false],
        ];
    return html`<section class="ranking" aria-labelledby="caption">
      <div class="table-wrap">
        <table part="table">
          <caption id="caption">${caption}</caption>
          <thead>
            <tr>
              ${heads.map(([key, num]) => html`<th scope="col" class=${num ? 'num' : ''}>${this.t(key)}</th>`)}
            </tr>
          </thead>
          <tbody @keydown=${this.#onRowKey} @focusin=${this.#onRowFocus}>
            ${repeat(
              page,
              (e) => e.subject,
              (e) => {
                const on = red.has(e.subject) ? 'red' : black.has(e.subject) ? 'black' : '';
                return html`<tr part=${on ? `row row-${on}` : 'row'} class=${on} data-subject=${e.subject} data-rank=${e.rank}>
                  <td class="num">${this.#n(e.rank)}</td>
                  <td>${this.#renderMove(e)}</td>
                  <th scope="row">
                    <button type="button" class="open" part="open" data-subject=${e.subject} tabindex=${e.subject === this.#activeRow ? '0' : '-1'} @click=${this.#onOpen}>${this.#entryName(e, kind)}</button>
                    ${group || this.#entryName(e, kind) === e.subject ? nothing : html`<code class="id">${e.subject}</code>`}
                    ${on ? html`<span class="visually-hidden">${this.t(`ui.leaderboard.on.${on}`)}</span>` : nothing}
                  </th>
                  ${group
                    ? html`<td class="num">${this.#n(e.members ?? 0)}</td>
                        <td class="num">${this.#score(e.total)}</td>
                        <td class="num">${this.#score(e.deductions)}</td>
                        <td class="num">${this.#n(e.vetoes ?? 0)}</td>`
                    : html`<td class="unit">${e.unit}</td>
                        <td class="place">${this.#where(e.place)}</td>
                        <td class="num">${this.#score(e.total)}</td>
                        <td class="num">${this.#score(e.deductions)}</td>
                        <td class="grades-cell">${this.#renderGrade(ranking, e)}</td>`}
                </tr>`;
              },
            )}
          </tbody>
        </table>
      </div>
      ${pages > 1 ? this.#renderPager(pages) : nothing}
    </section>`;
  }

  #renderGrade(ranking: Ranking, e: Entry): TemplateResult {
    const q = ranking.grades.get(e.subject);
    const grade = q?.grade ?? e.grade;
    const moved = q !== undefined && q.grade !== q.before;
    return html`<span class="grade" part=${moved ? 'grade grade-moved' : 'grade'} data-grade=${grade}>${this.#gradeLabel(grade)}</span>
      ${moved ? html`<span class="tag warn quota-note">${this.t('ui.leaderboard.quota.note', { from: this.#gradeLabel(q.before) })}</span>` : nothing}
      ${e.vetoed ? html`<span class="tag bad" part="veto">${this.t('ui.leaderboard.veto')}</span>` : nothing}`;
  }

  #renderMove(e: Entry): TemplateResult {
    const m = e.movement;
    const [dir, mark, said] =
      m === null
        ? ['new', this.t('ui.leaderboard.move.newMark'), this.t('ui.leaderboard.move.new')]
        : m > 0
          ? ['up', `↑${this.#n(m)}`, this.t('ui.leaderboard.move.up', { count: this.#n(m) })]
          : m < 0
            ? ['down', `↓${this.#n(-m)}`, this.t('ui.leaderboard.move.down', { count: this.#n(-m) })]
            : ['same', '–', this.t('ui.leaderboard.move.same')];
    // The mark is for the eye; its meaning is spelled out for screen readers (and never colour alone).
    return html`<span class=${`move ${dir}`} part=${`move move-${dir}`} data-movement=${m === null ? 'new' : String(m)}><span aria-hidden="true">${mark}</span><span class="visually-hidden">${said}</span></span>`;
  }

  #renderPager(pages: number): TemplateResult {
    const at = this.#page;
    const go = (p: number) => () => this.#goPage(p, 'first');
    return html`<nav class="pager" part="pager" aria-label=${this.t('ui.leaderboard.pager')}>
      <button type="button" data-page="first" ?disabled=${at === 0} @click=${go(0)}>${this.t('ui.leaderboard.first')}</button>
      <button type="button" data-page="prev" ?disabled=${at === 0} @click=${go(at - 1)}>${this.t('ui.leaderboard.prev')}</button>
      <span class="page-of">${this.t('ui.leaderboard.page', { page: this.#n(at + 1), pages: this.#n(pages) })}</span>
      <button type="button" data-page="next" ?disabled=${at >= pages - 1} @click=${go(at + 1)}>${this.t('ui.leaderboard.next')}</button>
      <button type="button" data-page="last" ?disabled=${at >= pages - 1} @click=${go(pages - 1)}>${this.t('ui.leaderboard.last')}</button>
    </nav>`;
  }

  // ── Actions ────────────────────────────────────────────────────────────────────────────

  /** Set a filter; the ranking follows on the next update. */
  #set(name: 'by' | 'unit' | 'region' | 'show', value: string): void {
    if (name === 'by') this.by = value as RankKind;
    else if (name === 'unit') this.unit = value;
    else if (name === 'region') this.region = value;
    else this.show = value as ShowFilter;
    this.#page = 0;
    this.requestUpdate();
  }

  #onFind(e: Event): void {
    this.#query = (e.target as HTMLInputElement).value;
    this.#page = 0;
    this.requestUpdate();
  }

  #clearFilters(): void {
    this.unit = '';
    this.region = '';
    this.show = 'all';
    this.#query = '';
    this.#page = 0;
    this.requestUpdate();
  }

  #onPeriodChange(): void {
    const year = Number(this.renderRoot.querySelector<HTMLSelectElement>('#f-year')?.value);
    const [kind, index] = (this.renderRoot.querySelector<HTMLSelectElement>('#f-period')?.value ?? 'year').split('-') as [PeriodKind, string | undefined];
    const p = makePeriod(kind, year, index === undefined ? 1 : Number(index));
    const key = periodKey(p);
    if (key === this.period) return;
    this.period = key;
    this.dispatchEvent(new GualianPeriodChangeEvent(p, key));
  }

  #onOpen(e: Event): void {
    const subject = (e.currentTarget as HTMLElement).dataset['subject'];
    const ranking = this.#ranking;
    const entry = ranking?.entries.find((x) => x.subject === subject);
    if (ranking === null || entry === undefined) return;
    this.#activeRow = entry.subject;
    this.dispatchEvent(new GualianRankSelectEvent(entry.subject, ranking.scope.kind, entry));
  }

  #goPage(page: number, focus: 'first' | 'last' | null): void {
    this.#page = Math.max(0, page);
    if (focus !== null) this.#focusNext = { row: focus };
    this.requestUpdate();
  }

  #onRowFocus(e: FocusEvent): void {
    const subject = (e.target as HTMLElement).dataset?.['subject'];
    if (subject !== undefined && subject !== this.#activeRow) {
      this.#activeRow = subject;
      const buttons = this.renderRoot.querySelectorAll<HTMLElement>('tbody .open');
      for (const b of buttons) b.tabIndex = b.dataset['subject'] === subject ? 0 : -1;
    }
  }

  #onRowKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('open')) return;
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('.open')];
    const i = buttons.indexOf(target);
    const last = this.renderRoot.querySelector('[data-page="next"]:not([disabled])') === null;
    const move = (j: number) => {
      const next = buttons[Math.max(0, Math.min(buttons.length - 1, j))];
      if (next === undefined) return;
      this.#activeRow = next.dataset['subject'] ?? null;
      for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
      next.focus();
    };
    switch (e.key) {
      case 'ArrowDown':
        if (i === buttons.length - 1 && !last) this.#goPage(this.#page + 1, 'first');
        else move(i + 1);
        break;
      case 'ArrowUp':
        if (i === 0 && this.#page > 0) this.#goPage(this.#page - 1, 'last');
        else move(i - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(buttons.length - 1);
        break;
      case 'PageDown':
        if (!last) this.#goPage(this.#page + 1, 'first');
        break;
      case 'PageUp':
        if (this.#page > 0) this.#goPage(this.#page - 1, 'first');
        break;
      default:
        // Enter and Space are the button's own click.
        return;
    }
    e.preventDefault();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const pending = this.#focusNext;
    if (pending === null) return;
    this.#focusNext = null;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('tbody .open')];
    const target = pending.row === 'first' ? buttons[0] : pending.row === 'last' ? buttons[buttons.length - 1] : buttons.find((b) => b.dataset['subject'] === pending.row);
    if (target === undefined) return;
    this.#activeRow = target.dataset['subject'] ?? null;
    for (const b of buttons) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  }

  /** The list separator of the language. */
  #sep(): string {
    return this.i18n.lang === 'en' ? ', ' : '、';
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = numberFormats.get(key);
  if (f === undefined) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits })));
  return f;
}

const percentFormats = new Map<Lang, Intl.NumberFormat>();
function percentFormat(lang: Lang): Intl.NumberFormat {
  let f = percentFormats.get(lang);
  if (f === undefined) percentFormats.set(lang, (f = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 })));
  return f;
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-leaderboard': GualianLeaderboard;
  }
}
