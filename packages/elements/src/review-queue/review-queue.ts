import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { describeError, type Hierarchy, type Lang } from '@gualian/core';
import {
  AssessmentError,
  currentSheet,
  DEFAULT_GRADES,
  REVIEW_STATES,
  reviewQueue,
  reviewSheet,
  type Adjustment,
  type GradeBand,
  type ReviewAction,
  type ReviewFlow,
  type ReviewRequest,
  type ReviewState,
  type Reviewer,
  type Rubric,
  type RubricInput,
  type SheetReview,
} from '@gualian/core/assessment';
import { GualianElement } from '../base/gualian-element.js';
import { filterBarStyles, tonePalette } from '../base/styles.js';
import { formatNumber, RubricWords, stampOf } from '../score-sheet/format.js';
import { nameOf, type SubjectNames } from '../score-sheet/score-sheet.js';
import { GualianReviewEvent, GualianReviewRefusedEvent, GualianReviewSelectEvent } from './events.js';
import { arrange, entryOf, QUEUE_SORTS, readValue, reviewKey, type QueueEntry, type QueueSort, type ValueProblem } from './queue.js';
import { reviewQueueStyles } from './styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** The step that moves a sheet on from each state. */
const FORWARD: Readonly<Record<ReviewState, ReviewAction | null>> = { draft: 'submit', submitted: 'review', reviewed: 'approve', approved: 'publish', published: null };

type Origin = 'advance' | 'return' | 'adjust';

const LIST_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp', 'Enter', ' ']);

/**
 * The score sheets waiting for one reviewer (一级对一级把关): the core's `reviewQueue` of the
 * given reviews — held by the reviewer's level, with the subject within the reviewer's division —
 * as a list to search, filter by state and grade, and sort. Opening one shows its sheet (a
 * `<gualian-score-sheet>` with its review history) and the actions: pass it on (submit, review,
 * approve or publish, whichever its state calls for), return it with a reason, or adjust a
 * manual item with a reason (the value is checked against the fact's type first).
 *
 * Every action calls the core's `reviewSheet`. A step the core refuses (an illegal action, the
 * wrong level, a subject outside the reviewer's division, a missing reason) changes nothing and
 * shows the core's message as text, in the reader's language; a step it takes replaces the review
 * in `reviews` and fires `gualian-review` with the new review, which the page persists. Times
 * are read from `clock` (default: the browser's) with their offset.
 *
 * The list is one tab stop: ↑/↓ the previous or next sheet (opening it), Home/End the first or
 * last, PageUp/PageDown ten at a time. After a step, focus moves to the next sheet of the list
 * (or, after an adjustment, to the button passing the sheet on); after a refusal, to the message
 * or to the field to fill in.
 *
 * @tag gualian-review-queue
 * @summary The sheets waiting for a reviewer, with approve / return / adjust actions through the core's review.
 *
 * @attr {'queue' | 'all'} show - `queue` (the default): the sheets waiting for the reviewer; `all`: every review given (the core still refuses steps outside the reviewer's scope).
 * @attr {'place' | 'total-desc' | 'total-asc' | 'subject' | 'waiting'} sort - The order of the list (default `place`).
 * @prop {SheetReview[]} reviews - Every review the page holds; a step replaces the review it was taken on.
 * @prop {Reviewer | null} reviewer - Who acts: id, optional name, level and the division they answer for.
 * @prop {Rubric | null} rubric - The rubric the sheets were scored with: needed to adjust (it re-scores), and for labels.
 * @prop {Partial<ReviewFlow> | null} flow - Which level takes each step (default village, township, county, city).
 * @prop {SubjectNames | null} names - Subjects' names: a Map of id → name, or a function.
 * @prop {(() => Date) | null} clock - Where the time of a step is read (default: `new Date()`); a portal may pass its server's clock.
 * @prop {SheetReview | null} selected - The review open in the queue.
 *
 * @fires {GualianReviewEvent} gualian-review - The core took a step: `review` is the new review, `previous` the old one, `step` the step recorded.
 * @fires {GualianReviewRefusedEvent} gualian-review-refused - The core refused a step: `error` (an AssessmentError with its code), `action`, `review` (unchanged).
 * @fires {GualianReviewSelectEvent} gualian-review-select - The user opened a sheet of the list; `review` is it.
 *
 * @csspart queue - The whole queue.
 * @csspart header - The title, the reviewer and the outcome of the last step.
 * @csspart title - The heading.
 * @csspart reviewer - Who acts, at which level, for which division.
 * @csspart outcome - The outcome of the last step taken (role=status).
 * @csspart filters - The search, the state and grade filters and the order.
 * @csspart list - The list of sheets (role=listbox).
 * @csspart option - One sheet of the list.
 * @csspart detail - Beside the list: the actions on the open sheet.
 * @csspart actions - The action panel.
 * @csspart refusal - The core's refusal of the last step asked for (role=alert).
 * @csspart advance - The button passing the sheet on (submit, review, approve, publish).
 * @csspart return-form - The form returning the sheet, with its reason.
 * @csspart adjust-form - The form adjusting a manual item, with its value, evidence and reason.
 * @csspart sheet - The open sheet, a `<gualian-score-sheet>` below the list and the actions.
 * @csspart notice - The message shown instead of the queue (no reviewer, no divisions).
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-queue-height=26em] - The list's height before it scrolls.
 * @cssprop [--gualian-primary-color=#ffffff] - Text of the button passing the sheet on (its background is the accent colour).
 * @cssprop [--gualian-badge-ok-color=#116329] - The outcome of a step (and `-background`, default #dafbe1); `bad` for a refusal or a veto.
 *
 * @example
 * <gualian-review-queue src="/data/2023/5306.json"></gualian-review-queue>
 * <script type="module">
 *   const queue = document.querySelector('gualian-review-queue');
 *   queue.rubric = EXAMPLE_CADRE_RUBRIC;
 *   queue.reviewer = { id: 'T01', name: '乡镇政法委员', level: 'township', scope: '530602001' };
 *   queue.reviews = await (await fetch('/api/reviews?period=2024')).json();
 *   queue.addEventListener('gualian-review', (e) => save(e.review));
 * </script>
 */
