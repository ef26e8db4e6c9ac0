import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ancestorCodes, DIVISION_LEVELS, isWithin, levelOfCode, levelRank, normalizeCode, type Hierarchy, type OfficialLevel } from '@gualian/core';
import { GualianElement } from '../base/gualian-element.js';
import { GualianChangeEvent } from '../base/events.js';
import { isPlaceholderAt } from '../base/placeholders.js';
import { PinyinSearch, type DivisionHit } from '../base/pinyin.js';

/** How deep a region picker goes. */
export type PickerDepth = OfficialLevel;

const DEPTHS: readonly PickerDepth[] = ['province', 'prefecture', 'county', 'township', 'village'];
const SEARCH_LIMIT = 20;

/** One select of the cascade. */
interface Column {
  /** Row positions of the options. */
  options: number[];
  /** Row position of the chosen option, or -1. */
  chosen: number;
  /** Level rank the column is labelled with. */
  level: number;
  /** Its options are being fetched. */
  loading: boolean;
}

/**
 * A cascading picker of administrative divisions, 省 / 市 / 县 / 乡 / 村: one labelled native
 * `<select>` per level, filled from the level above, plus a search by name whose results show
 * the full path. Province chunks of a lazily loaded pack are fetched when first needed.
 *
 * The search also takes pinyin: `zhaotong` or its initials `zt` find 昭通市, `zhenx` finds
 * 镇雄县, `镇x` mixes both, and a polyphonic character answers to every reading. Matches by the
 * characters typed come first, then pinyin matches (whole name, start of the name, initials,
 * inside the name). The pinyin data is fetched the first time a query holds Latin letters.
 *
 * @tag gualian-region-picker
 * @summary Choose a division, level by level or by searching its name.
 *
 * @attr {string} value - The official code of the deepest chosen division. Settable: fills every select, fetching the province chunk if needed; a code missing from the data (an abolished village) fills its nearest known ancestor.
 * @attr {'province'|'prefecture'|'county'|'township'|'village'} depth - The deepest level offered (default `village`).
 * @attr {string} root - Start below this division: `root="5306"` offers only the counties of 昭通市 and below.
 * @attr {boolean} collapse-placeholders - Hide the placeholder levels 市辖区, 省直辖县级行政区划 and the like, showing their children directly under the level above.
 *
 * @fires {GualianChangeEvent} gualian-change - The user chose, changed or cleared a division; `value` is the deepest code (or `null`), `path` the divisions from the province down.
 *
 * @csspart search - The search box: label, input, results and status.
 * @csspart search-input - The search input.
 * @csspart results - The list of search results.
 * @csspart result - One search result (the division's full path).
 * @csspart mark - The characters of a result's name that matched the search.
 * @csspart load-all - The button that fetches every chunk so the search covers the whole country.
 * @csspart levels - The row of selects.
 * @csspart level - One label and its select.
 * @csspart label - A label.
 * @csspart select - A select.
 * @csspart summary - The line naming the chosen path.
 * @csspart clear - The clear button.
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-select-min-width=8em] - The minimum width of each select.
 * @cssprop [--gualian-result-active-background=#d3e3fd] - Background of the active search result.
 * @cssprop [--gualian-match-background=#fff1a8] - Background of the characters matching the search.
 *
 * @example
 * <script type="module" src="/gualian-elements.bundle.js"></script>
 * <gualian-region-picker src="/data/2023/index.json" root="5306" depth="village"></gualian-region-picker>
 * <script type="module">
 *   document.querySelector('gualian-region-picker')
 *     .addEventListener('gualian-change', (e) => console.log(e.value, e.path));
 * </script>
 */
