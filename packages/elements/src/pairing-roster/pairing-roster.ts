import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { describeError, type Division, type Hierarchy, type Lang } from '@gualian/core';
import {
  checkPairing,
  describeViolation,
  pairingPolicySchema,
  Roster,
  type Cadre,
  type CoverageReport,
  type Pairing,
  type PairingPolicy,
  type PairingPolicyInput,
  type Violation,
} from '@gualian/core/pairing';
import type { PlanResult, Shortage } from '@gualian/core/planner';
import { GualianElement } from '../base/gualian-element.js';
import { GualianSelectEvent } from '../base/events.js';
import { GualianPairingsChangeEvent, type PairingsChangeCause } from './events.js';
import { findCadres, indexRoster, shortCode, unitSpread, within, type RosterIndex } from './roster-index.js';
import { rosterStyles } from './styles.js';
import { tonePalette } from '../base/styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** The levels the roster edits. */
type ScopeLevel = 'county' | 'township' | 'village';

/** How many cadres the add list shows at once: more are reached by typing more. */
const ADD_LIMIT = 20;
/** How many violations are listed before the rest are counted. */
const PROBLEM_LIMIT = 100;

/**
 * The violations about who is paired with what. The roster is checked without visits (they are
 * not this widget's input), so the visit rules would flag every pairing; those belong to the
 * coverage board.
 */
const STRUCTURAL = /^(village|county|township|cadre|lead|pairing)\./;

/** Everything drawn for one scope, worked out once per change of data. */
interface Model {
  h: Hierarchy;
  scope: Division;
  level: ScopeLevel;
  /** The county holding the scope (the scope itself for a county): the planner's scope. */
  county: Division;
  policy: PairingPolicy;
  year: number;
  /** The arrays the model was made from; positions in `index` point into `pairings`. */
  cadres: readonly Cadre[];
  pairings: readonly Pairing[];
  index: RosterIndex;
  /** The core's check of the scope. */
  report: CoverageReport;
  /** The structural violations of the scope, then those elsewhere in the county naming its cadres. */
  violations: Violation[];
}

/** The planner's proposal, cut to the scope it was asked for. */
interface Proposal {
  scope: string;
  county: Division;
  plan: PlanResult;
  /** Proposed pairings within the scope: what "accept" adds. */
  changes: Pairing[];
  /** Proposed pairings elsewhere in the county, not shown and not applied. */
  outside: number;
}

const LEVEL_OF: Record<number, ScopeLevel> = { 2: 'county', 3: 'township', 4: 'village' };

/**
 * See and edit who is paired with a division (包掛聯), with the policy checked live: for a
 * village, its paired cadres (name, unit, rank, id) with remove buttons and a searchable list to
 * add one; for a township or county, its lead (包乡 / 包县) with a control to change it and its
 * villages or townships with their paired-cadre counts, each of which can be opened.
 *
 * After every change the core's `checkPairing` runs over the scope (without visits: the visit
 * rules are the coverage board's) and the widget shows the scope's status and violations as
 * text, then fires `gualian-pairings-change` with a new array of pairings (the one it was given
 * is never modified). "Propose" runs the core's planner over the county holding the scope, with
 * the current pairings fixed, and lists what it would add within the scope, its cost by
 * distance tier, or why the roster falls short; "accept all" adds the listed pairings. The
 * planner is given the county's own cadres (living or paired there) and those anchored nowhere,
 * so that planning one county does not pull free cadres away from another.
 *
 * Removing a cadre deletes that pairing record; to keep history, end a pairing instead (set
 * its `to`) in the host and hand the widget the new list.
 *
 * Keys: in the add box, ↓/↑ move through the cadres, Enter adds the highlighted one, Escape
 * closes the list. Everything else is buttons, selects and tables in tab order.
 *
 * @tag gualian-pairing-roster
 * @summary See and edit the cadres paired with a village, township or county, with the policy checked live and the planner's proposal.
 *
 * @attr {string} scope - The division shown: a county, township or village code. The user changes it by opening a township or village, or through the path.
 * @attr {number} year - The year whose pairings are shown and checked (default: this year, kept within the policy's campaign).
 * @prop {Cadre[]} cadres - The cadres (core `Cadre` records): those who can be paired, and the names of those who are.
 * @prop {Pairing[]} pairings - The pairings (core `Pairing` records): village pairings and county and township leads. Never modified; edits come as new arrays in `gualian-pairings-change`.
 * @prop {PairingPolicyInput | null} policy - The pairing policy; missing fields take Zhaotong's values (3 cadres per village, one village per cadre, 厅级 lead a county, 处级 a township).
 *
 * @fires {GualianPairingsChangeEvent} gualian-pairings-change - The user added or removed a cadre, changed a lead or accepted a proposal; `pairings` (the new array), `added`, `removed`, `cause`.
 * @fires {GualianSelectEvent} gualian-select - The user opened a division (a township or village of the list, or a step of the path); `code` and `division`.
 *
 * @csspart roster - The whole widget.
 * @csspart path - The path from the province down to the scope (a nav).
 * @csspart crumb - A button of the path that opens a county or township.
 * @csspart title - The scope and the year.
 * @csspart summary - The status line (`summary summary-ok` or `summary summary-bad`), a live region.
 * @csspart cadres - The table of a village's cadres.
 * @csspart units - The line counting a village's cadres by unit.
 * @csspart remove - A cadre's remove button.
 * @csspart add - The add-cadre box: label, input, hint and list.
 * @csspart add-input - The add-cadre input (an ARIA combobox).
 * @csspart add-list - The list of cadres to add (an ARIA listbox).
 * @csspart add-option - One cadre in that list.
 * @csspart lead - The lead of a township or county, and the control to change it.
 * @csspart lead-select - The select of the new lead.
 * @csspart lead-apply - The button that applies the new lead.
 * @csspart divisions - The table of a township's villages or a county's townships.
 * @csspart needing - The list of a county's villages short of cadres.
 * @csspart open - A button that opens a township or village.
 * @csspart problems - The violations section.
 * @csspart problem - One violation; also `problem-error` or `problem-warning`.
 * @csspart propose - The button that asks the planner.
 * @csspart plan - The planner's proposal.
 * @csspart shortage - One reason the roster falls short.
 * @csspart accept - The button that accepts the proposal.
 * @csspart reject - The button that rejects it.
 * @csspart notice - A message about the scope (not a county, township or village; not in the data) or the policy.
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-rule-color=#d0d7de] - Table rules and the proposal's border.
 * @cssprop [--gualian-mono-font-family=ui-monospace, …] - Font of cadre ids and codes.
 * @cssprop [--gualian-result-active-background=#d3e3fd] - Background of the highlighted cadre in the add list.
 * @cssprop [--gualian-button-primary-color=#ffffff] - Text of the primary buttons (propose, accept), on the accent colour.
 * @cssprop [--gualian-badge-ok-color=#116329] - Text of good statuses (and `-background`, default #dafbe1); likewise `warn` and `bad`.
 *
 * @example
 * <gualian-pairing-roster src="/data/2023/5306.json" scope="530627110204" year="2024"></gualian-pairing-roster>
 * <script type="module">
 *   const roster = document.querySelector('gualian-pairing-roster');
 *   roster.cadres = await (await fetch('/api/cadres')).json();
 *   roster.pairings = await (await fetch('/api/pairings')).json();
 *   roster.addEventListener('gualian-pairings-change', (e) => {
 *     roster.pairings = e.pairings; // already done by the widget; a host may also save them
 *   });
 * </script>
 */