export class GualianReviewQueue extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, filterBarStyles, reviewQueueStyles];

  static override properties: PropertyDeclarations = {
    reviews: { attribute: false },
    reviewer: { attribute: false },
    rubric: { attribute: false },
    flow: { attribute: false },
    names: { attribute: false },
    clock: { attribute: false },
    selected: { attribute: false },
    show: { reflect: true },
    sort: { reflect: true },
  };

  /** Every review the page holds; a step replaces the review it was taken on. */
  declare reviews: readonly SheetReview[];

  /** Who acts: id, optional name, level and the division they answer for. */
  declare reviewer: Reviewer | null;

  /** The rubric the sheets were scored with: needed to adjust (the core re-scores), and for labels. */
  declare rubric: Rubric | RubricInput | null;

  /** Which level takes each step (default village, township, county, city). */
  declare flow: Partial<ReviewFlow> | null;

  /** Subjects' names: a Map of id → name, or a function. */
  declare names: SubjectNames | null;

  /** Where the time of a step is read (default: `new Date()`). */
  declare clock: (() => Date) | null;

  /** The review open in the queue. */
  declare selected: SheetReview | null;

  /** `queue`: the sheets waiting for the reviewer; `all`: every review given. */
  declare show: 'queue' | 'all';

  /** The order of the list. */
  declare sort: QueueSort;

  #entries: QueueEntry[] = [];
  #visible: QueueEntry[] = [];
  #memo: unknown[] = [];
  #query = '';
  #stateFilter: ReviewState | '' = '';
  #gradeFilter = '';
  #returnReason = '';
  #adjust = { fact: '', value: '', evidence: '', reason: '' };
  #valueProblem: ValueProblem | null = null;
  #refusal: { error: Error; origin: Origin } | null = null;
  #outcome: { action: ReviewAction; subject: string; state: ReviewState } | null = null;
  #afterStep: { index: number; origin: Origin } | null = null;
  #focus: string | null = null;

  constructor() {
    super();
    this.reviews = [];
    this.reviewer = null;
    this.rubric = null;
    this.flow = null;
    this.names = null;
    this.clock = null;
    this.selected = null;
    this.show = 'queue';
    this.sort = 'place';
  }

  /** The reviews the list shows, in its order (after the search and the filters). */
  get shown(): SheetReview[] {
    return this.#visible.map((e) => e.review);
  }

  /**
   * Take a step on the open review through the core, as the buttons do; resolves once the queue
   * shows the outcome. A refusal is shown and fired (`gualian-review-refused`), not thrown.
   * @example
   * await queue.act('return', { reason: '走访记录不全' });
   */
  async act(action: ReviewAction, more: { reason?: string; adjustments?: Adjustment[] } = {}): Promise<void> {
    this.#take(action, more, action === 'return' ? 'return' : action === 'adjust' || action === 'correct' ? 'adjust' : 'advance');
    await this.updateComplete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const h = this.divisions.hierarchy;
    const memo = [this.reviews, this.reviewer, this.flow, this.names, this.show, h];
    const fresh = memo.some((x, i) => x !== this.#memo[i]);
    if (fresh) {
      this.#memo = memo;
      try {
        this.#listProblem = null;
        this.#entries = this.#listEntries(h);
      } catch (e) {
        // A malformed reviewer or flow is refused by the core: say why, list nothing.
        this.#listProblem = e;
        this.#entries = [];
      }
      // A page that replaces its reviews keeps the open one open, as its new record.
      if (this.selected) {
        const key = reviewKey(this.selected);
        const same = this.reviews.find((r) => reviewKey(r) === key);
        if (same && same !== this.selected) this.selected = same;
      }
    }
    this.#visible = arrange(this.#entries, { query: this.#query, state: this.#stateFilter, grade: this.#gradeFilter }, QUEUE_SORTS.includes(this.sort) ? this.sort : 'place');
    const after = this.#afterStep;
    if (after) {
      this.#afterStep = null;
      const key = this.selected ? reviewKey(this.selected) : '';
      const still = this.#visible.findIndex((e) => e.key === key);
      if (still < 0) {
        // The sheet left the queue: the next one opens, ready for the same work.
        const next = this.#visible[Math.min(after.index, this.#visible.length - 1)];
        this.#open(next?.review ?? null);
        this.#focus = next ? `[data-key="${cssEscape(next.key)}"]` : '#list-title';
      } else this.#focus = after.origin === 'adjust' ? '[part~="advance"]' : `[data-key="${cssEscape(key)}"]`;
    } else if (fresh) {
      // New work, another reviewer: the open sheet stays open if it is still listed, else the
      // first one opens, so the panel is not empty while there is work.
      const open = this.selected ? reviewKey(this.selected) : '';
      if (!this.#entries.some((e) => e.key === open)) this.#open(this.#visible[0]?.review ?? null);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      this.#focus = null;
      target?.focus();
    }
  }

  #listProblem: unknown = null;

  #listEntries(h: Hierarchy | null): QueueEntry[] {
    const reviewer = this.reviewer;
    if (h === null || (reviewer === null && this.show !== 'all')) return [];
    const waiting = this.show === 'all' ? this.reviews : reviewer ? reviewQueue(this.reviews, reviewer, h, this.flow ?? {}) : [];
    const scope = reviewer?.scope ?? '';
    return waiting.map((review) => {
      const place = review.subject.place ?? '';
      const path = place && h.has(place) ? h.pathOf(place) : [];
      const at = path.findIndex((d) => d.code === scope);
      const below = at >= 0 ? path.slice(at + 1) : path;
      const where = (below.length > 0 ? below : path.slice(-1)).map((d) => d.name).join(' / ') || place;
      return entryOf(review, nameOf(this.names, review.subject.id) ?? '', where, path.map((d) => d.name).join(' '));
    });
  }

  protected override divisionsOptional = true;

  protected override render(): TemplateResult {
    const status = this.renderStatus();
    if (status) return status;
    const h = this.divisions.hierarchy;
    if (h === null) return html`<p class="notice" part="notice">${this.t('ui.reviewQueue.noDivisions')}</p>`;
    if (this.reviewer === null && this.show !== 'all') return html`<p class="notice" part="notice">${this.t('ui.reviewQueue.noReviewer')}</p>`;
    const lang = this.resolvedLang;
    if (this.#listProblem !== null) return html`<p class="notice" part="notice" role="alert">${describeError(this.#listProblem, lang)}</p>`;
    const words = new RubricWords(this.rubric, lang);
    return html`
      <section class="queue" part="queue" aria-labelledby="title">
        ${this.#renderHeader(h)} ${this.#renderFilters(words)}
        <div class="layout">
          <div class="list-pane">${this.#renderList(lang, words)}</div>
          <div class="detail" part="detail">${this.#renderDetail(lang, words)}</div>
          ${this.selected
            ? html`<gualian-score-sheet
                part="sheet"
                .review=${this.selected}
                .rubric=${this.rubric}
                .flow=${this.flow}
                .names=${this.names}
                .hierarchy=${h}
                ?large-text=${this.largeText}
              ></gualian-score-sheet>`
            : nothing}
        </div>
      </section>
    `;
  }

  // ── Header and filters ──────────────────────────────────────────────────────────────────

  #renderHeader(h: Hierarchy): TemplateResult {
    const r = this.reviewer;
    const outcome = this.#outcome;
    const scope = r ? (h.has(r.scope) ? h.pathOf(r.scope).map((d) => d.name).join(' / ') : r.scope) : '';
    return html`
      <header part="header">
        <h2 id="title" part="title" tabindex="-1">${this.t(this.show === 'all' ? 'ui.reviewQueue.titleAll' : 'ui.reviewQueue.title')}</h2>
        ${r
          ? html`<p part="reviewer" class="muted">
              ${this.t('ui.reviewQueue.reviewer', { who: r.name ? this.t('ui.scoreSheet.nameAndId', { name: r.name, id: r.id }) : r.id, level: this.t(`review.level.${r.level}` as MessageKey), scope })}
            </p>`
          : nothing}
        <p class="outcome" part="outcome" role="status">${outcome
          ? this.t('ui.reviewQueue.done', { action: this.t(`review.action.${outcome.action}` as MessageKey), subject: outcome.subject, state: this.t(`review.state.${outcome.state}` as MessageKey) })
          : nothing}</p>
      </header>
    `;
  }

  #renderFilters(words: RubricWords): TemplateResult {
    const grades: readonly GradeBand[] = (this.rubric?.grades as GradeBand[] | undefined) ?? DEFAULT_GRADES;
    return html`
      <div class="filters" part="filters">
        <label>
          ${this.t('ui.reviewQueue.search')}
          <input id="query" type="search" .value=${live(this.#query)} @input=${(e: Event) => this.#filter(() => (this.#query = (e.target as HTMLInputElement).value))} />
        </label>
        <label>
          ${this.t('ui.reviewQueue.stateFilter')}
          <select id="state-filter" @change=${(e: Event) => this.#filter(() => (this.#stateFilter = (e.target as HTMLSelectElement).value as ReviewState | ''))}>
            <option value="" .selected=${this.#stateFilter === ''}>${this.t('ui.reviewQueue.any')}</option>
            ${REVIEW_STATES.map((s) => html`<option value=${s} .selected=${this.#stateFilter === s}>${this.t(`review.state.${s}` as MessageKey)}</option>`)}
          </select>
        </label>
        <label>
          ${this.t('ui.reviewQueue.gradeFilter')}
          <select id="grade-filter" @change=${(e: Event) => this.#filter(() => (this.#gradeFilter = (e.target as HTMLSelectElement).value))}>
            <option value="" .selected=${this.#gradeFilter === ''}>${this.t('ui.reviewQueue.any')}</option>
            ${grades.map((g) => html`<option value=${g.id} .selected=${this.#gradeFilter === g.id}>${words.grade(g.id)}</option>`)}
          </select>
        </label>
        <label>
          ${this.t('ui.reviewQueue.sortBy')}
          <select id="sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as QueueSort)}>
            ${QUEUE_SORTS.map((s) => html`<option value=${s} .selected=${this.sort === s}>${this.t(`ui.reviewQueue.sort.${s}` as MessageKey)}</option>`)}
          </select>
        </label>
      </div>
    `;
  }

  #filter(apply: () => void): void {
    apply();
    this.requestUpdate();
  }

  // ── The list ────────────────────────────────────────────────────────────────────────────

  #renderList(lang: Lang, words: RubricWords): TemplateResult {
    const visible = this.#visible;
    const selectedKey = this.selected ? reviewKey(this.selected) : '';
    const active = visible.some((e) => e.key === selectedKey) ? selectedKey : (visible[0]?.key ?? '');
    const count = html`<p id="list-title" class="list-title" tabindex="-1">${this.t('ui.reviewQueue.count', { count: formatNumber(lang, this.#entries.length), shown: formatNumber(lang, visible.length) })}</p>`;
    if (visible.length === 0) {
      return html`${count}
        <p class="empty">${this.t(this.#entries.length === 0 ? (this.show === 'all' ? 'ui.reviewQueue.none' : 'ui.reviewQueue.empty') : 'ui.reviewQueue.noMatch')}</p>`;
    }
    return html`${count}
      <ul role="listbox" part="list" aria-labelledby="title list-title" @keydown=${this.#onListKey} @click=${this.#onListClick}>
        ${repeat(
          visible,
          (e) => e.key,
          (e) => {
            const vetoed = e.sheet.vetoes.length > 0;
            return html`<li
              role="option"
              part="option"
              data-key=${e.key}
              aria-selected=${e.key === selectedKey ? 'true' : 'false'}
              tabindex=${e.key === active ? '0' : '-1'}
            >
              <span class="who">${e.name || e.review.subject.id}${e.name ? html` <span class="id">${e.review.subject.id}</span>` : nothing}</span>
              <span class="score"
                >${this.t('ui.scoreSheet.points', { points: formatNumber(lang, e.sheet.total) })} · ${words.grade(e.sheet.grade)}</span
              >
              <span class="where">${e.where}</span>
              <span class="badges"
                >${vetoed ? html`<span class="badge veto">${this.t('ui.reviewQueue.vetoed')}</span> ` : nothing}<span class="badge">${this.t(`review.state.${e.review.state}` as MessageKey)}</span></span
              >
            </li>`;
          },
        )}
      </ul>`;
  }

  #onListKey = (e: KeyboardEvent): void => {
    if (!LIST_KEYS.has(e.key)) return;
    const option = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    if (!option) return;
    e.preventDefault();
    const visible = this.#visible;
    const at = visible.findIndex((x) => x.key === option.dataset['key']);
    const last = visible.length - 1;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: last, PageDown: at + 10, PageUp: at - 10, Enter: at, ' ': at }[e.key] ?? at;
    const next = visible[Math.max(0, Math.min(last, to))];
    if (!next) return;
    this.#choose(next.review);
    this.#focus = `[data-key="${cssEscape(next.key)}"]`;
  };

  #onListClick = (e: Event): void => {
    const option = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    const entry = option && this.#visible.find((x) => x.key === option.dataset['key']);
    if (entry) {
      this.#choose(entry.review);
      this.#focus = `[data-key="${cssEscape(entry.key)}"]`;
    }
  };

  /** The user opens a sheet. */
  #choose(review: SheetReview): void {
    const changed = !this.selected || reviewKey(this.selected) !== reviewKey(review);
    this.#open(review);
    this.requestUpdate();
    if (changed) this.dispatchEvent(new GualianReviewSelectEvent(review));
  }

  #open(review: SheetReview | null): void {
    const same = review !== null && this.selected !== null && reviewKey(review) === reviewKey(this.selected);
    this.selected = review;
    if (!same) {
      this.#refusal = null;
      this.#valueProblem = null;
      this.#returnReason = '';
      this.#adjust = { fact: '', value: '', evidence: '', reason: '' };
    }
  }

  // ── The open sheet and its actions ──────────────────────────────────────────────────────

  #renderDetail(lang: Lang, words: RubricWords): TemplateResult | typeof nothing {
    const review = this.selected;
    if (!review) return html`<p class="muted">${this.t('ui.reviewQueue.choose')}</p>`;
    return this.reviewer ? this.#renderActions(review, lang, words) : nothing;
  }

  #renderActions(review: SheetReview, lang: Lang, words: RubricWords): TemplateResult {
    const forward = FORWARD[review.state];
    const refusal = this.#refusal;
    const reasonMissing = refusal?.error instanceof AssessmentError && refusal.error.code === 'review.reason-required';
    const invalidReason = (origin: Origin) => (reasonMissing && refusal!.origin === origin ? 'true' : undefined);
    const describedReason = (origin: Origin) => (reasonMissing && refusal!.origin === origin ? 'refusal' : undefined);
    const manual = words.manualFacts();
    const fact = manual.find((f) => f.name === this.#adjust.fact) ?? manual[0];
    const sheet = currentSheet(review);
    const current = fact ? (sheet.facts[fact.name]?.value ?? 0) : 0;
    const name = nameOf(this.names, review.subject.id);
    const adjustAction = review.state === 'published' ? 'correct' : 'adjust';
    return html`
      <section class="panel" part="actions" aria-labelledby="actions-title">
        <h3 id="actions-title">${this.t('ui.reviewQueue.actionsFor', { subject: name ? this.t('ui.scoreSheet.nameAndId', { name, id: review.subject.id }) : review.subject.id })}</h3>
        ${refusal
          ? // Inserted with its message: an alert is announced when it appears, and none stands empty (pages read one as an error).
            html`<p id="refusal" class="refusal" part="refusal" role="alert" tabindex="-1">${this.#describe(refusal.error, lang)}</p>`
          : nothing}
        ${forward
          ? html`<button type="button" class="primary" part="advance" data-action=${forward} @click=${() => this.#take(forward, {}, 'advance')}>
              ${this.t(`ui.reviewQueue.advance.${forward}` as MessageKey)}
            </button>`
          : nothing}
        <div class="forms">
          <form part="return-form" novalidate aria-labelledby="return-title" @submit=${this.#onReturn}>
            <h4 id="return-title">${this.t('ui.reviewQueue.returnTitle')}</h4>
            <div class="field">
              <label for="return-reason">${this.t('ui.reviewQueue.returnReason')}</label>
              <textarea
                id="return-reason"
                rows="2"
                aria-invalid=${ifDefined(invalidReason('return'))}
                aria-describedby=${ifDefined(describedReason('return'))}
                .value=${live(this.#returnReason)}
                @input=${(e: Event) => (this.#returnReason = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
            </div>
            <button type="submit" part="return">${this.t('ui.reviewQueue.return')}</button>
          </form>
          ${fact
            ? html`<form part="adjust-form" novalidate aria-labelledby="adjust-title" @submit=${this.#onAdjust}>
                <h4 id="adjust-title">${this.t(adjustAction === 'correct' ? 'ui.reviewQueue.correctTitle' : 'ui.reviewQueue.adjustTitle')}</h4>
                <div class="field">
                  <label for="adjust-fact">${this.t('ui.reviewQueue.adjustFact')}</label>
                  <select id="adjust-fact" @change=${(e: Event) => this.#editAdjust('fact', (e.target as HTMLSelectElement).value)}>
                    ${manual.map((f) => html`<option value=${f.name} .selected=${f.name === fact.name}>${f.label}</option>`)}
                  </select>
                  <span class="hint" id="adjust-current">${this.t('ui.reviewQueue.currentValue', { value: formatNumber(lang, current) })}</span>
                </div>
                <div class="field">
                  <label for="adjust-value">${this.t('ui.reviewQueue.adjustValue')}</label>
                  <input
                    id="adjust-value"
                    type="text"
                    inputmode=${fact.type === 'number' ? 'decimal' : 'numeric'}
                    autocomplete="off"
                    aria-invalid=${ifDefined(this.#valueProblem ? 'true' : undefined)}
                    aria-describedby=${this.#valueProblem ? 'adjust-current adjust-value-error' : 'adjust-current'}
                    .value=${live(this.#adjust.value)}
                    @input=${(e: Event) => this.#editAdjust('value', (e.target as HTMLInputElement).value)}
                  />
                  ${this.#valueProblem ? html`<span id="adjust-value-error" class="field-error">${this.t(this.#valueProblem)}</span>` : nothing}
                </div>
                <div class="field">
                  <label for="adjust-evidence">${this.t('ui.reviewQueue.adjustEvidence')}</label>
                  <input id="adjust-evidence" type="text" autocomplete="off" .value=${live(this.#adjust.evidence)} @input=${(e: Event) => this.#editAdjust('evidence', (e.target as HTMLInputElement).value)} />
                </div>
                <div class="field">
                  <label for="adjust-reason">${this.t('ui.reviewQueue.adjustReason')}</label>
                  <textarea
                    id="adjust-reason"
                    rows="2"
                    aria-invalid=${ifDefined(invalidReason('adjust'))}
                    aria-describedby=${ifDefined(describedReason('adjust'))}
                    .value=${live(this.#adjust.reason)}
                    @input=${(e: Event) => this.#editAdjust('reason', (e.target as HTMLTextAreaElement).value)}
                  ></textarea>
                </div>
                <button type="submit" part="adjust" data-action=${adjustAction}>${this.t(`review.action.${adjustAction}` as MessageKey)}</button>
              </form>`
            : html`<p class="hint">${this.t('ui.reviewQueue.noManual')}</p>`}
        </div>
      </section>
    `;
  }

  #describe(error: Error, lang: Lang): string {
    return describeError(error, lang);
  }

  #editAdjust(field: 'fact' | 'value' | 'evidence' | 'reason', value: string): void {
    this.#adjust = { ...this.#adjust, [field]: value };
    if ((field === 'value' || field === 'fact') && this.#valueProblem) {
      this.#valueProblem = null;
      this.requestUpdate();
    }
  }

  #onReturn = (e: Event): void => {
    e.preventDefault();
    this.#take('return', { reason: this.#returnReason }, 'return');
  };

  #onAdjust = (e: Event): void => {
    e.preventDefault();
    const review = this.selected;
    if (!review) return;
    const manual = new RubricWords(this.rubric, this.resolvedLang).manualFacts();
    const fact = manual.find((f) => f.name === this.#adjust.fact) ?? manual[0];
    if (!fact) return;
    // The core re-scores with any number; the fact's type (a count, a flag) is checked here, where it is typed.
    const read = readValue(this.#adjust.value, fact.type);
    if (!read.ok) {
      this.#valueProblem = read.problem;
      this.#refusal = null;
      this.#focus = '#adjust-value';
      this.requestUpdate();
      return;
    }
    const evidence = this.#adjust.evidence.trim();
    const adjustment: Adjustment = { fact: fact.name, value: read.value, ...(evidence ? { evidence } : {}) };
    this.#take(review.state === 'published' ? 'correct' : 'adjust', { reason: this.#adjust.reason, adjustments: [adjustment] }, 'adjust');
  };

  /** One step through the core: the new review replaces the old one, or the refusal is shown. */
  #take(action: ReviewAction, more: { reason?: string; adjustments?: Adjustment[] }, origin: Origin): void {
    const review = this.selected;
    const reviewer = this.reviewer;
    const h = this.divisions.hierarchy;
    if (!review || !reviewer || !h) return;
    const request: ReviewRequest = { action, by: reviewer, at: stampOf(this.clock?.() ?? new Date()), ...more };
    let next: SheetReview;
    try {
      // The rubric is read only to re-score an adjustment; without one, the core refuses that step.
      next = reviewSheet(review, request, { hierarchy: h, rubric: this.rubric as Rubric, ...(this.flow ? { flow: this.flow } : {}) });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.#refusal = { error: e, origin };
      this.#valueProblem = null;
      this.#outcome = null;
      const reasonMissing = e instanceof AssessmentError && e.code === 'review.reason-required';
      this.#focus = reasonMissing ? (origin === 'return' ? '#return-reason' : '#adjust-reason') : '#refusal';
      this.requestUpdate();
      if (e instanceof AssessmentError) this.dispatchEvent(new GualianReviewRefusedEvent(e, action, review));
      return;
    }
    const key = reviewKey(review);
    const index = this.#visible.findIndex((x) => x.key === key);
    let replaced = false;
    this.reviews = this.reviews.map((r) => {
      if (replaced || (r !== review && reviewKey(r) !== key)) return r;
      replaced = true;
      return next;
    });
    if (!replaced) this.reviews = [...this.reviews, next];
    const name = nameOf(this.names, review.subject.id);
    this.#outcome = { action, subject: name ? this.t('ui.scoreSheet.nameAndId', { name, id: review.subject.id }) : review.subject.id, state: next.state };
    this.#refusal = null;
    this.#valueProblem = null;
    if (origin === 'return') this.#returnReason = '';
    if (origin === 'adjust') this.#adjust = { ...this.#adjust, value: '', evidence: '', reason: '' };
    this.selected = next;
    this.#afterStep = { index: Math.max(0, index), origin };
    this.dispatchEvent(new GualianReviewEvent(next, review, next.steps[next.steps.length - 1]!));
  }
}

/** An attribute value inside a selector: only the characters a review key may hold need care. */
function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-review-queue': GualianReviewQueue;
  }
}
