import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import type { Division, Hierarchy } from '@gualian/core';
import { GualianElement } from '../base/gualian-element.js';
import { GualianSelectEvent, GualianToggleEvent } from '../base/events.js';
import { PinyinSearch } from '../base/pinyin.js';
import { asArray, visibleIndex, visibleRows } from './rows.js';

/** A text badge on a tree row, such as a coverage figure. */
export interface TreeBadge {
  /** The text shown. */
  label: string;
  /** Its colour: good, warning, bad or neutral information (default). */
  tone?: 'ok' | 'warn' | 'bad' | 'info';
}

/** Gives the badge of a division, or `null` for none. Called only for the rows on screen. */
export type TreeBadges = (division: Division) => TreeBadge | null | undefined;

/** Search results revealed at most: each opens its ancestors, and thousands would unfold the country. */
const MATCH_LIMIT = 200;

/**
 * The virtualizer's flow layout for rows of one known height, which it does not measure. A
 * measuring layout lays out again from inside its ResizeObserver callback and renders rows
 * there, which browsers report to the page as a "ResizeObserver loop" error; with equal rows
 * (fixed by the stylesheet) there is nothing to learn from measuring anyway.
 */
class RowLayout extends FlowLayout {
  override get measureChildren(): boolean {
    return false;
  }

  /** The row height in px, set through the layout config. */
  set rowHeight(px: number) {
    if (this._itemSize.height === px) return;
    this._itemSize = { width: this._itemSize.width, height: px };
    this._scheduleReflow();
  }
}

/** The minimal surface of the virtualizer the tree drives (its class is not exported as a type). */
interface VirtualizerHandle {
  element(index: number): { scrollIntoView(options?: ScrollIntoViewOptions): void } | undefined;
}

/**
 * An expandable tree of administrative divisions that stays smooth over the whole country:
 * only the rows on screen are in the DOM (`@lit-labs/virtualizer`), the visible rows are kept
 * as hierarchy row positions, and expanding a node whose province chunk is not loaded fetches
 * it. Follows the ARIA tree pattern with a roving tabindex.
 *
 * Keys: ↑/↓ move, → expands or enters, ← collapses or goes to the parent, Home/End go to the
 * first/last row, Enter or Space selects. In the search box, Enter goes to the next match
 * and Shift+Enter to the previous one.
 *
 * The search also takes pinyin: `zhaotong` or its initials `zt` find 昭通市, `zhenx` finds
 * 镇雄县, `镇x` mixes both, and a polyphonic character answers to every reading; the matched
 * characters are marked either way. The pinyin data is fetched the first time a query holds
 * Latin letters.
 *
 * @tag gualian-hierarchy-tree
 * @summary Browse the hierarchy, search it, and select a division.
 *
 * @attr {string} root - Show only this division's subtree (the root row starts expanded).
 * @attr {number} expand-depth - How many levels start expanded, counted from the top rows (default 0).
 * @attr {string} selected - The code of the selected division.
 * @prop {TreeBadges | null} badges - A function giving each division's badge (`{ label, tone }`) or `null`.
 *
 * @fires {GualianSelectEvent} gualian-select - The user selected a division (click, Enter or Space); `code` and `division`.
 * @fires {GualianToggleEvent} gualian-toggle - The user expanded or collapsed a node; `code` and `expanded`.
 *
 * @csspart search - The search box: label, input and status.
 * @csspart search-input - The search input.
 * @csspart load-all - The button that fetches every chunk so the search covers the whole country.
 * @csspart tree - The scrolling tree (role=tree).
 * @csspart row - A row (role=treeitem); also `selected`, `match` and `current-match` on such rows.
 * @csspart toggle - The expand/collapse arrow of a row.
 * @csspart name - A division's name.
 * @csspart mark - The part of a name matching the search.
 * @csspart code - A division's code.
 * @csspart badge - A row's badge; also `badge-ok`, `badge-warn`, `badge-bad` or `badge-info`.
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-tree-height=24rem] - Height of the scrolling tree.
 * @cssprop [--gualian-tree-indent=1.25em] - Indentation per level.
 * @cssprop [--gualian-selected-background=#d3e3fd] - Background of the selected row.
 * @cssprop [--gualian-match-background=#fff1a8] - Background of the text matching the search.
 * @cssprop [--gualian-badge-ok-color=#116329] - Badge text, tone ok (and `-background`, default #dafbe1).
 * @cssprop [--gualian-badge-warn-color=#6f4400] - Badge text, tone warn (and `-background`, default #fff1c2).
 * @cssprop [--gualian-badge-bad-color=#a0111f] - Badge text, tone bad (and `-background`, default #ffebe9).
 * @cssprop [--gualian-badge-info-color=#0550ae] - Badge text, tone info (and `-background`, default #ddf4ff).
 *
 * @example
 * <gualian-hierarchy-tree src="/data/2023/index.json" root="5306" expand-depth="1"></gualian-hierarchy-tree>
 * <script type="module">
 *   const tree = document.querySelector('gualian-hierarchy-tree');
 *   tree.badges = (d) => (d.level === 'village' ? { label: '3 人', tone: 'ok' } : null);
 *   tree.addEventListener('gualian-select', (e) => console.log(e.code, e.division.name));
 * </script>
 */