export class GualianPairingRoster extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, rosterStyles];

  static override properties: PropertyDeclarations = {
    scope: { reflect: true },
    year: { type: Number, reflect: true },
    cadres: { attribute: false },
    pairings: { attribute: false },
    policy: { attribute: false },
  };

  /** The division shown (a county, township or village code). */
  declare scope: string | null;

  /** The year whose pairings are shown and checked; `null` for this year (within the campaign). */
  declare year: number | null;

  /** The cadres. */
  declare cadres: Cadre[];

  /** The pairings; never modified by the widget. */
  declare pairings: Pairing[];

  /** The pairing policy (Zhaotong's when `null`). */
  declare policy: PairingPolicyInput | null;

  #model: Model | null = null;
  /** Why there is no model: the scope, the policy or the data is unusable (shown as text, translated when drawn). */
  #problem: { key: MessageKey; values: Record<string, string | number> } | null = null;
  /** What the model was computed from, to recompute only when one of them changed. */
  #inputs: unknown[] = [];

  #query = '';
  #listOpen = false;
  #active = 0;
  #hits: Cadre[] = [];
  #hitTotal = 0;

  #proposal: Proposal | null = null;
  #planError: string | null = null;
  /** The last thing the user did, said in the live region. */
  #announcement = '';
  /** A selector to focus after the next render. */
  #focusNext: string | null = null;

  constructor() {
    super();
    this.scope = null;
    this.year = null;
    this.cadres = [];
    this.pairings = [];
    this.policy = null;
  }

  /**
   * The core's check of the scope as last computed, or `null` before there is data. The roster
   * is checked without visits, so its visit figures mean nothing here.
   * @example
   * roster.report?.totals.villagesShort;
   */
  get report(): CoverageReport | null {
    return this.#model?.report ?? null;
  }

  /**
   * The violations the widget shows: structural violations of the scope, then those elsewhere
   * in its county that name one of its cadres.
   * @example
   * roster.violations.map((v) => v.code); // ['village.short']
   */
  get violations(): readonly Violation[] {
    return this.#model?.violations ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#fresh();
  }

  /**
   * The model of the current inputs, rebuilt if one of them changed since it was made (also
   * between renders, so that two quick edits never work on positions of an older array).
   */
  #fresh(): Model | null {
    const h = this.divisions.hierarchy;
    const inputs = [h, this.scope, this.year, this.cadres, this.pairings, this.policy];
    if (inputs.some((v, i) => v !== this.#inputs[i])) {
      const scopeChanged = this.#inputs[1] !== this.scope || this.#inputs.length === 0;
      this.#inputs = inputs;
      this.#rebuild(h);
      // A proposal answers the data it was made from; any change makes it stale.
      this.#proposal = null;
      this.#planError = null;
      if (scopeChanged) this.#closeList(true);
      else this.#search();
    }
    return this.#model;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusNext !== null) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
      this.#focusNext = null;
      target?.focus();
    }
  }

  #rebuild(h: Hierarchy | null): void {
    this.#model = null;
    this.#problem = null;
    if (h === null || this.scope === null || this.scope === '') return;
    const code = shortCode(this.scope);
    if (!h.has(code)) {
      if (this.divisions.isPending(code)) void this.divisions.ensure(code);
      else this.#problem = { key: 'ui.roster.unknownScope', values: { code: this.scope } };
      return;
    }
    const row = h.indexOf(code);
    const level = LEVEL_OF[h.levelAt(row)];
    if (level === undefined) {
      this.#problem = { key: 'ui.roster.wrongLevel', values: { place: h.nameAt(row) } };
      return;
    }
    let policy: PairingPolicy;
    try {
      policy = pairingPolicySchema.parse(this.policy ?? {});
    } catch (e) {
      this.#problem = { key: 'ui.roster.badPolicy', values: { reason: reasonOf(e, this.i18n.lang) } };
      return;
    }
    const path = h.pathOf(code);
    const county = path.find((d) => d.level === 'county') ?? path[path.length - 1]!;
    const cadres = this.cadres ?? [];
    const pairings = this.pairings ?? [];
    const year = this.year !== null && this.year !== undefined && Number.isInteger(this.year) ? this.year : clampYear(policy);
    const index = indexRoster(cadres, pairings, year, policy);
    let report: CoverageReport;
    const violations: Violation[] = [];
    try {
      const roster = Roster.from(h, { cadres, pairings });
      const options = { year, policy, findings: false } as const;
      report = checkPairing(roster, { ...options, scope: code });
      violations.push(...report.violations.filter((v) => STRUCTURAL.test(v.code)));
      if (county.code !== code) {
        // A cadre's own violations (two villages, two leads) count where the cadre is attributed,
        // which may be another village of the county: bring back those naming this scope's cadres.
        const mine = new Set<string>();
        for (const [at, seats] of [...index.seats, ...index.leads]) if (within(at, code)) for (const i of seats) mine.add(pairings[i]!.cadreId);
        const wide = checkPairing(roster, { ...options, scope: county.code });
        for (const v of wide.violations) {
          if (STRUCTURAL.test(v.code) && !within(v.divisions[0] ?? '', code) && v.cadres.some((c) => mine.has(c))) violations.push(v);
        }
      }
    } catch (e) {
      // Records the schemas would reject (a date that is no date) can break the check: say so.
      this.#problem = { key: 'ui.roster.checkFailed', values: { reason: reasonOf(e, this.i18n.lang) } };
      return;
    }
    this.#model = { h, scope: h.at(row), level, county, policy, year, cadres, pairings, index, report, violations };
  }

  override render(): TemplateResult {
    const status = this.renderStatus();
    if (status !== null) return status;
    const m = this.#model;
    if (m === null) {
      if (this.#problem !== null) return html`<div class="roster" part="roster"><p class="notice warn" part="notice" role="alert">${this.t(this.#problem.key, this.#problem.values)}</p></div>`;
      if (this.scope && this.divisions.isPending(shortCode(this.scope))) return html`<p class="status" part="status" role="status">${this.t('ui.loading')}</p>`;
      return html`<div class="roster" part="roster"><p class="notice" part="notice">${this.t('ui.roster.noScope')}</p></div>`;
    }
    return html`<div class="roster" part="roster">
      ${this.#renderPath(m)}
      <p class="title" part="title" id="title" tabindex="-1">${this.t('ui.roster.title', { place: m.scope.name, year: m.year })}</p>
      ${this.#renderSummary(m)}
      ${m.level === 'village' ? this.#renderVillage(m) : this.#renderUnit(m)}
      ${this.#renderProblems(m)} ${this.#renderPlan(m)}
      <p class="visually-hidden" role="status">${this.#announcement}</p>
      ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
    </div>`;
  }

  // ── Path, title and status ─────────────────────────────────────────────────────────────

  #renderPath(m: Model): TemplateResult {
    const path = m.h.pathOf(m.scope.code);
    return html`<nav class="path" part="path" aria-label=${this.t('ui.roster.path', { place: m.scope.name })}>
      <ol>
        ${path.map((d) => {
          if (d.code === m.scope.code) return html`<li aria-current="location">${d.name}</li>`;
          // Only counties and townships can be opened: above a county there is nothing to edit.
          if (d.level === 'county' || d.level === 'township') return html`<li><button type="button" part="crumb" @click=${() => this.#open(d.code)}>${d.name}</button></li>`;
          return html`<li>${d.name}</li>`;
        })}
      </ol>
    </nav>`;
  }

  #renderSummary(m: Model): TemplateResult {
    const t = m.report.totals;
    let text: string;
    let ok: boolean;
    if (m.level === 'village') {
      ok = t.villagesCovered === t.villages && t.villages > 0;
      const values = { count: t.villagePairings, required: m.policy.minCadresPerVillage };
      text = this.t(ok ? 'ui.roster.villageOk' : 'ui.roster.villageShort', values);
    } else {
      const leads = m.index.leads.get(m.scope.code) ?? [];
      const led = leads.length > 0;
      const mustLead = m.level === 'county' ? m.policy.everyCountyLed : m.policy.everyTownshipLed;
      ok = t.villagesCovered === t.villages && (led || !mustLead);
      text = this.t(led || !mustLead ? 'ui.roster.unitStatus' : 'ui.roster.unitStatusUnled', {
        role: this.#leadRole(m.level),
        villages: this.#n(t.villages),
        covered: this.#n(t.villagesCovered),
        short: this.#n(t.villagesShort),
        uncovered: this.#n(t.villagesUncovered),
        required: m.policy.minCadresPerVillage,
      });
    }
    return html`<p class="summary ${ok ? 'ok' : 'bad'}" part=${`summary summary-${ok ? 'ok' : 'bad'}`} role="status">${text}</p>`;
  }

  // ── A village: its cadres, their units, and adding one ─────────────────────────────────

  #renderVillage(m: Model): TemplateResult {
    const seats = m.index.seats.get(m.scope.code) ?? [];
    const known = seats.map((i) => m.index.cadreById.get(m.pairings[i]!.cadreId)).filter((c): c is Cadre => c !== undefined);
    const spread = unitSpread(known);
    return html`
      <div class="table-wrap">
        <table part="cadres">
          <caption>${this.t('ui.roster.cadres', { count: seats.length })}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('ui.roster.col.name')}</th>
              <th scope="col">${this.t('ui.roster.col.unit')}</th>
              <th scope="col">${this.t('ui.roster.col.rank')}</th>
              <th scope="col">${this.t('ui.roster.col.id')}</th>
              <th scope="col"><span class="visually-hidden">${this.t('ui.roster.col.action')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${seats.length === 0
              ? html`<tr><td colspan="5" class="muted">${this.t('ui.roster.noCadres')}</td></tr>`
              : seats.map((i, k) => {
                  const p = m.pairings[i]!;
                  const c = m.index.cadreById.get(p.cadreId);
                  const name = c?.name ?? this.t('ui.roster.unknownCadre');
                  return html`<tr>
                    <th scope="row">${name}</th>
                    <td>${c?.unit ?? ''}</td>
                    <td>${c ? this.t(`rank.${c.rank}`) : ''}</td>
                    <td><code>${p.cadreId}</code></td>
                    <td>
                      <button type="button" part="remove" data-seat=${k} aria-label=${this.t('ui.roster.removeLabel', { name, id: p.cadreId })} @click=${() => this.#remove(i, k)}>
                        ${this.t('ui.roster.remove')}
                      </button>
                    </td>
                  </tr>`;
                })}
          </tbody>
        </table>
      </div>
      ${spread.length > 0 ? html`<p part="units">${this.t('ui.roster.units', { list: spread.map(([unit, count]) => this.t('ui.roster.unitCount', { unit, count })).join(this.#sep()) })}</p>` : nothing}
      ${this.#renderAdd(m)}
    `;
  }

  #renderAdd(m: Model): TemplateResult {
    const open = this.#listOpen && this.#hits.length > 0;
    let count = '';
    if (this.#listOpen) {
      if (this.#hitTotal === 0) count = this.t('ui.roster.noMatch');
      else if (this.#hitTotal > this.#hits.length) count = this.t('ui.roster.matchesShown', { shown: this.#hits.length, count: this.#n(this.#hitTotal) });
      else count = this.t('ui.roster.matches', { count: this.#n(this.#hitTotal) });
    }
    return html`<div class="field" part="add" @focusout=${this.#onAddFocusOut}>
      <label for="add-input">${this.t('ui.roster.add')}</label>
      <input
        id="add-input"
        part="add-input"
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-controls="add-list"
        aria-expanded=${open ? 'true' : 'false'}
        aria-activedescendant=${open ? `add-option-${this.#active}` : nothing}
        aria-describedby="add-hint"
        .value=${live(this.#query)}
        @input=${this.#onAddInput}
        @keydown=${this.#onAddKey}
      />
      <p class="hint" id="add-hint">${this.t('ui.roster.addHint')}</p>
      <ul id="add-list" role="listbox" part="add-list" aria-label=${this.t('ui.roster.addList')} ?hidden=${!open}>
        ${open ? this.#hits.map((c, k) => this.#renderOption(m, c, k)) : nothing}
      </ul>
      <p class="hint" role="status">${count}</p>
    </div>`;
  }

  #renderOption(m: Model, c: Cadre, k: number): TemplateResult {
    return html`<li
      id=${`add-option-${k}`}
      role="option"
      part="add-option"
      aria-selected=${k === this.#active ? 'true' : 'false'}
      @mousedown=${keepFocus}
      @click=${() => this.#add(c)}
    >
      <span class="opt-name">${c.name}</span>
      <span>${c.unit} · ${this.t(`rank.${c.rank}`)} · <code>${c.id}</code> · ${this.#cadreNow(m, c.id)}</span>
    </li>`;
  }

  /** Where a cadre is paired or what they lead this year, as text. */
  #cadreNow(m: Model, id: string): string {
    const places = [...(m.index.villagesOf.get(id) ?? []), ...(m.index.ledBy.get(id) ?? [])].map((code) => m.h.get(code)?.name ?? code);
    return places.length === 0 ? this.t('ui.roster.free') : this.t('ui.roster.pairedWith', { places: places.join(this.#sep()) });
  }

  // ── A township or county: its lead and its divisions ───────────────────────────────────

  #renderUnit(m: Model): TemplateResult {
    return html`${this.#renderLead(m)} ${m.level === 'township' ? this.#renderVillages(m) : this.#renderTownships(m)}`;
  }

  #renderLead(m: Model): TemplateResult {
    const role = this.#leadRole(m.level);
    const leads = (m.index.leads.get(m.scope.code) ?? []).map((i) => m.pairings[i]!);
    const leadText = (p: Pairing) => {
      const c = m.index.cadreById.get(p.cadreId);
      return c ? this.t('ui.roster.person', { name: c.name, unit: c.unit, rank: this.t(`rank.${c.rank}`), id: c.id }) : `${p.cadreId} ${this.t('ui.roster.unknownCadre')}`;
    };
    // The ranks that lead this level under the policy are the candidates; none, no control.
    const candidates = m.cadres.filter((c) => m.policy.leads[c.rank as 'prefectural' | 'divisional'] === m.level);
    const current = leads[0]?.cadreId ?? '';
    const order = (c: Cadre) => ((m.index.ledBy.get(c.id)?.length ?? 0) === 0 ? 0 : 1);
    candidates.sort((a, b) => order(a) - order(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return html`<div class="lead" part="lead">
      <p>
        ${leads.length === 0
          ? this.t('ui.roster.noLeadIs', { role })
          : this.t('ui.roster.leadIs', { role, name: leads.map(leadText).join(this.#sep()) })}
      </p>
      ${candidates.length === 0
        ? nothing
        : html`<div class="field">
            <label for="lead-select">${this.t('ui.roster.changeLead', { role })}</label>
            <select id="lead-select" part="lead-select">
              <option value="" .selected=${live(current === '')}>${this.t('ui.roster.nobody')}</option>
              ${candidates.map((c) => {
                const led = (m.index.ledBy.get(c.id) ?? []).filter((code) => code !== m.scope.code);
                const text = this.t('ui.roster.candidate', { name: c.name, unit: c.unit, id: c.id });
                const now = led.length === 0 ? '' : ` · ${this.t('ui.roster.leadsNow', { places: led.map((code) => m.h.get(code)?.name ?? code).join(this.#sep()) })}`;
                return html`<option value=${c.id} .selected=${live(c.id === current)}>${text}${now}</option>`;
              })}
            </select>
            <button type="button" part="lead-apply" @click=${this.#applyLead}>${this.t('ui.roster.applyLead')}</button>
          </div>`}
    </div>`;
  }

  #renderVillages(m: Model): TemplateResult {
    const status = villageStates(m.report.violations);
    const villages = m.h.childrenOf(m.scope.code);
    return html`<div class="table-wrap">
      <table part="divisions">
        <caption>${this.t('ui.roster.villagesOf', { place: m.scope.name })}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('ui.roster.col.village')}</th>
            <th scope="col" class="num">${this.t('ui.roster.col.count')}</th>
            <th scope="col">${this.t('ui.roster.col.unit')}</th>
            <th scope="col">${this.t('ui.roster.col.status')}</th>
            <th scope="col"><span class="visually-hidden">${this.t('ui.roster.col.action')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${villages.map((v) => {
            const seats = m.index.seats.get(v.code) ?? [];
            const known = seats.map((i) => m.index.cadreById.get(m.pairings[i]!.cadreId)).filter((c): c is Cadre => c !== undefined);
            const state = status.get(v.code);
            return html`<tr>
              <th scope="row">${v.name}</th>
              <td class="num">${known.length}</td>
              <td>${unitSpread(known).map(([u, n]) => (n > 1 ? `${u}×${n}` : u)).join(this.#sep())}</td>
              <td>${this.#stateTag(state)}</td>
              <td><button type="button" part="open" aria-label=${this.t('ui.roster.openLabel', { place: v.name })} @click=${() => this.#open(v.code)}>${this.t('ui.roster.open')}</button></td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  #renderTownships(m: Model): TemplateResult {
    const totals = new Map(m.report.divisions.map((d) => [d.code, d.totals]));
    const townships = m.h.childrenOf(m.scope.code);
    const needing = m.report.violations.filter((v) => v.code === 'village.short' || v.code === 'village.uncovered');
    const status = villageStates(needing);
    const role = this.#leadRole('township');
    return html`<div class="table-wrap">
        <table part="divisions">
          <caption>${this.t('ui.roster.townshipsOf', { place: m.scope.name })}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('ui.roster.col.township')}</th>
              <th scope="col">${role}</th>
              <th scope="col" class="num">${this.t('ui.roster.col.villages')}</th>
              <th scope="col" class="num">${this.t('ui.roster.col.covered')}</th>
              <th scope="col" class="num">${this.t('ui.roster.col.needing')}</th>
              <th scope="col"><span class="visually-hidden">${this.t('ui.roster.col.action')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${townships.map((d) => {
              const t = totals.get(d.code);
              const leads = (m.index.leads.get(d.code) ?? []).map((i) => m.index.cadreById.get(m.pairings[i]!.cadreId)?.name ?? m.pairings[i]!.cadreId);
              const needs = (t?.villagesShort ?? 0) + (t?.villagesUncovered ?? 0);
              return html`<tr>
                <th scope="row">${d.name}</th>
                <td>${leads.length === 0 ? html`<span class="tag bad">${this.t('ui.roster.noLead')}</span>` : leads.join(this.#sep())}</td>
                <td class="num">${this.#n(t?.villages ?? 0)}</td>
                <td class="num">${this.#n(t?.villagesCovered ?? 0)}</td>
                <td class="num">${needs === 0 ? '0' : html`<span class="tag bad">${this.#n(needs)}</span>`}</td>
                <td><button type="button" part="open" aria-label=${this.t('ui.roster.openLabel', { place: d.name })} @click=${() => this.#open(d.code)}>${this.t('ui.roster.open')}</button></td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <div role="group" part="needing" aria-labelledby="needing-h">
        <p class="section-title" id="needing-h">${this.t('ui.roster.needingOf', { place: m.scope.name })}</p>
        ${needing.length === 0
          ? html`<p class="muted">${this.t('ui.roster.noneNeeding')}</p>`
          : html`<ul class="plain">
              ${needing.map((v) => {
                const code = v.divisions[0]!;
                const path = m.h.has(code) ? m.h.pathOf(code).filter((d) => d.level === 'township' || d.level === 'village') : [];
                const name = path.map((d) => d.name).join(' / ') || code;
                return html`<li>
                  ${name} ${this.#stateTag(status.get(code))}
                  <button type="button" part="open" aria-label=${this.t('ui.roster.openLabel', { place: m.h.get(code)?.name ?? code })} @click=${() => this.#open(code)}>${this.t('ui.roster.open')}</button>
                </li>`;
              })}
            </ul>`}
      </div>`;
  }

  #stateTag(state: VillageState | undefined): TemplateResult {
    if (state === undefined) return html`<span class="tag ok">${this.t('ui.roster.ok')}</span>`;
    if (state.count === 0) return html`<span class="tag bad">${this.t('ui.roster.none')}</span>`;
    return html`<span class="tag warn">${this.t('ui.roster.missing', { count: state.required - state.count })}</span>`;
  }

  // ── Violations and the planner ─────────────────────────────────────────────────────────

  #renderProblems(m: Model): TemplateResult {
    const lang = this.resolvedLang;
    const names = (code: string) => m.h.get(code)?.name;
    const shown = m.violations.slice(0, PROBLEM_LIMIT);
    return html`<div role="group" class="problems" part="problems" aria-labelledby="problems-h">
      <p class="section-title" id="problems-h">${this.t('ui.roster.problems', { count: this.#n(m.violations.length) })}</p>
      ${m.violations.length === 0
        ? html`<p class="muted">${this.t('ui.roster.noProblems')}</p>`
        : html`<ul class="plain">
            ${shown.map((v) => html`<li class=${v.severity} part=${`problem problem-${v.severity}`}>${describeViolation(v, lang, names)}</li>`)}
          </ul>`}
      ${m.violations.length > shown.length ? html`<p class="muted">${this.t('ui.roster.moreProblems', { count: this.#n(m.violations.length - shown.length) })}</p>` : nothing}
    </div>`;
  }

  #renderPlan(m: Model): TemplateResult {
    const p = this.#proposal;
    return html`<div class="actions">
        <button type="button" class="primary" part="propose" id="propose" aria-busy=${this.#planning ? 'true' : 'false'} @click=${this.#propose}>${this.t('ui.roster.propose')}</button>
        <span class="hint">${this.#planning ? this.t('ui.loading') : this.t('ui.roster.proposeHint', { place: m.county.name })}</span>
      </div>
      ${this.#planError !== null ? html`<p class="notice bad" part="notice" role="alert">${this.#planError}</p>` : nothing}
      ${p === null
        ? nothing
        : html`<div role="group" class="plan" part="plan" aria-labelledby="plan-h">
            <p class="section-title" id="plan-h" tabindex="-1">${this.t('ui.roster.planOf', { place: m.scope.name, county: p.county.name })}</p>
            ${p.plan.shortages.length > 0
              ? html`<ul class="plain">
                  ${p.plan.shortages.map((s) => html`<li class="bad" part="shortage">${this.#shortage(s)}</li>`)}
                </ul>`
              : nothing}
            ${p.changes.length === 0
              ? html`<p>${this.t('ui.roster.planNothing')}</p>`
              : html`<ul class="plain">
                  ${p.changes.map((c) => html`<li>${this.#change(m, c)}</li>`)}
                </ul>`}
            <p>${this.t('ui.roster.cost', { sameTownship: this.#n(p.plan.cost.sameTownship), sameCounty: this.#n(p.plan.cost.sameCounty), elsewhere: this.#n(p.plan.cost.elsewhere), county: p.county.name })}</p>
            ${p.outside > 0 ? html`<p class="muted">${this.t('ui.roster.planOutside', { count: this.#n(p.outside), county: p.county.name })}</p>` : nothing}
            <div class="actions">
              ${p.changes.length > 0
                ? html`<button type="button" class="primary" part="accept" @click=${this.#accept}>${this.t('ui.roster.accept', { count: this.#n(p.changes.length) })}</button>`
                : nothing}
              <button type="button" part="reject" @click=${this.#reject}>${this.t('ui.roster.reject')}</button>
            </div>
          </div>`}`;
  }

  #shortage(s: Shortage): string {
    const values = { needed: this.#n(s.needed), given: this.#n(s.given), rank: this.t(`rank.${s.of === 'cadres' ? 'staff' : s.of}`) };
    switch (s.rule) {
      case 'minCadresPerVillage':
        return this.t('ui.roster.shortage.cadres', values);
      case 'everyCountyLed':
        return this.t('ui.roster.shortage.countyLeads', values);
      case 'everyTownshipLed':
        return this.t('ui.roster.shortage.townshipLeads', values);
      default:
        return this.t('ui.roster.shortage.leads', values);
    }
  }

  #change(m: Model, p: Pairing): string {
    const c = m.index.cadreById.get(p.cadreId);
    const who = c ? this.t('ui.roster.candidate', { name: c.name, unit: c.unit, id: c.id }) : p.cadreId;
    const place = m.h.get(shortCode(p.code))?.name ?? p.code;
    if (p.role === 'village') return this.t('ui.roster.planPair', { who, place });
    return this.t('ui.roster.planLead', { who, place, role: this.#leadRole(p.role === 'county-lead' ? 'county' : 'township') });
  }

  // ── Actions ────────────────────────────────────────────────────────────────────────────

  /** Set new pairings and tell the host; the array given to the widget is left as it was. */
  #emit(next: Pairing[], added: Pairing[], removed: Pairing[], cause: PairingsChangeCause, announcement: string): void {
    this.pairings = next;
    this.#announcement = announcement;
    this.dispatchEvent(new GualianPairingsChangeEvent(next, added, removed, cause));
  }

  #add(c: Cadre): void {
    const m = this.#fresh();
    if (m === null || m.level !== 'village') return;
    const pairing: Pairing = { cadreId: c.id, role: 'village', code: m.scope.code };
    this.#query = '';
    this.#closeList(false);
    this.#focusNext = '#add-input';
    this.#emit([...m.pairings, pairing], [pairing], [], 'add', this.t('ui.roster.added', { name: c.name, place: m.scope.name }));
  }

  #remove(index: number, seat: number): void {
    const m = this.#model;
    // A second click before the first edit was drawn would point into the older array.
    if (m === null || m !== this.#fresh()) return;
    const removed = m.pairings[index];
    if (removed === undefined) return;
    const seats = m.index.seats.get(m.scope.code)?.length ?? 0;
    // Keyboard users stay where they were: on the next remove button, else the previous, else the add box.
    this.#focusNext = seats > 1 ? `[part~="remove"][data-seat="${Math.min(seat, seats - 2)}"]` : '#add-input';
    const name = m.index.cadreById.get(removed.cadreId)?.name ?? removed.cadreId;
    this.#emit(
      m.pairings.filter((_, i) => i !== index),
      [],
      [removed],
      'remove',
      this.t('ui.roster.removed', { name, place: m.scope.name }),
    );
  }

  #applyLead(): void {
    const m = this.#fresh();
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#lead-select');
    if (m === null || m.level === 'village' || select === null) return;
    const chosen = select.value;
    const role = m.level === 'county' ? 'county-lead' : 'township-lead';
    const current = new Set(m.index.leads.get(m.scope.code) ?? []);
    const stays = [...current].some((i) => m.pairings[i]!.cadreId === chosen && m.pairings[i]!.role === role) && current.size === 1;
    if (stays || (chosen === '' && current.size === 0)) return;
    const removed = m.pairings.filter((_, i) => current.has(i));
    const added: Pairing[] = chosen === '' ? [] : [{ cadreId: chosen, role, code: m.scope.code }];
    const name = chosen === '' ? this.t('ui.roster.nobody') : (m.index.cadreById.get(chosen)?.name ?? chosen);
    this.#focusNext = '#lead-select';
    this.#emit([...m.pairings.filter((_, i) => !current.has(i)), ...added], added, removed, 'lead', this.t('ui.roster.leadChanged', { role: this.#leadRole(m.level), name }));
  }

  /** The planner, imported the first time a proposal is asked for: most visits to a roster never ask. */
  #planner: Promise<typeof import('@gualian/core/planner')> | null = null;
  #planning = false;

  async #propose(): Promise<void> {
    if (this.#planning) return;
    this.#planError = null;
    this.#planning = true;
    this.requestUpdate();
    let planPairings: (typeof import('@gualian/core/planner'))['planPairings'];
    try {
      ({ planPairings } = await (this.#planner ??= import('@gualian/core/planner')));
    } catch (e) {
      this.#planner = null;
      this.#planning = false;
      this.#proposal = null;
      this.#planError = this.t('ui.roster.planFailed', { reason: reasonOf(e, this.i18n.lang) });
      this.requestUpdate();
      return;
    }
    this.#planning = false;
    // The model as it is now: the roster may have changed while the planner loaded.
    const m = this.#fresh();
    if (m === null) {
      this.requestUpdate();
      return;
    }
    try {
      const cadres = countyCadres(m.cadres, m.pairings, m.county.code);
      // The planner refuses fixed pairings of cadres it is not given: pass those of the county's.
      const ids = new Set(cadres.map((c) => c.id));
      const plan = planPairings(m.h, { scope: m.county.code, cadres, fixed: m.pairings.filter((p) => ids.has(p.cadreId)), policy: m.policy });
      const changes = plan.pairings.filter((p) => within(p.code, m.scope.code));
      this.#proposal = { scope: m.scope.code, county: m.county, plan, changes, outside: plan.pairings.length - changes.length };
      this.#focusNext = '#plan-h';
    } catch (e) {
      this.#proposal = null;
      this.#planError = this.t('ui.roster.planFailed', { reason: reasonOf(e, this.i18n.lang) });
    }
    this.requestUpdate();
  }

  #accept(): void {
    const m = this.#fresh();
    const p = this.#proposal;
    if (m === null || p === null || p.changes.length === 0) return;
    this.#focusNext = '#propose';
    this.#emit([...m.pairings, ...p.changes], [...p.changes], [], 'plan', this.t('ui.roster.accepted', { count: this.#n(p.changes.length) }));
  }

  #reject(): void {
    this.#proposal = null;
    this.#focusNext = '#propose';
    this.#announcement = this.t('ui.roster.rejected');
    this.requestUpdate();
  }

  #open(code: string): void {
    const h = this.divisions.hierarchy;
    const division = h?.get(code);
    if (!division) return;
    this.scope = code;
    this.#focusNext = '#title';
    this.dispatchEvent(new GualianSelectEvent(code, division));
  }

  // ── The add box ────────────────────────────────────────────────────────────────────────

  #search(): void {
    const m = this.#model;
    if (m === null || m.level !== 'village' || !this.#listOpen) {
      this.#hits = [];
      this.#hitTotal = 0;
      return;
    }
    const exclude = new Set((m.index.seats.get(m.scope.code) ?? []).map((i) => m.pairings[i]!.cadreId));
    const found = findCadres(m.index, m.cadres, this.#query, { exclude, near: m.scope.code, villagesPerCadre: m.policy.villagesPerCadre, limit: ADD_LIMIT });
    this.#hits = found.hits;
    this.#hitTotal = found.total;
    this.#active = Math.min(this.#active, Math.max(0, this.#hits.length - 1));
  }

  #closeList(clearQuery: boolean): void {
    this.#listOpen = false;
    this.#active = 0;
    this.#hits = [];
    this.#hitTotal = 0;
    if (clearQuery) this.#query = '';
  }

  #onAddInput(e: Event): void {
    this.#query = (e.target as HTMLInputElement).value;
    this.#listOpen = true;
    this.#active = 0;
    this.#search();
    this.requestUpdate();
  }

  #onAddKey(e: KeyboardEvent): void {
    const n = this.#hits.length;
    switch (e.key) {
      case 'ArrowDown':
        if (!this.#listOpen) {
          this.#listOpen = true;
          this.#active = 0;
          this.#search();
        } else if (n > 0) this.#active = (this.#active + 1) % n;
        break;
      case 'ArrowUp':
        if (n > 0) this.#active = (this.#active - 1 + n) % n;
        break;
      case 'Enter': {
        const c = this.#listOpen ? this.#hits[this.#active] : undefined;
        if (c === undefined) return;
        this.#add(c);
        break;
      }
      case 'Escape':
        if (!this.#listOpen && this.#query === '') return;
        this.#closeList(!this.#listOpen);
        break;
      default:
        return;
    }
    e.preventDefault();
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector(`#add-option-${this.#active}`)?.scrollIntoView({ block: 'nearest' }));
  }

  #onAddFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to !== null && (e.currentTarget as Element).contains(to)) return;
    if (!this.#listOpen) return;
    this.#closeList(false);
    this.requestUpdate();
  }

  // ── Small helpers ──────────────────────────────────────────────────────────────────────

  #leadRole(level: ScopeLevel): string {
    return this.t(level === 'county' ? 'ui.roster.countyLead' : 'ui.roster.townshipLead');
  }

  /** The list separator of the language. */
  #sep(): string {
    return this.resolvedLang === 'en' ? ', ' : '、';
  }

  /** A count with the language's digit grouping (4,206). */
  #n(value: number): string {
    return numberFormat(this.resolvedLang).format(value);
  }
}

/** A village short of cadres: how many it has and needs, from the core's violation. */
interface VillageState {
  count: number;
  required: number;
}

/** The short and uncovered villages among violations, by code. */
function villageStates(violations: readonly Violation[]): Map<string, VillageState> {
  const out = new Map<string, VillageState>();
  for (const v of violations) {
    if (v.code !== 'village.short' && v.code !== 'village.uncovered') continue;
    out.set(v.divisions[0]!, { count: v.code === 'village.short' ? Number(v.details['count']) : 0, required: Number(v.details['required']) });
  }
  return out;
}

/**
 * The cadres a county plans with: those living in it or paired with something in it, and those
 * anchored nowhere (no home, no pairing). The planner places every free cadre it is given, so
 * handed the whole prefecture's roster it would move free cadres of other counties here, away
 * from the villages of their own county that may need them.
 */
function countyCadres(cadres: readonly Cadre[], pairings: readonly Pairing[], county: string): Cadre[] {
  const paired = new Set<string>();
  const pairedHere = new Set<string>();
  for (const p of pairings) {
    paired.add(p.cadreId);
    if (within(p.code, county)) pairedHere.add(p.cadreId);
  }
  return cadres.filter((c) => pairedHere.has(c.id) || (c.homeCode !== undefined ? within(c.homeCode, county) : !paired.has(c.id)));
}

/** This year, kept within the policy's campaign (a check outside it finds no pairing in force). */
function clampYear(policy: PairingPolicy): number {
  const now = new Date().getFullYear();
  return Math.min(Math.max(now, Number(policy.campaign.from.slice(0, 4))), Number(policy.campaign.to.slice(0, 4)));
}

const formats = new Map<Lang, Intl.NumberFormat>();
function numberFormat(lang: Lang): Intl.NumberFormat {
  let f = formats.get(lang);
  if (f === undefined) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en' : lang);
    formats.set(lang, f);
  }
  return f;
}

/** An error's message, shown as the reason of a notice. */
function reasonOf(e: unknown, lang: Lang): string {
  return describeError(e, lang);
}

function keepFocus(e: Event): void {
  // Keeps focus in the input while an option is clicked.
  e.preventDefault();
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-pairing-roster': GualianPairingRoster;
  }
}
