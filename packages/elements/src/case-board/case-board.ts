import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Hierarchy, Lang } from '@gualian/core';
import {
  allRefused,
  CASE_CATEGORIES,
  CASE_LEVELS,
  replayRecord,
  SEVERITIES,
  type Actor,
  type CaseEvent,
  type CaseState,
  type DisputePolicy,
  type DisputePolicyInput,
} from '@gualian/core/disputes';
import { GualianElement } from '../base/gualian-element.js';
import { filterBarStyles, tonePalette } from '../base/styles.js';
import type { GualianCaseEventEvent } from '../case-timeline/events.js';
import { caseWords, momentOf, placeName } from '../case-timeline/words.js';
import { caseBadgeStyles } from '../case-timeline/styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { formatNumber } from '../score-sheet/format.js';
import { arrange, BOARD_COLUMNS, cardOf, type BoardColumn, type BoardFilters, type Card } from './columns.js';
import { GualianCaseSelectEvent } from './events.js';
import { caseBoardStyles } from './styles.js';
import { messages } from './messages.zh-Hans.js';

let timeline: Promise<unknown> | null = null;
/** Define <gualian-case-timeline>, once. */
const loadTimeline = () =>
  (timeline ??= import('../case-timeline/define.js').catch((error: unknown) => {
    timeline = null;
    console.error('gualian: <gualian-case-timeline> could not be loaded.', error);
  }));

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

const CARD_KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);
const NO_FILTERS: BoardFilters = { category: '', level: '', severity: '', overdue: false, query: '' };

/**
 * Dispute cases by state, in columns that follow the lifecycle — 登记/受理, 交办, 调处中,
 * 达成协议/司法确认, 未果/移送/上交, 回访, 办结归档 — each with its count. The cases are the
 * core's `replayRecord` of `events` (with the hierarchy for scope checks, and the policy), or
 * `states` already replayed. What is overdue is the core's `dueOf` as of `as-of` (default now).
 *
 * Filters by category, level, severity, overdue only and a text (id or summary) update the
 * counts. Each column shows its most urgent cases first — overdue, then the nearest deadline — a
 * page at a time (`page-size`, "show more" for the next), so a city's year of cases (11,000 in
 * Zhaotong) stays quick. A card shows the id, summary, place, severity, level, days open and the
 * overdue mark. Enter or a click on a card fires `gualian-case-select` and opens the case's
 * `<gualian-case-timeline>` in a panel of the board; Escape or the close button closes it and
 * focus returns to the card. Events recorded in the timeline (with `actor`) update the card.
 *
 * Keyboard: each column is one tab stop (roving focus); ↑/↓ the previous or next card, ←/→ the
 * neighbouring column, Home/End the column's first or last card shown.
 *
 * @tag gualian-case-board
 * @summary Dispute cases by state in columns, with filters, counts and overdue marks; a case opens its timeline.
 *
 * @attr {string} as-of - The moment overdue is measured at: a date (`2024-12-31`, its end) or a timestamp; default now.
 * @attr {number} page-size - Cards shown per column before "show more" (default 20).
 * @prop {CaseEvent[]} events - The record of case events, in order; replayed with the core's `replayRecord`.
 * @prop {ReadonlyMap<string, CaseState> | CaseState[] | null} states - Cases already replayed, instead of `events` (the timeline still needs `events`).
 * @prop {DisputePolicyInput | null} policy - The dispute policy (deadlines, permissions); default national practice.
 * @prop {Actor | null} actor - Who is using the board: passed to the timeline, whose form acts for them.
 * @prop {string | null} selected - The id of the case whose timeline is open.
 *
 * @fires {GualianCaseSelectEvent} gualian-case-select - The user opened a case: `caseId` and its `state`.
 * @fires {GualianCaseEventEvent} gualian-case-event - (from the timeline) An event was recorded on the open case.
 *
 * @csspart board - The whole board.
 * @csspart header - The title and the counts.
 * @csspart filters - The search and the filters.
 * @csspart panel - The open case's panel, with its timeline.
 * @csspart timeline - The `<gualian-case-timeline>` in the panel.
 * @csspart columns - The columns.
 * @csspart column - One column.
 * @csspart card - One case's card (a button).
 * @csspart more - A column's "show more" button.
 * @csspart notice - A message shown instead of the columns.
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-column-width=16em] - The width of a column.
 * @cssprop [--gualian-column-height=36em] - A column's height before it scrolls.
 *
 * @example
 * <gualian-case-board src="/data/2023/5306.json" as-of="2024-12-31"></gualian-case-board>
 * <script type="module">
 *   const board = document.querySelector('gualian-case-board');
 *   board.events = record.entries;
 *   board.actor = { id: 'H1-530602', role: 'handler', unit: '县司法局', division: '530602' };
 *   board.addEventListener('gualian-case-event', (e) => record.append(e.event));
 * </script>
 */