export class GualianRegionPicker extends GualianElement {
  static override styles = [
    ...GualianElement.styles,
    css`
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      legend {
        padding: 0;
        font-weight: 600;
      }
      .levels {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 0.75em;
        margin: 0.25em 0;
      }
      .level {
        display: flex;
        flex-direction: column;
      }
      select {
        min-width: var(--gualian-select-min-width, 8em);
        max-width: 100%;
      }
      .search {
        position: relative;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25em 0.5em;
        margin: 0.25em 0 0.5em;
      }
      .search input {
        flex: 1 1 12em;
        min-width: 0;
      }
      ul[role='listbox'] {
        flex: 1 0 100%;
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--gualian-border-color, #6e7781);
        border-radius: var(--gualian-radius, 4px);
        max-height: 16em;
        overflow: auto;
      }
      li[role='option'] {
        padding: 0.25em 0.5em;
        min-height: var(--_hit);
        cursor: pointer;
      }
      mark {
        background: var(--gualian-match-background, #fff1a8);
        color: inherit;
      }
      li[role='option'][aria-selected='true'] {
        background: var(--gualian-result-active-background, #d3e3fd);
        outline: 2px solid var(--gualian-focus-color, #0b57d0);
        outline-offset: -2px;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5em;
        margin: 0.25em 0 0;
      }
      .summary p {
        margin: 0;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    value: {},
    depth: {},
    root: {},
    collapsePlaceholders: { type: Boolean, attribute: 'collapse-placeholders' },
  };

  /** The official code of the deepest chosen division, or `null`. */
  declare value: string | null;

  /** The deepest level offered. */
  declare depth: PickerDepth;

  /** Offer only divisions below this code. */
  declare root: string | null;

  /** Hide placeholder levels (市辖区, 省直辖县级行政区划 …) and show their children directly. */
  declare collapsePlaceholders: boolean;

  /** Codes chosen, one per column; codes rather than row positions, which a chunk merge shifts. */
  #path: string[] = [];
  #query = '';
  /** The search results: rows of the hierarchy and the characters matched. */
  #hits: DivisionHit[] = [];
  /** Codes of the search results. */
  #results: string[] = [];
  #activeResult = -1;
  #searching = false;

  /** A value set from outside that waits for its chunk. */
  #wanted: string | null | undefined = undefined;
  /** Chunks being fetched. */
  readonly #fetching = new Set<string>();
  /** Chunks that failed to load: the picker stops waiting for them rather than retry in a loop. */
  readonly #unreachable = new Set<string>();
  #lastHierarchy: Hierarchy | null = null;
  readonly #pinyin = new PinyinSearch(this, () => this.#runSearch(this.#query));

  constructor() {
    super();
    this.value = null;
    this.depth = 'village';
    this.root = null;
    this.collapsePlaceholders = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const current = this.#path[this.#path.length - 1] ?? null;
    if (changed.has('value') && (this.value ?? null) !== current) {
      this.#wanted = this.value ?? null;
      this.#unreachable.clear();
    }
    const h = this.divisions.hierarchy;
    if (h !== this.#lastHierarchy || changed.has('root') || changed.has('depth') || changed.has('collapsePlaceholders') || this.#wanted !== undefined) {
      this.#lastHierarchy = h;
      this.#resolvePath();
      if (this.#query !== '') this.#runSearch(this.#query);
    }
  }

  override render(): TemplateResult {
    const status = this.renderStatus();
    if (status !== null) return status;
    const h = this.divisions.hierarchy!;
    const columns = this.#columns(h);
    const deepest = this.#path[this.#path.length - 1];
    return html`
      <fieldset>
        <legend>${this.t('ui.regionPicker')}</legend>
        ${this.#renderSearch(h)}
        <div class="levels" part="levels">${columns.map((c, k) => this.#renderColumn(h, c, k))}</div>
        <div class="summary">
          <p part="summary" role="status">${deepest === undefined ? '' : this.t('ui.selected', { path: this.#pathText(h, deepest) })}</p>
          ${this.#path.length > 0 ? html`<button type="button" part="clear" @click=${this.#clear}>${this.t('ui.clear')}</button>` : nothing}
        </div>
        ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
      </fieldset>
    `;
  }

  #renderColumn(h: Hierarchy, c: Column, k: number): TemplateResult {
    const id = `level-${k}`;
    const label = this.t(`levelName.${DIVISION_LEVELS[c.level]!}`);
    return html`<div class="level" part="level">
      <label for=${id} part="label">${label}</label>
      <select id=${id} part="select" ?disabled=${c.options.length === 0} aria-busy=${c.loading ? 'true' : 'false'} @change=${(e: Event) => this.#onSelect(k, e)}>
        <option value="" .selected=${live(c.chosen < 0)}>${c.loading ? this.t('ui.loading') : this.t('ui.choose')}</option>
        ${c.options.map((i) => html`<option value=${h.codeAt(i)} .selected=${live(i === c.chosen)}>${h.nameAt(i)}</option>`)}
      </select>
    </div>`;
  }

  #renderSearch(h: Hierarchy): TemplateResult {
    const open = this.#query.trim() !== '' && this.#results.length > 0;
    const partial = this.#query.trim() !== '' && this.divisions.hasPendingWithin(this.root);
    const note = this.#pinyin.note(this.#query);
    let status = '';
    if (this.#searching) status = this.t('ui.loading');
    else if (note === 'ui.pinyin.loading') status = this.t(note);
    else if (this.#query.trim() !== '') {
      const byPinyin = this.#hits.some((hit) => hit.byPinyin);
      status = this.#results.length === 0 ? this.t('ui.noMatch') : this.t(byPinyin ? 'ui.pinyin.results' : 'ui.results', { count: this.#results.length });
      if (note !== null) status = `${status} · ${this.t(note)}`;
    }
    return html`<div class="search" part="search">
      <label for="search" part="label">${this.t('ui.search')}</label>
      <input
        id="search"
        type="search"
        part="search-input"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-controls="results"
        aria-expanded=${open ? 'true' : 'false'}
        aria-activedescendant=${open && this.#activeResult >= 0 ? `result-${this.#activeResult}` : nothing}
        .value=${live(this.#query)}
        @input=${this.#onSearchInput}
        @keydown=${this.#onSearchKey}
      />
      <ul id="results" role="listbox" part="results" aria-label=${this.t('ui.search')} ?hidden=${!open}>
        ${open
          ? this.#results.map(
              (code, k) =>
                html`<li id=${`result-${k}`} role="option" part="result" aria-selected=${k === this.#activeResult ? 'true' : 'false'} @mousedown=${preventBlur} @click=${() => this.#chooseResult(code)}>${this.#renderResult(h, this.#hits[k]!)}</li>`,
            )
          : nothing}
      </ul>
      <span class="status" role="status">${status}</span>
      ${partial && !this.#searching ? html`<button type="button" part="load-all" @click=${this.#loadAll}>${this.t('ui.loadAll')}</button>` : nothing}
    </div>`;
  }

  /** A result's path, the matched characters of its name marked. */
  #renderResult(h: Hierarchy, hit: DivisionHit): TemplateResult {
    const name = h.nameAt(hit.row);
    const parent = h.parentIndex(hit.row);
    const above = parent < 0 ? '' : this.#pathText(h, h.codeAt(parent));
    return html`${above === '' ? '' : `${above} / `}${name.slice(0, hit.start)}<mark part="mark">${name.slice(hit.start, hit.end)}</mark>${name.slice(hit.end)}`;
  }

  /** The columns to show: one per chosen level, the next to choose, then disabled ones down to `depth`. */
  #columns(h: Hierarchy): Column[] {
    const deepest = this.#deepest();
    const columns: Column[] = [];
    let parent = this.#rootIndex(h);
    let parentCode = this.root;
    let nextLevel = parent < 0 ? 0 : h.levelAt(parent) + 1;
    if (this.root !== null && parent < 0) {
      // The root itself is still in a chunk on its way.
      const chunk = this.divisions.pendingChunk(this.root);
      columns.push({ options: [], chosen: -1, level: nextLevel, loading: chunk !== null && !this.#unreachable.has(chunk) });
    } else {
      for (let k = 0; nextLevel <= deepest; k++) {
        const options = this.#optionsUnder(h, parent);
        const chunk = options.length === 0 && parentCode !== null ? this.divisions.pendingChunk(parentCode) : null;
        const loading = chunk !== null && !this.#unreachable.has(chunk);
        if (options.length === 0 && !loading) break;
        const code = this.#path[k];
        const chosen = code === undefined ? -1 : h.indexOf(code);
        const level = options.length > 0 ? h.levelAt(options[0]!) : nextLevel;
        columns.push({ options, chosen, level, loading });
        if (chosen < 0) break;
        parent = chosen;
        parentCode = code!;
        nextLevel = h.levelAt(chosen) + 1;
      }
    }
    const last = columns[columns.length - 1];
    for (let level = (last ? last.level : nextLevel - 1) + 1; level <= deepest; level++) columns.push({ options: [], chosen: -1, level, loading: false });
    return columns;
  }

  /** The options under a row (the roots for -1): its children, placeholders replaced by theirs when collapsing. */
  #optionsUnder(h: Hierarchy, parent: number): number[] {
    const deepest = this.#deepest();
    const out: number[] = [];
    const add = (i: number) => {
      if (h.levelAt(i) > deepest) return;
      const children = this.collapsePlaceholders && isPlaceholderAt(h, i) ? h.childIndices(i) : [];
      // A placeholder whose children lie beyond `depth` stays: it is the only choice there is.
      if (children.length > 0 && h.levelAt(children[0]!) <= deepest) children.forEach(add);
      else out.push(i);
    };
    h.childIndices(parent).forEach(add);
    return out;
  }

  /** The rank of `depth`; an unknown value counts as the default, village. */
  #deepest(): number {
    return DEPTHS.includes(this.depth) ? levelRank(this.depth) : levelRank('village');
  }

  #rootIndex(h: Hierarchy): number {
    return this.root === null ? -1 : h.indexOf(this.root);
  }

  /** Walks the columns down towards the wanted (or current) code and keeps what matches. */
  #resolvePath(): void {
    const h = this.divisions.hierarchy;
    if (h === null) return;
    const target = this.#wanted !== undefined ? this.#wanted : (this.#path[this.#path.length - 1] ?? null);
    const code = this.#withinBounds(target);
    const missing = this.root !== null && !h.has(this.root) ? this.root : code !== null && !h.has(code) ? code : null;
    const chunk = missing === null ? null : this.divisions.pendingChunk(missing);
    if (chunk !== null && !this.#unreachable.has(chunk)) {
      if (code !== null) this.#wanted = code;
      this.#fetch(chunk);
      return;
    }
    const path: string[] = [];
    if (code !== null) {
      let parent = this.#rootIndex(h);
      for (;;) {
        const options = this.#optionsUnder(h, parent);
        const next = options.find((i) => code.startsWith(h.codeAt(i)));
        if (next === undefined) break;
        path.push(h.codeAt(next));
        if (h.codeAt(next) === code) break;
        parent = next;
      }
    }
    this.#wanted = undefined;
    this.#path = path;
    this.value = path[path.length - 1] ?? null;
    this.#prefetch();
  }

  #fetch(chunk: string): void {
    if (this.#fetching.has(chunk) || this.#unreachable.has(chunk)) return;
    this.#fetching.add(chunk);
    void this.divisions.ensure(chunk).then(() => {
      this.#fetching.delete(chunk);
      // Still pending: it failed (the error is shown); fill in what is known instead of retrying.
      if (this.divisions.pendingChunk(chunk) === chunk) this.#unreachable.add(chunk);
      this.requestUpdate();
    });
  }

  /** The code cut to `depth`, or `null` when it is no code or lies outside `root`. */
  #withinBounds(target: string | null): string | null {
    let code: string;
    try {
      if (target === null || target === '') return null;
      code = normalizeCode(target);
      if (this.root !== null && (code === normalizeCode(this.root) || !isWithin(code, this.root))) return null;
    } catch {
      return null;
    }
    const deepest = this.#deepest();
    return levelRank(levelOfCode(code)) > deepest ? ancestorCodes(code)[deepest]! : code;
  }

  /**
   * Starts fetching the chunk below the chosen division while the user is still choosing, when
   * the levels down to `depth` are not all there (a pack of provinces to counties, say, and
   * `depth="village"`); with `depth="county"` such a pack is enough and nothing is fetched.
   */
  #prefetch(): void {
    const code = this.#path[this.#path.length - 1];
    const h = this.divisions.hierarchy;
    const chunk = code === undefined ? null : this.divisions.pendingChunk(code);
    if (code === undefined || h === null || chunk === null) return;
    const i = h.indexOf(code);
    const deepest = this.#deepest();
    if (h.levelAt(i) >= deepest) return;
    for (let j = i + 1; j < h.subtreeEnd(i); j++) if (h.levelAt(j) === deepest) return;
    this.#fetch(chunk);
  }

  #onSelect(column: number, e: Event): void {
    const code = (e.target as HTMLSelectElement).value;
    // A choice is the user asking again: chunks that failed before may be retried, once.
    this.#unreachable.clear();
    this.#path = code === '' ? this.#path.slice(0, column) : [...this.#path.slice(0, column), code];
    this.#commit();
  }

  #commit(): void {
    const h = this.divisions.hierarchy!;
    const value = this.#path[this.#path.length - 1] ?? null;
    this.value = value;
    this.#prefetch();
    this.requestUpdate();
    const event = new GualianChangeEvent(value, value === null ? [] : h.pathOf(value));
    this.dispatchEvent(event);
  }

  #clear(): void {
    this.#path = [];
    this.#commit();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('#level-0')?.focus());
  }

  #onSearchInput(e: Event): void {
    this.#query = (e.target as HTMLInputElement).value;
    this.#runSearch(this.#query);
    this.requestUpdate();
  }

  #runSearch(fragment: string): void {
    const h = this.divisions.hierarchy;
    if (h === null || fragment.trim() === '') {
      this.#hits = [];
      this.#results = [];
      this.#activeResult = -1;
      return;
    }
    const levels = DEPTHS.slice(0, this.#deepest() + 1);
    const scope = this.root !== null && h.has(this.root) ? this.root : undefined;
    this.#hits = this.#pinyin
      .search(h, fragment, { scope, levels, limit: SEARCH_LIMIT + 1 })
      .filter((hit) => h.codeAt(hit.row) !== scope && !(this.collapsePlaceholders && isPlaceholderAt(h, hit.row)))
      .slice(0, SEARCH_LIMIT);
    this.#results = this.#hits.map((hit) => h.codeAt(hit.row));
    this.#activeResult = this.#results.length > 0 ? 0 : -1;
  }

  #pathText(h: Hierarchy, code: string): string {
    let i = h.indexOf(code);
    const names: string[] = [];
    for (; i >= 0; i = h.parentIndex(i)) if (!(this.collapsePlaceholders && isPlaceholderAt(h, i))) names.unshift(h.nameAt(i));
    return names.join(' / ');
  }

  #onSearchKey(e: KeyboardEvent): void {
    const n = this.#results.length;
    switch (e.key) {
      case 'ArrowDown':
        if (n > 0) this.#activeResult = (this.#activeResult + 1) % n;
        break;
      case 'ArrowUp':
        if (n > 0) this.#activeResult = (this.#activeResult - 1 + n) % n;
        break;
      case 'Enter': {
        const code = this.#results[this.#activeResult];
        if (code === undefined) return;
        this.#chooseResult(code);
        break;
      }
      case 'Escape':
        if (this.#query === '') return;
        this.#query = '';
        this.#hits = [];
        this.#results = [];
        break;
      default:
        return;
    }
    e.preventDefault();
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector(`#result-${this.#activeResult}`)?.scrollIntoView({ block: 'nearest' }));
  }

  #chooseResult(code: string): void {
    this.#wanted = code;
    this.#query = '';
    this.#hits = [];
    this.#results = [];
    this.#activeResult = -1;
    this.#resolvePath();
    this.#commit();
    // Keyboard users carry on from the deepest select that was filled.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>(`#level-${Math.max(0, this.#path.length - 1)}`)?.focus());
  }

  async #loadAll(): Promise<void> {
    this.#searching = true;
    this.requestUpdate();
    try {
      await this.divisions.ensureAll();
    } finally {
      this.#searching = false;
    }
    this.#runSearch(this.#query);
    this.requestUpdate();
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }
}

function preventBlur(e: Event): void {
  // Keeps focus in the input while a result is clicked.
  e.preventDefault();
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-region-picker': GualianRegionPicker;
  }
}