export class GualianHierarchyTree extends GualianElement {
  static override styles = [
    ...GualianElement.styles,
    css`
      .search {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25em 0.5em;
        margin: 0 0 0.5em;
      }
      .search input {
        flex: 1 1 12em;
        min-width: 0;
      }
      .tree {
        height: var(--gualian-tree-height, 24rem);
        border: 1px solid var(--gualian-border-color, #6e7781);
        border-radius: var(--gualian-radius, 4px);
      }
      .probe {
        position: absolute;
        visibility: hidden;
        height: var(--_hit);
        width: 1px;
      }
      [role='treeitem'] {
        display: flex;
        align-items: center;
        gap: 0.5em;
        width: 100%;
        /* Equal rows, as tall as .probe: the layout places them without measuring. */
        height: var(--_hit);
        overflow: hidden;
        padding-inline-end: 0.5em;
        white-space: nowrap;
        cursor: default;
      }
      [role='treeitem']:focus-visible {
        outline-offset: calc(-1 * var(--gualian-focus-width, 3px));
      }
      [role='treeitem'][aria-selected='true'] {
        background: var(--gualian-selected-background, #d3e3fd);
      }
      [aria-level='1'] { padding-inline-start: 0.25em; }
      [aria-level='2'] { padding-inline-start: calc(0.25em + 1 * var(--gualian-tree-indent, 1.25em)); }
      [aria-level='3'] { padding-inline-start: calc(0.25em + 2 * var(--gualian-tree-indent, 1.25em)); }
      [aria-level='4'] { padding-inline-start: calc(0.25em + 3 * var(--gualian-tree-indent, 1.25em)); }
      [aria-level='5'] { padding-inline-start: calc(0.25em + 4 * var(--gualian-tree-indent, 1.25em)); }
      [aria-level='6'] { padding-inline-start: calc(0.25em + 5 * var(--gualian-tree-indent, 1.25em)); }
      [aria-level='7'] { padding-inline-start: calc(0.25em + 6 * var(--gualian-tree-indent, 1.25em)); }
      .toggle {
        flex: none;
        width: 1.25em;
        text-align: center;
        cursor: pointer;
      }
      [aria-expanded='false'] > .toggle::before {
        content: '▸';
      }
      [aria-expanded='true'] > .toggle::before {
        content: '▾';
      }
      .name {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      mark {
        background: var(--gualian-match-background, #fff1a8);
        color: inherit;
      }
      .current-match .name {
        text-decoration: underline;
        text-decoration-thickness: 2px;
        text-underline-offset: 0.2em;
      }
      .code,
      .note {
        color: var(--gualian-muted-color, #59636e);
        font-variant-numeric: tabular-nums;
      }
      .badge {
        border-radius: 0.75em;
        padding: 0 0.5em;
        color: var(--gualian-badge-info-color, #0550ae);
        background: var(--gualian-badge-info-background, #ddf4ff);
      }
      .badge.ok {
        color: var(--gualian-badge-ok-color, #116329);
        background: var(--gualian-badge-ok-background, #dafbe1);
      }
      .badge.warn {
        color: var(--gualian-badge-warn-color, #6f4400);
        background: var(--gualian-badge-warn-background, #fff1c2);
      }
      .badge.bad {
        color: var(--gualian-badge-bad-color, #a0111f);
        background: var(--gualian-badge-bad-background, #ffebe9);
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    root: {},
    expandDepth: { type: Number, attribute: 'expand-depth' },
    selected: {},
    badges: { attribute: false },
  };

  /** Show only this division's subtree. */
  declare root: string | null;

  /** How many levels start expanded, counted from the top rows. */
  declare expandDepth: number;

  /** The code of the selected division. */
  declare selected: string | null;

  /** Gives each division's badge, or `null` for none. */
  declare badges: TreeBadges | null;

  #query = '';
  /** Index in #matches of the match the search is on. */
  #currentMatch = -1;

  /** Expansion the user (or the search) chose, by code: row positions shift when a chunk merges in. */
  readonly #open = new Map<string, boolean>();
  /** Nodes the current search opened, closed again by the next search. */
  readonly #searchOpened = new Set<string>();
  #rows: Int32Array = new Int32Array(0);
  #items: number[] = asArray(this.#rows);
  #top = -1;
  #topLevel = 0;
  #builtFor: Hierarchy | null = null;
  #stale = true;
  #active: string | null = null;
  #matches: string[] = [];
  /** The characters matched in each match's name, [start, end), by code. */
  #matchedChars = new Map<string, readonly [number, number]>();
  /** Some matches were found through pinyin. */
  #byPinyin = false;
  readonly #pinyin = new PinyinSearch(this, () => this.#runSearch());
  #siblings = new Map<number, number[]>();
  #rowHeight = 36;

  constructor() {
    super();
    this.root = null;
    this.expandDepth = 0;
    this.selected = null;
    this.badges = null;
  }

  /** The number of rows the tree shows (expanded rows included, on screen or not). */
  get rowCount(): number {
    return this.#rows.length;
  }

  /**
   * Expand the ancestors of a division (fetching chunks as needed), make it the current row and
   * scroll it into view.
   * @example
   * await tree.reveal('530627');
   */
  async reveal(code: string): Promise<void> {
    let h = this.divisions.hierarchy;
    if (h !== null && !h.has(code) && this.divisions.isPending(code)) {
      await this.divisions.ensure(code);
      await this.updateComplete;
      h = this.divisions.hierarchy;
    }
    const row = h?.indexOf(code) ?? -1;
    if (h === null || row < 0) return;
    this.#openAncestors(h, row, false);
    this.#active = code;
    this.#stale = true;
    this.requestUpdate();
    await this.updateComplete;
    await this.#scrollTo(visibleIndex(this.#rows, row), 'center');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.divisions.hierarchy !== this.#builtFor || changed.has('root') || changed.has('expandDepth') || this.#stale) this.#rebuild();
  }

  override render(): TemplateResult {
    const status = this.renderStatus();
    if (status !== null) return status;
    const h = this.divisions.hierarchy!;
    this.#siblings.clear();
    const rootName = this.root !== null && this.#top >= 0 ? h.nameAt(this.#top) : null;
    return html`
      ${this.#renderSearch()}
      <div
        id="tree"
        class="tree"
        part="tree"
        role="tree"
        aria-label=${rootName ?? this.t('ui.tree')}
        aria-busy=${this.#rows.length === 0 && this.root !== null ? 'true' : 'false'}
        @keydown=${this.#onKey}
        @click=${this.#onClick}
        @dblclick=${this.#onDoubleClick}
        @focus=${this.#onTreeFocus}
        @focusin=${this.#onFocusIn}
        @rangeChanged=${this.#syncTabStop}
      >
        ${virtualize({ items: this.#items, keyFunction: (row: number) => row, renderItem: (row: number, index: number) => this.#renderRow(h, row, index), scroller: true, layout: this.#layout() })}
      </div>
      <div class="probe" aria-hidden="true"></div>
      ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
    `;
  }

  #renderSearch(): TemplateResult {
    const q = this.#query.trim();
    const note = this.#pinyin.note(q);
    let status = '';
    if (note === 'ui.pinyin.loading') status = this.t(note);
    else if (q !== '') {
      status = this.#matches.length === 0 ? this.t('ui.noMatch') : this.t(this.#byPinyin ? 'ui.pinyin.matchOf' : 'ui.matchOf', { index: this.#currentMatch + 1, count: this.#matches.length });
      if (note !== null) status = `${status} · ${this.t(note)}`;
    }
    const partial = q !== '' && this.divisions.hasPendingWithin(this.root);
    return html`<div class="search" part="search">
      <label for="search">${this.t('ui.search')}</label>
      <input id="search" type="search" part="search-input" autocomplete="off" aria-controls="tree" .value=${live(this.#query)} @input=${this.#onSearchInput} @keydown=${this.#onSearchKey} />
      <span class="status" role="status">${status}</span>
      ${partial ? html`<button type="button" part="load-all" @click=${this.#loadAll}>${this.t('ui.loadAll')}</button>` : nothing}
    </div>`;
  }

  #renderRow(h: Hierarchy, row: number, index: number): TemplateResult {
    const code = h.codeAt(row);
    const hasChildren = this.#hasChildren(h, row);
    const open = hasChildren && this.#isOpen(h, row);
    const loading = open && h.subtreeEnd(row) === row + 1 && this.divisions.isLoading(code);
    const siblings = this.#siblingsOf(h, row);
    const selected = code === this.selected;
    const match = this.#matchedChars.has(code);
    const current = match && this.#matches[this.#currentMatch] === code;
    const badge = this.badges?.(h.at(row)) ?? null;
    const parts = ['row', selected ? 'selected' : '', match ? 'match' : '', current ? 'current-match' : ''].filter(Boolean).join(' ');
    return html`<div
      role="treeitem"
      part=${parts}
      class=${current ? 'current-match' : ''}
      data-index=${index}
      aria-level=${h.levelAt(row) - this.#topLevel + 1}
      aria-setsize=${siblings.length}
      aria-posinset=${siblings.indexOf(row) + 1}
      aria-expanded=${hasChildren ? (open ? 'true' : 'false') : nothing}
      aria-selected=${selected ? 'true' : 'false'}
      aria-busy=${loading ? 'true' : nothing}
      tabindex=${code === this.#active ? '0' : '-1'}
    >
      <span class="toggle" part="toggle" aria-hidden="true"></span>
      <span class="name" part="name">${match ? this.#highlight(h.nameAt(row), this.#matchedChars.get(code)!) : h.nameAt(row)}</span>
      <span class="code" part="code">${code}</span>
      ${loading ? html`<span class="note">${this.t('ui.loading')}</span>` : nothing}
      ${badge ? html`<span class=${`badge ${badge.tone ?? 'info'}`} part=${`badge badge-${badge.tone ?? 'info'}`}>${badge.label}</span>` : nothing}
    </div>`;
  }

  #highlight(name: string, [start, end]: readonly [number, number]): TemplateResult {
    return html`${name.slice(0, start)}<mark part="mark">${name.slice(start, end)}</mark>${name.slice(end)}`;
  }

  #rebuild(): void {
    const h = this.divisions.hierarchy;
    this.#builtFor = h;
    this.#stale = false;
    let rows: Int32Array = new Int32Array(0);
    if (h !== null) {
      this.#top = this.root === null ? -1 : h.indexOf(this.root);
      if (this.root !== null && this.#top < 0) {
        if (this.divisions.isPending(this.root)) void this.divisions.ensure(this.root);
      } else {
        this.#topLevel = this.#top < 0 ? 0 : h.levelAt(this.#top);
        const unloaded: string[] = [];
        rows = visibleRows(h, this.#top, (i) => {
          if (h.subtreeEnd(i) > i + 1) return this.#isOpen(h, i);
          // A leaf as loaded: open or not, the next visible row is the next row. Only an open
          // node whose chunk is still to come needs anything (its fetch); villages never do.
          if (h.levelAt(i) < 4 && this.#isOpen(h, i) && this.#hasChildren(h, i)) unloaded.push(h.codeAt(i));
          return false;
        });
        for (const code of unloaded) void this.divisions.ensure(code);
      }
    }
    this.#rows = rows;
    this.#items = asArray(rows);
    this.#keepActiveVisible(h);
  }

  /** After a collapse, the current row moves up to its nearest visible ancestor. */
  #keepActiveVisible(h: Hierarchy | null): void {
    if (h === null || this.#rows.length === 0) return;
    let row = this.#active === null ? -1 : h.indexOf(this.#active);
    while (row >= 0 && visibleIndex(this.#rows, row) < 0) row = h.parentIndex(row);
    this.#active = h.codeAt(row >= 0 ? row : this.#rows[0]!);
  }

  #isOpen(h: Hierarchy, row: number): boolean {
    const chosen = this.#open.size === 0 ? undefined : this.#open.get(h.codeAt(row));
    if (chosen !== undefined) return chosen;
    return row === this.#top || h.levelAt(row) - this.#topLevel < this.expandDepth;
  }

  #hasChildren(h: Hierarchy, row: number): boolean {
    // Villages are the deepest level a division pack chunks, so a loaded village has all it has.
    return h.subtreeEnd(row) > row + 1 || (h.levelAt(row) < 4 && this.divisions.isPending(h.codeAt(row)));
  }

  #siblingsOf(h: Hierarchy, row: number): number[] {
    if (row === this.#top) return [row];
    const parent = h.parentIndex(row);
    let list = this.#siblings.get(parent);
    if (list === undefined) {
      list = h.childIndices(parent);
      this.#siblings.set(parent, list);
    }
    return list;
  }

  #openAncestors(h: Hierarchy, row: number, bySearch: boolean): void {
    for (let p = h.parentIndex(row); p >= 0 && (this.#top < 0 || p >= this.#top); p = h.parentIndex(p)) {
      if (this.#isOpen(h, p)) continue;
      const code = h.codeAt(p);
      this.#open.set(code, true);
      if (bySearch) this.#searchOpened.add(code);
    }
  }

  #toggle(h: Hierarchy, row: number, open: boolean): void {
    if (!this.#hasChildren(h, row) || this.#isOpen(h, row) === open) return;
    const code = h.codeAt(row);
    this.#open.set(code, open);
    this.#searchOpened.delete(code);
    this.#stale = true;
    this.requestUpdate();
    const event = new GualianToggleEvent(code, open);
    this.dispatchEvent(event);
  }

  #select(h: Hierarchy, row: number): void {
    this.selected = h.codeAt(row);
    const event = new GualianSelectEvent(h.codeAt(row), h.at(row));
    this.dispatchEvent(event);
  }

  #rowOf(e: Event): { index: number; row: number; element: HTMLElement } | null {
    for (const target of e.composedPath()) {
      if (target instanceof HTMLElement && target.dataset['index'] !== undefined) {
        const index = Number(target.dataset['index']);
        const row = this.#rows[index];
        return row === undefined ? null : { index, row, element: target };
      }
      if (target === e.currentTarget) break;
    }
    return null;
  }

  #onClick(e: MouseEvent): void {
    const h = this.divisions.hierarchy;
    const hit = this.#rowOf(e);
    if (h === null || hit === null) return;
    this.#active = h.codeAt(hit.row);
    if ((e.target as Element).classList?.contains('toggle')) this.#toggle(h, hit.row, !this.#isOpen(h, hit.row));
    else this.#select(h, hit.row);
    hit.element.focus();
  }

  #onDoubleClick(e: MouseEvent): void {
    const h = this.divisions.hierarchy;
    const hit = this.#rowOf(e);
    if (h === null || hit === null || (e.target as Element).classList?.contains('toggle')) return;
    this.#toggle(h, hit.row, !this.#isOpen(h, hit.row));
  }

  #onKey(e: KeyboardEvent): void {
    const h = this.divisions.hierarchy;
    const hit = this.#rowOf(e);
    if (h === null || hit === null) return;
    const { index, row } = hit;
    const open = this.#hasChildren(h, row) && this.#isOpen(h, row);
    switch (e.key) {
      case 'ArrowDown':
        void this.#moveTo(Math.min(index + 1, this.#rows.length - 1));
        break;
      case 'ArrowUp':
        void this.#moveTo(Math.max(index - 1, 0));
        break;
      case 'Home':
        void this.#moveTo(0);
        break;
      case 'End':
        void this.#moveTo(this.#rows.length - 1);
        break;
      case 'ArrowRight':
        if (!this.#hasChildren(h, row)) break;
        if (!open) this.#toggle(h, row, true);
        else if (this.#rows[index + 1] !== undefined && h.parentIndex(this.#rows[index + 1]!) === row) void this.#moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (open) this.#toggle(h, row, false);
        else if (row !== this.#top && h.parentIndex(row) >= 0) {
          const parent = visibleIndex(this.#rows, h.parentIndex(row));
          if (parent >= 0) void this.#moveTo(parent);
        }
        break;
      case 'Enter':
      case ' ':
        this.#select(h, row);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  #onFocusIn(e: FocusEvent): void {
    const h = this.divisions.hierarchy;
    const hit = this.#rowOf(e);
    if (h === null || hit === null) return;
    const code = h.codeAt(hit.row);
    if (code !== this.#active) {
      this.#active = code;
      this.requestUpdate();
    }
  }

  #onTreeFocus(e: FocusEvent): void {
    // Tab reached the tree while the current row is scrolled out of the DOM: bring it back.
    if (e.target !== e.currentTarget || this.#active === null) return;
    const h = this.divisions.hierarchy;
    const index = h === null ? -1 : visibleIndex(this.#rows, h.indexOf(this.#active));
    if (index >= 0) void this.#moveTo(index);
  }

  #layout(): { type: typeof RowLayout; rowHeight: number } {
    return { type: RowLayout, rowHeight: this.#rowHeight };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncTabStop();
    // Rows are as tall as the probe (the stylesheet gives both the same height), which
    // depends on the text size: measure it rather than repeat the CSS arithmetic here.
    const probe = this.renderRoot.querySelector('.probe');
    const height = probe === null ? 0 : probe.getBoundingClientRect().height;
    if (height > 0 && height !== this.#rowHeight) {
      this.#rowHeight = height;
      this.requestUpdate();
    }
  }

  /**
   * One tab stop: the current row when it is in the DOM, else the tree itself (which hands
   * focus on to the row). Runs after every render, the virtualizer's included.
   */
  #syncTabStop(): void {
    const tree = this.renderRoot.querySelector<HTMLElement>('#tree');
    if (tree === null) return;
    const current = this.renderRoot.querySelector('[role="treeitem"][tabindex="0"]');
    tree.tabIndex = current === null ? 0 : -1;
  }

  async #moveTo(index: number): Promise<void> {
    const row = this.#rows[index];
    const h = this.divisions.hierarchy;
    if (row === undefined || h === null) return;
    this.#active = h.codeAt(row);
    this.requestUpdate();
    await this.updateComplete;
    const element = await this.#scrollTo(index);
    element?.focus();
  }

  /** Brings row `index` into the DOM and into view; returns its element once rendered. */
  async #scrollTo(index: number, block: ScrollLogicalPosition = 'nearest'): Promise<HTMLElement | null> {
    if (index < 0) return null;
    let asked = false;
    // The virtualizer takes new rows a few microtasks after a render and draws a new range over
    // a frame or two; give up after a second's worth of frames rather than hang.
    for (let frame = 0; frame < 60; frame++) {
      const element = this.#rowElement(index);
      if (element !== null) {
        element.scrollIntoView({ block });
        return element;
      }
      const target = asked ? undefined : this.#virtualizer()?.element(index);
      if (target !== undefined) {
        target.scrollIntoView({ block });
        asked = true;
      }
      await new Promise(requestAnimationFrame);
    }
    return null;
  }

  #rowElement(index: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[role='treeitem'][data-index='${index}']`);
  }

  #virtualizer(): VirtualizerHandle | undefined {
    const host = this.renderRoot.querySelector('#tree') as (Element & { [virtualizerRef]?: VirtualizerHandle }) | null;
    return host?.[virtualizerRef];
  }

  #onSearchInput(e: Event): void {
    this.#query = (e.target as HTMLInputElement).value;
    this.#runSearch();
  }

  #runSearch(): void {
    const h = this.divisions.hierarchy;
    for (const code of this.#searchOpened) if (this.#open.get(code) === true) this.#open.delete(code);
    this.#searchOpened.clear();
    this.#matches = [];
    this.#matchedChars = new Map();
    this.#byPinyin = false;
    this.#currentMatch = -1;
    this.#stale = true;
    const q = this.#query.trim();
    if (h !== null && q !== '') {
      const scope = this.root !== null && h.has(this.root) ? this.root : undefined;
      // The best matches are kept; they are walked in tree order.
      const hits = this.#pinyin.search(h, q, { scope, limit: MATCH_LIMIT }).sort((a, b) => a.row - b.row);
      for (const hit of hits) {
        this.#openAncestors(h, hit.row, true);
        this.#matchedChars.set(h.codeAt(hit.row), [hit.start, hit.end]);
      }
      this.#matches = hits.map((hit) => h.codeAt(hit.row));
      this.#byPinyin = hits.some((hit) => hit.byPinyin);
      if (hits.length > 0) this.#goToMatch(0);
    }
    this.requestUpdate();
  }

  #goToMatch(k: number): void {
    this.#currentMatch = k;
    this.#active = this.#matches[k]!;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const h = this.divisions.hierarchy;
      if (h !== null && this.#active !== null) void this.#scrollTo(visibleIndex(this.#rows, h.indexOf(this.#active)), 'center');
    });
  }

  #onSearchKey(e: KeyboardEvent): void {
    const n = this.#matches.length;
    if (e.key !== 'Enter' || n === 0) return;
    e.preventDefault();
    this.#goToMatch((this.#currentMatch + (e.shiftKey ? n - 1 : 1)) % n);
  }

  async #loadAll(): Promise<void> {
    await this.divisions.ensureAll();
    await this.updateComplete;
    this.#runSearch();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-hierarchy-tree': GualianHierarchyTree;
  }
}