export class GualianCaseBoard extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, filterBarStyles, caseBadgeStyles, caseBoardStyles];

  static override properties: PropertyDeclarations = {
    events: { attribute: false },
    states: { attribute: false },
    policy: { attribute: false },
    actor: { attribute: false },
    selected: { attribute: false },
    asOf: { attribute: 'as-of', reflect: true },
    pageSize: { type: Number, attribute: 'page-size', reflect: true },
  };

  /** The record of case events, in order. */
  declare events: readonly CaseEvent[];

  /** Cases already replayed, instead of `events`. */
  declare states: ReadonlyMap<string, CaseState> | readonly CaseState[] | null;

  /** The dispute policy; default national practice. */
  declare policy: DisputePolicyInput | DisputePolicy | null;

  /** Who is using the board: passed to the timeline. */
  declare actor: Actor | null;

  /** The id of the case whose timeline is open. */
  declare selected: string | null;

  /** The moment overdue is measured at (a date or a timestamp); default now. */
  declare asOf: string | null;

  /** Cards shown per column before "show more". */
  declare pageSize: number;

  #memo: unknown[] = [];
  #cards: Card[] = [];
  #refused = 0;
  #columns = new Map<BoardColumn, Card[]>();
  #filters: BoardFilters = NO_FILTERS;
  #limits = new Map<BoardColumn, number>();
  #active = new Map<BoardColumn, string>();
  #recorded = new Map<string, CaseEvent[]>();
  #caseEvents: { id: string; events: CaseEvent[] } | null = null;
  #opener: string | null = null;
  #focus: string | null = null;

  constructor() {
    super();
    this.events = [];
    this.states = null;
    this.policy = null;
    this.actor = null;
    this.selected = null;
    this.asOf = null;
    this.pageSize = 20;
  }

  /** The cases that pass the filters, by column, each in urgency order (shown or not yet). */
  get shown(): ReadonlyMap<BoardColumn, readonly CaseState[]> {
    return new Map([...this.#columns].map(([c, cards]) => [c, cards.map((x) => x.state)]));
  }

  /** Every case on the board, before the filters. */
  get cases(): readonly CaseState[] {
    return this.#cards.map((c) => c.state);
  }

  /** How many events of `events` the core refused while replaying them. */
  get refused(): number {
    return this.#refused;
  }

  /**
   * Open a case's timeline in the board's panel, as Enter on its card does (without the event).
   * @example
   * board.open('5306-2024-000042');
   */
  open(caseId: string): void {
    this.selected = caseId;
  }

  /** Close the open case's panel; focus returns to its card. */
  close(): void {
    if (this.selected === null) return;
    const id = this.selected;
    this.selected = null;
    this.#focus = `[part~="card"][data-case="${cssEscape(this.#opener ?? id)}"]`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The panel's timeline is defined the first time a case is opened: a board that is only
    // looked at never loads it. Its element upgrades in place, keeping the properties set on it.
    if (this.selected !== null) void loadTimeline();
    const h = this.divisions.hierarchy;
    const memo = [this.events, this.states, this.policy, this.asOf, h];
    if (memo.some((x, i) => x !== this.#memo[i])) {
      const sameData = memo.slice(0, 3).every((x, i) => x === this.#memo[i]);
      this.#memo = memo;
      if (!sameData) this.#recorded.clear();
      this.#cards = this.#build(h);
      this.#caseEvents = null;
    }
    this.#columns = arrange(this.#cards, this.#filters);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      this.#focus = null;
      target?.focus();
    }
  }

  #build(h: Hierarchy | null): Card[] {
    const at = momentOf(this.asOf);
    const policy = this.policy ?? undefined;
    let states: Iterable<CaseState>;
    this.#refused = 0;
    if (this.states) states = this.states instanceof Map ? this.states.values() : (this.states as readonly CaseState[]);
    else {
      // Lenient: a malformed event is counted with the refused ones, never a board that throws.
      const replay = replayRecord(this.events, { ...(h ? { hierarchy: h } : {}), ...(policy ? { policy } : {}), mode: 'lenient' });
      this.#refused = allRefused(replay.refused, replay.issues, 'dispute.invalid-event').length;
      states = replay.states.values();
    }
    const cards: Card[] = [];
    for (const s of states) cards.push(cardOf(s, at, policy));
    return cards;
  }

  protected override divisionsOptional = true;

  protected override render(): TemplateResult {
    const status = this.renderStatus();
    if (status) return status;
    const lang = this.resolvedLang;
    const at = momentOf(this.asOf);
    let shown = 0;
    let overdue = 0;
    for (const cards of this.#columns.values()) {
      shown += cards.length;
      for (const c of cards) if (c.overdue) overdue++;
    }
    const n = (x: number) => formatNumber(lang, x);
    return html`
      <section class="board" part="board" aria-labelledby="title">
        <header part="header">
          <h2 id="title">${this.t('ui.caseBoard.title')}</h2>
          <p id="counts" role="status">${this.t('ui.caseBoard.counts', { total: n(this.#cards.length), shown: n(shown), overdue: n(overdue), date: at.slice(0, 10) })}</p>
          ${this.#refused > 0 ? html`<p class="refused">${this.t('ui.caseBoard.refused', { count: n(this.#refused) })}</p>` : nothing}
        </header>
        ${this.#renderFilters()} ${this.#renderPanel()}
        ${this.#cards.length === 0
          ? html`<p class="notice" part="notice">${this.t('ui.caseBoard.empty')}</p>`
          : html`<div class="columns" part="columns" @keydown=${this.#onKey} @click=${this.#onClick}>${BOARD_COLUMNS.map((c) => this.#renderColumn(c, lang))}</div>`}
      </section>
    `;
  }

  // ── Filters ─────────────────────────────────────────────────────────────────────────────

  #renderFilters(): TemplateResult {
    const f = this.#filters;
    const t = this.t.bind(this);
    const categories = new Set<string>(CASE_CATEGORIES);
    for (const c of this.#cards) categories.add(c.state.facts.category);
    const any = html`<option value="">${this.t('ui.caseBoard.any')}</option>`;
    const select = (id: string, key: MessageKey, value: string, options: readonly string[], label: (v: string) => string, name: 'category' | 'level' | 'severity') =>
      html`<label>
        ${this.t(key)}
        <select id=${id} @change=${(e: Event) => this.#filter({ [name]: (e.target as HTMLSelectElement).value } as Partial<BoardFilters>)}>
          ${any} ${options.map((o) => html`<option value=${o} .selected=${o === value}>${label(o)}</option>`)}
        </select>
      </label>`;
    return html`<div class="filters" part="filters" role="search" aria-label=${this.t('ui.caseBoard.filters')}>
      <label>
        ${this.t('ui.caseBoard.search')}
        <input id="query" type="search" autocomplete="off" .value=${live(f.query)} @input=${(e: Event) => this.#filter({ query: (e.target as HTMLInputElement).value })} />
      </label>
      ${select('f-category', 'ui.case.category', f.category, [...categories], (c) => caseWords.category(t, c), 'category')}
      ${select('f-level', 'ui.case.levelFilter', f.level, CASE_LEVELS, (l) => caseWords.level(t, l as CaseState['level']), 'level')}
      ${select('f-severity', 'ui.case.severity', f.severity, SEVERITIES, (s) => caseWords.severity(t, s), 'severity')}
      <label class="check">
        <input id="f-overdue" type="checkbox" .checked=${live(f.overdue)} @change=${(e: Event) => this.#filter({ overdue: (e.target as HTMLInputElement).checked })} />
        ${this.t('ui.caseBoard.overdueOnly')}
      </label>
    </div>`;
  }

  #filter(change: Partial<BoardFilters>): void {
    this.#filters = { ...this.#filters, ...change };
    this.#limits.clear();
    this.requestUpdate();
  }

  /**
   * Filter the board, as its controls do: blank values let everything through.
   * @example
   * board.filter({ level: 'village', overdue: true });
   */
  filter(change: Partial<BoardFilters>): void {
    this.#filter(change);
  }

  // ── Columns and cards ───────────────────────────────────────────────────────────────────

  #renderColumn(column: BoardColumn, lang: Lang): TemplateResult {
    const cards = this.#columns.get(column) ?? [];
    const limit = this.#limits.get(column) ?? Math.max(1, this.pageSize || 20);
    const visible = cards.slice(0, limit);
    const activeId = this.#active.get(column);
    const active = visible.some((c) => c.state.id === activeId) ? activeId : visible[0]?.state.id;
    const rest = cards.length - visible.length;
    return html`<section class="column" part="column" data-column=${column} aria-labelledby="col-${column}">
      <h3 id="col-${column}">
        <span>${this.t(`ui.caseBoard.column.${column}` as MessageKey)}</span>
        <span class="count" aria-label=${this.t('ui.caseBoard.columnCount', { count: formatNumber(lang, cards.length) })}>${formatNumber(lang, cards.length)}</span>
      </h3>
      ${visible.length === 0
        ? html`<p class="muted empty">${this.t('ui.caseBoard.none')}</p>`
        : html`<ul class="cards">
            ${repeat(
              visible,
              (c) => c.state.id,
              (c) => html`<li>${this.#renderCard(c, c.state.id === active, lang)}</li>`,
            )}
          </ul>`}
      ${rest > 0
        ? html`<button type="button" class="more" part="more" data-more=${column}>${this.t('ui.caseBoard.more', { count: formatNumber(lang, Math.min(rest, this.pageSize || 20)), rest: formatNumber(lang, rest) })}</button>`
        : nothing}
    </section>`;
  }

  #renderCard(card: Card, active: boolean, lang: Lang): TemplateResult {
    const s = card.state;
    const t = this.t.bind(this);
    const next = card.due[0];
    const n = (x: number) => formatNumber(lang, x);
    return html`<button
      type="button"
      class="card ${card.overdue ? 'overdue' : ''}"
      part="card"
      data-case=${s.id}
      tabindex=${active ? '0' : '-1'}
      aria-expanded=${this.selected === s.id ? 'true' : 'false'}
    >
      <span class="card-head"><span class="case-id">${s.id}</span>${card.overdue ? html`<span class="badge bad">${this.t('ui.case.daysOver', { days: n(-card.urgency) })}</span>` : nothing}</span>
      <span class="summary">${s.facts.summary}</span>
      <span class="place">${placeName(this.divisions.hierarchy, s.facts.place, t, 2)}</span>
      <span class="badges">
        <span class="badge severity-${s.facts.severity}">${caseWords.severity(t, s.facts.severity)}</span>
        <span class="badge">${caseWords.level(t, s.level)}</span>
        <span class="badge plain">${this.t('ui.caseBoard.daysOpen', { days: n(card.daysOpen) })}</span>
        ${!card.overdue && next ? html`<span class="badge ${next.daysLeft <= 3 ? 'warn' : 'ok'}">${this.t('ui.case.daysLeft', { days: n(next.daysLeft) })}</span>` : nothing}
      </span>
    </button>`;
  }

  #onClick = (e: Event): void => {
    const target = e.target as HTMLElement;
    const more = target.closest<HTMLElement>('[data-more]');
    if (more) {
      const column = more.dataset['more'] as BoardColumn;
      const page = Math.max(1, this.pageSize || 20);
      const before = this.#limits.get(column) ?? page;
      this.#limits.set(column, before + page);
      const first = this.#columns.get(column)?.[before];
      if (first) {
        this.#active.set(column, first.state.id);
        this.#focus = `[part~="card"][data-case="${cssEscape(first.state.id)}"]`;
      }
      this.requestUpdate();
      return;
    }
    const card = target.closest<HTMLElement>('[part~="card"]');
    if (card) this.#choose(card.dataset['case']!);
  };

  #onKey = (e: KeyboardEvent): void => {
    if (!CARD_KEYS.has(e.key)) return;
    const card = (e.target as HTMLElement).closest<HTMLElement>('[part~="card"]');
    if (!card) return;
    e.preventDefault();
    const column = card.closest<HTMLElement>('[data-column]')!.dataset['column'] as BoardColumn;
    const visible = (c: BoardColumn) => (this.#columns.get(c) ?? []).slice(0, this.#limits.get(c) ?? Math.max(1, this.pageSize || 20));
    const list = visible(column);
    const at = list.findIndex((c) => c.state.id === card.dataset['case']);
    let target: { column: BoardColumn; id: string } | null = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const step = e.key === 'ArrowLeft' ? -1 : 1;
      for (let i = BOARD_COLUMNS.indexOf(column) + step; i >= 0 && i < BOARD_COLUMNS.length; i += step) {
        const other = visible(BOARD_COLUMNS[i]!);
        if (other.length === 0) continue;
        target = { column: BOARD_COLUMNS[i]!, id: other[Math.min(at, other.length - 1)]!.state.id };
        break;
      }
    } else {
      const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 }[e.key] ?? at;
      const next = list[Math.max(0, Math.min(list.length - 1, to))];
      if (next) target = { column, id: next.state.id };
    }
    if (!target) return;
    this.#active.set(target.column, target.id);
    this.#focus = `[part~="card"][data-case="${cssEscape(target.id)}"]`;
    this.requestUpdate();
  };

  /** The user opens a case. */
  #choose(id: string): void {
    const card = this.#cards.find((c) => c.state.id === id);
    if (!card) return;
    this.#active.set(card.column, id);
    this.#opener = id;
    this.selected = id;
    this.#focus = '#panel-title';
    this.dispatchEvent(new GualianCaseSelectEvent(id, card.state));
  }

  // ── The open case ───────────────────────────────────────────────────────────────────────

  /** The open case's events: the record's, and those recorded through the panel since. */
  #eventsOf(id: string): CaseEvent[] {
    if (this.#caseEvents?.id !== id) this.#caseEvents = { id, events: [...this.events.filter((e) => e.caseId === id), ...(this.#recorded.get(id) ?? [])] };
    return this.#caseEvents.events;
  }

  #renderPanel(): TemplateResult | typeof nothing {
    const id = this.selected;
    if (id === null) return nothing;
    const card = this.#cards.find((c) => c.state.id === id);
    const t = this.t.bind(this);
    return html`<section class="panel" part="panel" aria-labelledby="panel-title" @keydown=${this.#onPanelKey}>
      <div class="panel-head">
        <h3 id="panel-title" tabindex="-1">${this.t('ui.caseBoard.panelTitle', { id })}</h3>
        <button type="button" class="close" @click=${() => this.close()}>${this.t('ui.caseBoard.close')}</button>
      </div>
      ${card ? html`<p class="muted">${placeName(this.divisions.hierarchy, card.state.facts.place, t)}</p>` : nothing}
      <gualian-case-timeline
        part="timeline"
        case-id=${id}
        .events=${this.#eventsOf(id)}
        .hierarchy=${this.divisions.hierarchy}
        .policy=${this.policy}
        .actor=${this.actor}
        as-of=${momentOf(this.asOf)}
        ?large-text=${this.largeText}
        @gualian-case-event=${this.#onRecorded}
      ></gualian-case-timeline>
    </section>`;
  }

  #onPanelKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this.close();
  };

  /** An event recorded in the panel: the card shows the case's new state. */
  #onRecorded = (e: GualianCaseEventEvent): void => {
    const id = e.event.caseId;
    this.#recorded.set(id, [...(this.#recorded.get(id) ?? []), e.event]);
    this.#caseEvents = null;
    const i = this.#cards.findIndex((c) => c.state.id === id);
    if (i >= 0) {
      this.#cards = this.#cards.slice();
      this.#cards[i] = cardOf(e.state, momentOf(this.asOf), this.policy ?? undefined);
    }
    this.requestUpdate();
  };
}

/** An attribute value inside a selector: only the characters a case id may hold need care. */
function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-case-board': GualianCaseBoard;
  }
}
