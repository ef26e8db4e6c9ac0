import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { describeError, translate, type Lang } from '@gualian/core';
import { pairingPolicySchema, type Roster } from '@gualian/core/pairing';
import {
  computeFacts,
  describeRubricIssue,
  FACT_TYPES,
  ITEM_KINDS,
  parsePeriod,
  period as makePeriod,
  RECORD_FACTS,
  SUBJECT_KINDS,
  validateRubric,
  type FactTable,
  type Period,
  type Rubric,
  type RubricInput,
  type RubricIssue,
  type RubricValidation,
} from '@gualian/core/assessment';
import { GualianElement } from '../base/gualian-element.js';
import { dataTableStyles, tonePalette } from '../base/styles.js';
import { labelIn, periodLabel } from '../leaderboard/model.js';
import { blankDraft, blankItem, blankSection, draftJson, fieldText, freshId, idKey, move, numberValue, placeOf, toDraft, type Draft, type DraftSection, type Json } from './draft.js';
import { changedGrades, effectOf, type Effect } from './preview.js';
import { GualianRubricChangeEvent } from './events.js';
import { editorStyles } from './styles.js';
import { registerUiMessages } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** How many issues the list at the top names; the rest are counted. */
const ISSUES_LISTED = 50;
const ROUNDING = ['floor', 'round', 'ceil'] as const;
const TIES = ['exclude-tied', 'include-tied', 'rank'] as const;

/** Set a field of a JSON object, or leave it out when the value is `undefined`. */
function put(o: Json, key: string, value: unknown): void {
  if (value === undefined) delete o[key];
  else o[key] = value;
}

/** A text field of the form. */
interface TextField {
  /** The input's id (unique in the editor). */
  id: string;
  label: string;
  /** Where its issues are filed (see `placeOf`). */
  at: string;
  field: string;
  value: unknown;
  set(text: string): void;
  number?: boolean;
  wide?: boolean;
  list?: string;
  hint?: string;
}

/** A select of the form. */
interface SelectField {
  id: string;
  label: string;
  at: string;
  field: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  set(value: string): void;
}

/**
 * Edit a rubric (考核评分标准): its sections and items (base, bonus, deduction or veto; a fact
 * with points per unit, or a formula; caps), the declared facts, the grades and their score
 * bands, and the top grade's quota, with live validation by the core and a preview of the
 * rubric's effect on current data.
 *
 * Every edit is checked by the core's `validateRubric`; each problem is shown as text next to
 * its field (`describeRubricIssue`, in the reader's language), listed at the top with a link to
 * the field, and counted in a live region. When the rubric is valid, the editor fires
 * `gualian-rubric-change` with what `parseRubric` makes of it; an invalid edit fires nothing.
 *
 * The preview scores current data with the edited rubric (`scoreAll`, then `rankSubjects` and
 * `applyGradeQuota`): how many subjects get each grade before and after the quota, and how many
 * end with another grade than under the rubric as loaded. Give it a `facts` table, or a
 * `roster` and a `period` and it computes the facts (`computeFacts`).
 *
 * Import reads a JSON file (a file input); export downloads the JSON through a Blob URL. Nothing
 * is evaluated: formulas are parsed by the core, and everything is drawn as text.
 *
 * @tag gualian-rubric-editor
 * @summary Edit a rubric with live validation and a preview of its effect on current data.
 *
 * @attr {string} period - With `roster`: the period the preview scores (`2024`, `2024-Q2`, `2024-03`; default this year within the pairing campaign).
 * @prop {Rubric | RubricInput | null} rubric - The rubric as loaded: the form starts from it and the preview compares with it. Setting it discards unsaved edits.
 * @prop {FactTable | null} facts - The facts the preview scores (the core's `computeFacts` or `rollUpFacts`); takes precedence over `roster`.
 * @prop {Roster | null} roster - A roster whose facts for `period` the preview scores.
 *
 * @fires {GualianRubricChangeEvent} gualian-rubric-change - The user changed the rubric and it is valid; `rubric` (parsed by the core, defaults filled in) and `json` (the edited text).
 *
 * @csspart editor - The whole editor.
 * @csspart toolbar - Import, export and reset.
 * @csspart import - The import button (it opens a file dialog).
 * @csspart export - The export button.
 * @csspart reset - The button that goes back to the rubric as loaded.
 * @csspart import-error - Why a file could not be imported.
 * @csspart validity - Whether the rubric is valid, and how many problems it has (a live region).
 * @csspart issues - The list of problems, each a link to its field.
 * @csspart form - The form.
 * @csspart basics - The rubric's id, name, version, subject and range.
 * @csspart facts - The declared facts.
 * @csspart section - A section of the rubric.
 * @csspart item - An item of a section.
 * @csspart grades - The grades and their score bands.
 * @csspart quota - The quota.
 * @csspart field-error - The problems of one field, next to it.
 * @csspart block-error - The problems of a section, item or grade as a whole.
 * @csspart add - A button that adds a section, item, fact or grade.
 * @csspart remove - A button that removes one.
 * @csspart move - A button that moves a section or item up or down.
 * @csspart preview - The preview of the rubric's effect.
 * @csspart preview-table - The preview's grade counts.
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-rule-color=#d0d7de] - Borders of sections, items and the preview.
 * @cssprop [--gualian-error-color=#a0111f] - Problems next to fields, and invalid fields' borders.
 * @cssprop [--gualian-mono-font-family=ui-monospace, …] - Font of ids, fact names and formulas.
 * @cssprop [--gualian-section-background=#f6f8fa] - Background of a section.
 *
 * @example
 * <gualian-rubric-editor period="2024"></gualian-rubric-editor>
 * <script type="module">
 *   import { EXAMPLE_CADRE_RUBRIC, Roster } from '@gualian/core';
 *   const editor = document.querySelector('gualian-rubric-editor');
 *   editor.rubric = EXAMPLE_CADRE_RUBRIC;
 *   editor.roster = Roster.from(zhaotong, records);
 *   editor.addEventListener('gualian-rubric-change', (e) => save(e.json));
 * </script>
 */
export class GualianRubricEditor extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, dataTableStyles, editorStyles];

  static override properties: PropertyDeclarations = {
    rubric: { attribute: false },
    facts: { attribute: false },
    roster: { attribute: false },
    period: { reflect: true },
  };

  /** The rubric as loaded. */
  declare rubric: Rubric | RubricInput | null;
  /** The facts the preview scores. */
  declare facts: FactTable | null;
  /** A roster whose facts the preview scores. */
  declare roster: Roster | null;
  /** With a roster: the period the preview scores. */
  declare period: string | null;

  #draft: Draft = blankDraft();
  #validation: RubricValidation = validateRubric(JSON.parse(draftJson(this.#draft)));
  /** The problems by block (`at`) and by block and field. */
  #byPlace = new Map<string, RubricIssue[]>();
  #byBlock = new Map<string, RubricIssue[]>();
  /** The input of each block and field drawn, for the links of the issue list. */
  #inputOf = new Map<string, string>();
  /** What a number field holds as typed ('7.', '1e'), by input id, until the next structural change. */
  #raw = new Map<string, string>();
  #loadedFrom: unknown = undefined;
  #baseline: Rubric | null = null;
  #table: FactTable | null = null;
  #tableFor: unknown[] = [];
  #tableError: unknown = null;
  #effect: Effect | null = null;
  #effectStale = false;
  #baseEffect: Effect | null = null;
  #previewError: unknown = null;
  #importError: string | null = null;
  #announcement = '';
  #focusNext: string | null = null;

  constructor() {
    super();
    this.rubric = null;
    this.facts = null;
    this.roster = null;
    this.period = null;
  }

  /** The rubric as edited, as JSON text (what export writes). */
  get json(): string {
    return draftJson(this.#draft);
  }

  /** The edited rubric if it is valid (parsed by the core), else `null`. */
  get value(): Rubric | null {
    return this.#validation.ok ? this.#validation.rubric : null;
  }

  /** The problems of the edited rubric, as the core's `validateRubric` lists them. */
  get issues(): readonly RubricIssue[] {
    return this.#validation.issues;
  }

  /** The preview: the edited rubric's effect on the data (`null` without data or a valid rubric). */
  get preview(): Effect | null {
    return this.#effect;
  }

  /**
   * Replace the edited rubric with JSON (text or parsed), as an import does: the preview still
   * compares with the rubric as loaded. Fires `gualian-rubric-change` when the result is valid.
   * @example
   * editor.load(await file.text());
   */
  load(json: string | object): void {
    const input: unknown = typeof json === 'string' ? JSON.parse(json) : json;
    this.#draft = toDraft(input);
    this.#raw.clear();
    this.#validate(true);
    this.requestUpdate();
  }

  // ── Data ───────────────────────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.rubric !== this.#loadedFrom) {
      this.#loadedFrom = this.rubric;
      this.#draft = this.rubric === null ? blankDraft() : toDraft(this.rubric);
      this.#raw.clear();
      const base = this.rubric === null ? null : validateRubric(this.rubric);
      this.#baseline = base !== null && base.ok ? base.rubric : null;
      this.#baseEffect = null;
      this.#validate(false);
    }
    this.#refreshTable();
    this.#refreshPreview();
  }

  #validate(emit: boolean): void {
    const json = draftJson(this.#draft);
    this.#validation = validateRubric(JSON.parse(json));
    this.#byPlace.clear();
    this.#byBlock.clear();
    for (const issue of this.#validation.issues) {
      const { at, field } = placeOf(issue, this.#draft);
      const key = `${at}|${field}`;
      this.#byPlace.set(key, [...(this.#byPlace.get(key) ?? []), issue]);
      this.#byBlock.set(at, [...(this.#byBlock.get(at) ?? []), issue]);
    }
    if (this.#validation.ok) this.#effectStale = true;
    if (emit && this.#validation.ok) this.dispatchEvent(new GualianRubricChangeEvent(this.#validation.rubric, json));
  }

  #askedPeriod(): Period {
    if (this.period !== null && this.period !== '') return parsePeriod(this.period);
    const policy = pairingPolicySchema.parse({});
    const [from, to] = [Number(policy.campaign.from.slice(0, 4)), Number(policy.campaign.to.slice(0, 4))];
    return makePeriod('year', Math.min(Math.max(new Date().getFullYear(), from), to));
  }

  #refreshTable(): void {
    const key = [this.facts, this.roster, this.facts ? null : this.period];
    if (!key.some((v, i) => v !== this.#tableFor[i]) && this.#tableFor.length > 0) return;
    this.#tableFor = key;
    this.#table = null;
    this.#tableError = null;
    this.#effect = null;
    this.#baseEffect = null;
    this.#effectStale = true;
    try {
      if (this.facts) this.#table = this.facts;
      // Every record fact, so that any rubric the user writes can be scored; declared facts take their defaults.
      else if (this.roster) this.#table = computeFacts(this.roster, this.#askedPeriod());
    } catch (error) {
      this.#tableError = error;
    }
  }

  #refreshPreview(): void {
    const table = this.#table;
    if (table === null) return;
    if (this.#baseline !== null && (this.#baseEffect === null || this.#baseEffect.rubric !== this.#baseline)) {
      try {
        this.#baseEffect = effectOf(this.#baseline, table);
      } catch {
        this.#baseEffect = null;
      }
    }
    if (!this.#effectStale || !this.#validation.ok) return;
    this.#effectStale = false;
    try {
      this.#effect = effectOf(this.#validation.rubric, table);
      this.#previewError = null;
    } catch (error) {
      this.#effect = null;
      this.#previewError = error;
    }
  }

  // ── Editing ────────────────────────────────────────────────────────────────────────────

  /** Change the draft, check it, and tell the host when it is valid. */
  #edit(change: (d: Draft) => void, options: { structural?: boolean; focus?: string; say?: string } = {}): void {
    change(this.#draft);
    if (options.structural) this.#raw.clear();
    if (options.focus !== undefined) this.#focusNext = options.focus;
    this.#announcement = options.say ?? '';
    this.#validate(true);
    this.requestUpdate();
  }

  #section(k: number): DraftSection | undefined {
    return this.#draft.sections[k];
  }

  #addSection(): void {
    const k = this.#draft.sections.length;
    this.#edit(
      (d) => {
        const s = blankSection(k + 1);
        s.id = freshId('section', d.sections.map((x) => x['id']));
        d.sections.push(s);
      },
      { structural: true, focus: `#s${k}-id`, say: this.t('ui.rubricEditor.added') },
    );
  }

  #removeSection(k: number): void {
    const label = this.#name(this.#section(k), k);
    this.#edit((d) => void d.sections.splice(k, 1), { structural: true, focus: '#add-section', say: this.t('ui.rubricEditor.removed', { name: label }) });
  }

  #moveSection(k: number, delta: number): void {
    const to = k + delta;
    if (to < 0 || to >= this.#draft.sections.length) return;
    this.#edit((d) => void move(d.sections, k, delta), { structural: true, focus: `#s${to}-${delta < 0 ? 'up' : 'down'}`, say: this.t('ui.rubricEditor.moved', { name: this.#name(this.#section(k), k), position: to + 1 }) });
  }

  #addItem(k: number): void {
    const s = this.#section(k);
    if (s === undefined) return;
    const j = s.items.length;
    this.#edit(
      () => {
        const item = blankItem(j + 1);
        item['id'] = freshId('item', s.items.map((x) => x['id']));
        s.items.push(item);
      },
      { structural: true, focus: `#s${k}i${j}-id`, say: this.t('ui.rubricEditor.added') },
    );
  }

  #removeItem(k: number, j: number): void {
    const s = this.#section(k);
    if (s === undefined) return;
    const label = this.#name(s.items[j], j);
    this.#edit(() => void s.items.splice(j, 1), { structural: true, focus: `#s${k}-add`, say: this.t('ui.rubricEditor.removed', { name: label }) });
  }

  #moveItem(k: number, j: number, delta: number): void {
    const s = this.#section(k);
    if (s === undefined) return;
    const to = j + delta;
    if (to < 0 || to >= s.items.length) return;
    this.#edit(() => void move(s.items, j, delta), { structural: true, focus: `#s${k}i${to}-${delta < 0 ? 'up' : 'down'}`, say: this.t('ui.rubricEditor.moved', { name: this.#name(s.items[j], j), position: to + 1 }) });
  }

  /** Which section, item, fact or grade a button acts on, for screen readers (its visible text stays first). */
  #which(name: string): TemplateResult {
    return html`<span class="visually-hidden">${this.t('ui.rubricEditor.which', { name })}</span>`;
  }

  /** What to call a section, item or grade in a message: its label, else its id, else its place. */
  #name(o: Json | undefined, k: number): string {
    const label = o?.['label'];
    if (typeof label === 'string' && label.trim() !== '') return label;
    return o ? idKey(o, k) : `#${k + 1}`;
  }

  // ── Render ─────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    this.#inputOf.clear();
    const valid = this.#validation.ok;
    const issues = this.#validation.issues;
    const form = this.#renderForm();
    return html`<div class="editor" part="editor">
      ${this.divisions.error ? this.renderError(this.divisions.error) : nothing}
      <div class="toolbar" part="toolbar">
        <button type="button" id="import" part="import" @click=${this.#openFile}>${this.t('ui.rubricEditor.import')}</button>
        <input id="import-file" type="file" accept=".json,application/json" hidden tabindex="-1" aria-label=${this.t('ui.rubricEditor.import')} @change=${this.#onFile} />
        <button type="button" id="export" part="export" @click=${this.#export}>${this.t('ui.rubricEditor.export')}</button>
        <button type="button" id="reset" part="reset" ?disabled=${this.rubric === null} @click=${this.#reset}>${this.t('ui.rubricEditor.reset')}</button>
      </div>
      ${this.#importError === null ? nothing : html`<p class="error-text" part="import-error" role="alert">${this.#importError}</p>`}
      <p class=${`validity ${valid ? 'ok' : 'bad'}`} part="validity" role="status">
        ${valid ? this.t('ui.rubricEditor.valid') : this.t('ui.rubricEditor.invalid', { count: this.#n(issues.length) })}
      </p>
      ${issues.length === 0
        ? nothing
        : html`<ol class="issues" part="issues" aria-label=${this.t('ui.rubricEditor.issues')}>
            ${issues.slice(0, ISSUES_LISTED).map((issue) => {
              const { at, field } = placeOf(issue, this.#draft);
              const target = this.#inputOf.get(`${at}|${field}`) ?? this.#inputOf.get(`${at}|`) ?? null;
              const text = describeRubricIssue(issue, this.i18n.lang);
              return html`<li data-code=${issue.code}>
                ${target === null ? text : html`<button type="button" class="link" data-target=${target} @click=${this.#goToField}>${text}</button>`}
              </li>`;
            })}
            ${issues.length > ISSUES_LISTED ? html`<li>${this.t('ui.rubricEditor.moreIssues', { count: this.#n(issues.length - ISSUES_LISTED) })}</li>` : nothing}
          </ol>`}
      <div class="layout">
        ${form} ${this.#renderPreview()}
      </div>
      <datalist id="fact-names">
        ${this.#knownFacts().map(([name, label]) => html`<option value=${name}>${label}</option>`)}
      </datalist>
      <p class="visually-hidden" role="status">${this.#announcement}</p>
    </div>`;
  }

  /** Facts a rubric may read: the records' own, the declared ones, and `members` for groups. */
  #knownFacts(): [string, string][] {
    const lang = this.i18n.lang;
    const out: [string, string][] = RECORD_FACTS.map((f) => [f.name, factLabel(f.name, lang)]);
    if (this.#draft['subject'] === 'unit' || this.#draft['subject'] === 'region') out.push(['members', factLabel('members', lang)]);
    for (const f of this.#draft.facts) if (typeof f['name'] === 'string' && f['name'] !== '') out.push([f['name'], typeof f['label'] === 'string' ? f['label'] : f['name']]);
    return out;
  }

  #issuesAt(at: string, field: string): RubricIssue[] {
    return this.#byPlace.get(`${at}|${field}`) ?? [];
  }

  /** The problems of a block whose field is none of those drawn. */
  #blockIssues(at: string, fields: readonly string[]): RubricIssue[] {
    return (this.#byBlock.get(at) ?? []).filter((i) => !fields.includes(placeOf(i, this.#draft).field));
  }

  #renderBlockErrors(at: string, fields: readonly string[], id: string): TemplateResult | typeof nothing {
    const issues = this.#blockIssues(at, fields);
    this.#inputOf.set(`${at}|`, id);
    if (issues.length === 0) return nothing;
    return html`<div class="block-error" part="block-error">${issues.map((i) => html`<p>${describeRubricIssue(i, this.i18n.lang)}</p>`)}</div>`;
  }

  #renderFieldErrors(issues: readonly RubricIssue[], id: string): TemplateResult | typeof nothing {
    if (issues.length === 0) return nothing;
    return html`<div class="field-error" id=${`${id}-err`} part="field-error">${issues.map((i) => html`<p>${describeRubricIssue(i, this.i18n.lang)}</p>`)}</div>`;
  }

  #text(f: TextField): TemplateResult {
    const issues = this.#issuesAt(f.at, f.field);
    this.#inputOf.set(`${f.at}|${f.field}`, f.id);
    const value = this.#raw.get(f.id) ?? fieldText(f.value);
    const describedBy = [issues.length > 0 ? `${f.id}-err` : '', f.hint ? `${f.id}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class=${`field${f.wide ? ' wide' : ''}${f.number ? ' number' : ''}`}>
      <label for=${f.id}>${f.label}</label>
      <input
        id=${f.id}
        type="text"
        class=${f.list || f.field === 'formula' || f.field === 'id' || (f.at.startsWith('fact:') && f.field === 'name') ? 'code-input' : ''}
        inputmode=${f.number ? 'decimal' : nothing}
        list=${f.list ?? nothing}
        autocomplete="off"
        spellcheck="false"
        .value=${live(value)}
        aria-invalid=${issues.length > 0 ? 'true' : 'false'}
        aria-describedby=${describedBy === '' ? nothing : describedBy}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          if (f.number) this.#raw.set(f.id, text);
          this.#edit(() => f.set(text));
        }}
      />
      ${f.hint ? html`<span class="hint" id=${`${f.id}-hint`}>${f.hint}</span>` : nothing} ${this.#renderFieldErrors(issues, f.id)}
    </div>`;
  }

  #select(f: SelectField): TemplateResult {
    const issues = this.#issuesAt(f.at, f.field);
    this.#inputOf.set(`${f.at}|${f.field}`, f.id);
    const known = f.options.some(([v]) => v === f.value);
    return html`<div class="field">
      <label for=${f.id}>${f.label}</label>
      <select
        id=${f.id}
        aria-invalid=${issues.length > 0 ? 'true' : 'false'}
        aria-describedby=${issues.length > 0 ? `${f.id}-err` : nothing}
        @change=${(e: Event) => this.#edit(() => f.set((e.target as HTMLSelectElement).value), { structural: true })}
      >
        ${known ? nothing : html`<option value=${f.value} .selected=${live(true)}>${f.value}</option>`}
        ${f.options.map(([v, label]) => html`<option value=${v} .selected=${live(v === f.value)}>${label}</option>`)}
      </select>
      ${this.#renderFieldErrors(issues, f.id)}
    </div>`;
  }

  #renderForm(): TemplateResult {
    const d = this.#draft;
    return html`<form class="form" part="form" novalidate @submit=${(e: Event) => e.preventDefault()}>
      ${this.#renderBasics(d)} ${this.#renderFacts(d)}
      ${d.sections.map((s, k) => this.#renderSection(s, k))}
      <div class="actions">
        <button type="button" id="add-section" part="add" @click=${this.#addSection}>${this.t('ui.rubricEditor.addSection')}</button>
      </div>
      ${this.#renderGrades(d)} ${this.#renderQuota(d)}
    </form>`;
  }

  #renderBasics(d: Draft): TemplateResult {
    const range = d.range;
    const fields = ['id', 'name', 'version', 'subject', 'range.min', 'range.max', 'sections', 'grades'];
    return html`<fieldset class="block" part="basics">
      <legend>${this.t('ui.rubricEditor.basics')}</legend>
      ${this.#renderBlockErrors('rubric', fields, 'b-name')}
      <div class="row">
        ${this.#text({ id: 'b-id', label: this.t('ui.rubricEditor.id'), at: 'rubric', field: 'id', value: d['id'], set: (v) => (d['id'] = v) })}
        ${this.#text({ id: 'b-name', label: this.t('ui.rubricEditor.name'), at: 'rubric', field: 'name', value: d['name'], set: (v) => (d['name'] = v), wide: true })}
        ${this.#text({ id: 'b-version', label: this.t('ui.rubricEditor.version'), at: 'rubric', field: 'version', value: d['version'], set: (v) => put(d, 'version', v === '' ? undefined : v) })}
        ${this.#select({
          id: 'b-subject',
          label: this.t('ui.rubricEditor.subject'),
          at: 'rubric',
          field: 'subject',
          value: fieldText(d['subject']),
          options: SUBJECT_KINDS.map((k) => [k, this.t(`ui.rubricEditor.subject.${k}`)] as const),
          set: (v) => (d['subject'] = v),
        })}
      </div>
      <div class="row">
        ${this.#text({ id: 'b-min', label: this.t('ui.rubricEditor.rangeMin'), at: 'rubric', field: 'range.min', value: range['min'], number: true, set: (v) => put(range, 'min', numberValue(v)) })}
        ${this.#text({ id: 'b-max', label: this.t('ui.rubricEditor.rangeMax'), at: 'rubric', field: 'range.max', value: range['max'], number: true, set: (v) => put(range, 'max', numberValue(v)) })}
      </div>
    </fieldset>`;
  }

  #renderFacts(d: Draft): TemplateResult {
    return html`<fieldset class="block" part="facts">
      <legend>${this.t('ui.rubricEditor.facts')}</legend>
      <p class="hint">${this.t('ui.rubricEditor.factsHint')}</p>
      ${d.facts.map((f, k) => {
        const at = `fact:${k}`;
        const name = fieldText(f['name']) || `#${k + 1}`;
        return html`<div class="fact-row" role="group" aria-label=${this.t('ui.rubricEditor.factN', { n: k + 1, name })}>
          ${this.#renderBlockErrors(at, ['name', 'type', 'source', 'label', 'default'], `f${k}-name`)}
          <div class="row">
            ${this.#text({ id: `f${k}-name`, label: this.t('ui.rubricEditor.factName'), at, field: 'name', value: f['name'], set: (v) => (f['name'] = v) })}
            ${this.#select({ id: `f${k}-type`, label: this.t('ui.rubricEditor.factType'), at, field: 'type', value: fieldText(f['type'] ?? 'count'), options: FACT_TYPES.map((t) => [t, this.t(`ui.rubricEditor.factType.${t}`)] as const), set: (v) => (f['type'] = v) })}
            ${this.#select({ id: `f${k}-source`, label: this.t('ui.rubricEditor.factSource'), at, field: 'source', value: fieldText(f['source']), options: (['manual', 'provider'] as const).map((t) => [t, this.t(`ui.rubricEditor.factSource.${t}`)] as const), set: (v) => (f['source'] = v) })}
            ${this.#text({ id: `f${k}-label`, label: this.t('ui.rubricEditor.factLabel'), at, field: 'label', value: f['label'], wide: true, set: (v) => put(f, 'label', v === '' ? undefined : v) })}
            ${this.#text({ id: `f${k}-default`, label: this.t('ui.rubricEditor.factDefault'), at, field: 'default', value: f['default'], number: true, set: (v) => put(f, 'default', numberValue(v)) })}
            <div class="field actions">
              <button type="button" id=${`f${k}-remove`} part="remove" @click=${() => this.#edit((dd) => void dd.facts.splice(k, 1), { structural: true, focus: '#add-fact', say: this.t('ui.rubricEditor.removed', { name }) })}>${this.t('ui.rubricEditor.remove')}${this.#which(name)}</button>
            </div>
          </div>
        </div>`;
      })}
      <div class="actions">
        <button
          type="button"
          id="add-fact"
          part="add"
          @click=${() => this.#edit((dd) => void dd.facts.push({ name: '', type: 'count', source: 'manual', default: 0 }), { structural: true, focus: `#f${d.facts.length}-name`, say: this.t('ui.rubricEditor.added') })}
        >
          ${this.t('ui.rubricEditor.addFact')}
        </button>
      </div>
    </fieldset>`;
  }

  #renderSection(s: DraftSection, k: number): TemplateResult {
    const at = `section:${idKey(s, k)}`;
    const label = labelIn({ label: fieldText(s['label']), labels: s['labels'] as never }, this.i18n.lang);
    const p = `s${k}`;
    return html`<fieldset class="block section" part="section" data-section=${idKey(s, k)}>
      <legend>${this.t('ui.rubricEditor.sectionN', { n: k + 1 })} ${label}</legend>
      ${this.#renderBlockErrors(at, ['id', 'label', 'cap'], `${p}-id`)}
      <div class="row">
        ${this.#text({ id: `${p}-id`, label: this.t('ui.rubricEditor.id'), at, field: 'id', value: s['id'], set: (v) => (s['id'] = v) })}
        ${this.#text({ id: `${p}-label`, label: this.t('ui.rubricEditor.label'), at, field: 'label', value: s['label'], wide: true, set: (v) => (s['label'] = v) })}
        ${this.#text({ id: `${p}-cap`, label: this.t('ui.rubricEditor.sectionCap'), at, field: 'cap', value: s['cap'], number: true, set: (v) => put(s, 'cap', numberValue(v)) })}
        <div class="field actions">
          <button type="button" id=${`${p}-up`} part="move" @click=${() => this.#moveSection(k, -1)}>${this.t('ui.rubricEditor.up')}${this.#which(this.#name(s, k))}</button>
          <button type="button" id=${`${p}-down`} part="move" @click=${() => this.#moveSection(k, 1)}>${this.t('ui.rubricEditor.down')}${this.#which(this.#name(s, k))}</button>
          <button type="button" id=${`${p}-remove`} part="remove" @click=${() => this.#removeSection(k)}>${this.t('ui.rubricEditor.removeSection')}${this.#which(this.#name(s, k))}</button>
        </div>
      </div>
      ${s.items.map((item, j) => this.#renderItem(s, k, item, j))}
      <div class="actions">
        <button type="button" id=${`${p}-add`} part="add" @click=${() => this.#addItem(k)}>${this.t('ui.rubricEditor.addItem')}${this.#which(this.#name(s, k))}</button>
      </div>
    </fieldset>`;
  }

  #renderItem(s: DraftSection, k: number, item: Json, j: number): TemplateResult {
    const at = `item:${idKey(s, k)}/${idKey(item, j)}`;
    const p = `s${k}i${j}`;
    const lang = this.i18n.lang;
    const kind = fieldText(item['kind']);
    const veto = kind === 'veto';
    const byFormula = item['formula'] !== undefined;
    const label = labelIn({ label: fieldText(item['label']), labels: item['labels'] as never }, lang);
    const fields = ['id', 'label', 'kind', 'source', byFormula ? 'formula' : 'fact', ...(veto ? ['grade', 'capTotal'] : ['cap', 'capExpected', ...(byFormula ? [] : ['points'])]), 'description'];
    const gradeOptions: [string, string][] = [['', this.t('ui.rubricEditor.lowestGrade')], ...this.#draft.grades.map((g) => [fieldText(g['id']), labelIn({ label: fieldText(g['label']) || fieldText(g['id']), labels: g['labels'] as never }, lang)] as [string, string])];
    return html`<fieldset class="item" part="item" data-item=${idKey(item, j)}>
      <legend>${k + 1}.${j + 1} ${label} <span class="kind">${ITEM_KINDS.includes(kind as never) ? translate(`assessment.kind.${kind}`, lang) : kind}</span></legend>
      ${this.#renderBlockErrors(at, fields, `${p}-id`)}
      <div class="row">
        ${this.#text({ id: `${p}-id`, label: this.t('ui.rubricEditor.id'), at, field: 'id', value: item['id'], set: (v) => (item['id'] = v) })}
        ${this.#text({ id: `${p}-label`, label: this.t('ui.rubricEditor.label'), at, field: 'label', value: item['label'], wide: true, set: (v) => (item['label'] = v) })}
        ${this.#select({ id: `${p}-kind`, label: this.t('ui.rubricEditor.kind'), at, field: 'kind', value: kind, options: ITEM_KINDS.map((x) => [x, translate(`assessment.kind.${x}`, lang)] as const), set: (v) => (item['kind'] = v) })}
      </div>
      <div class="row">
        ${this.#select({
          id: `${p}-source`,
          label: this.t('ui.rubricEditor.source'),
          at,
          field: 'source',
          value: byFormula ? 'formula' : 'fact',
          options: [
            ['fact', this.t(veto ? 'ui.rubricEditor.source.vetoFact' : 'ui.rubricEditor.source.fact')],
            ['formula', this.t('ui.rubricEditor.source.formula')],
          ],
          set: (v) => {
            if (v === 'formula') {
              const fact = typeof item['fact'] === 'string' ? item['fact'] : '';
              const points = typeof item['points'] === 'number' ? item['points'] : null;
              delete item['fact'];
              delete item['points'];
              item['formula'] = fact === '' ? '' : points === null || veto ? fact : `${points} * ${fact}`;
            } else {
              delete item['formula'];
              item['fact'] = '';
              if (!veto) item['points'] = 1;
            }
          },
        })}
        ${byFormula
          ? this.#text({ id: `${p}-formula`, label: this.t('ui.rubricEditor.formula'), at, field: 'formula', value: item['formula'], wide: true, hint: this.t('ui.rubricEditor.formulaHint'), set: (v) => (item['formula'] = v) })
          : html`${this.#text({ id: `${p}-fact`, label: this.t('ui.rubricEditor.fact'), at, field: 'fact', value: item['fact'], list: 'fact-names', set: (v) => (item['fact'] = v) })}
            ${veto ? nothing : this.#text({ id: `${p}-points`, label: this.t('ui.rubricEditor.points'), at, field: 'points', value: item['points'], number: true, set: (v) => put(item, 'points', numberValue(v)) })}`}
      </div>
      <div class="row">
        ${veto
          ? html`${this.#select({ id: `${p}-grade`, label: this.t('ui.rubricEditor.vetoGrade'), at, field: 'grade', value: fieldText(item['grade']), options: gradeOptions, set: (v) => put(item, 'grade', v === '' ? undefined : v) })}
            ${this.#text({ id: `${p}-capTotal`, label: this.t('ui.rubricEditor.capTotal'), at, field: 'capTotal', value: item['capTotal'], number: true, set: (v) => put(item, 'capTotal', numberValue(v)) })}`
          : html`${this.#text({ id: `${p}-cap`, label: this.t('ui.rubricEditor.cap'), at, field: 'cap', value: item['cap'], number: true, set: (v) => put(item, 'cap', numberValue(v)) })}
              <div class="field check">
                <input
                  id=${`${p}-capExpected`}
                  type="checkbox"
                  .checked=${live(item['capExpected'] === true)}
                  aria-describedby=${this.#issuesAt(at, 'capExpected').length > 0 ? `${p}-capExpected-err` : nothing}
                  @change=${(e: Event) => this.#edit(() => put(item, 'capExpected', (e.target as HTMLInputElement).checked ? true : undefined))}
                />
                <label for=${`${p}-capExpected`}>${this.t('ui.rubricEditor.capExpected')}</label>
                ${this.#renderFieldErrors(this.#issuesAt(at, 'capExpected'), `${p}-capExpected`)}
              </div>`}
      </div>
      <div class="row">
        ${this.#text({ id: `${p}-description`, label: this.t('ui.rubricEditor.description'), at, field: 'description', value: item['description'], wide: true, set: (v) => put(item, 'description', v === '' ? undefined : v) })}
      </div>
      <div class="actions">
        <button type="button" id=${`${p}-up`} part="move" @click=${() => this.#moveItem(k, j, -1)}>${this.t('ui.rubricEditor.up')}${this.#which(this.#name(item, j))}</button>
        <button type="button" id=${`${p}-down`} part="move" @click=${() => this.#moveItem(k, j, 1)}>${this.t('ui.rubricEditor.down')}${this.#which(this.#name(item, j))}</button>
        <button type="button" id=${`${p}-remove`} part="remove" @click=${() => this.#removeItem(k, j)}>${this.t('ui.rubricEditor.removeItem')}${this.#which(this.#name(item, j))}</button>
      </div>
    </fieldset>`;
  }

  #renderGrades(d: Draft): TemplateResult {
    const lang = this.i18n.lang;
    return html`<fieldset class="block" part="grades">
      <legend>${this.t('ui.rubricEditor.grades')}</legend>
      <p class="hint">${this.t('ui.rubricEditor.gradesHint')}</p>
      ${d.grades.map((g, k) => {
        const at = `grade:${idKey(g, k)}`;
        const name = labelIn({ label: fieldText(g['label']) || idKey(g, k), labels: g['labels'] as never }, lang);
        return html`<div class="grade-row" role="group" aria-label=${this.t('ui.rubricEditor.gradeN', { n: k + 1, name })} data-grade=${idKey(g, k)}>
          <p class="row-title">${name}</p>
          ${this.#renderBlockErrors(at, ['id', 'label', 'min', 'max'], `g${k}-min`)}
          <div class="row">
            ${this.#text({ id: `g${k}-id`, label: this.t('ui.rubricEditor.id'), at, field: 'id', value: g['id'], set: (v) => (g['id'] = v) })}
            ${this.#text({ id: `g${k}-label`, label: this.t('ui.rubricEditor.label'), at, field: 'label', value: g['label'], set: (v) => (g['label'] = v) })}
            ${this.#text({ id: `g${k}-min`, label: this.t('ui.rubricEditor.min'), at, field: 'min', value: g['min'], number: true, set: (v) => put(g, 'min', numberValue(v)) })}
            ${this.#text({ id: `g${k}-max`, label: this.t('ui.rubricEditor.max'), at, field: 'max', value: g['max'], number: true, set: (v) => put(g, 'max', numberValue(v)) })}
            <div class="field actions">
              <button type="button" id=${`g${k}-remove`} part="remove" @click=${() => this.#edit((dd) => void dd.grades.splice(k, 1), { structural: true, focus: '#add-grade', say: this.t('ui.rubricEditor.removed', { name }) })}>${this.t('ui.rubricEditor.remove')}${this.#which(name)}</button>
            </div>
          </div>
        </div>`;
      })}
      <div class="actions">
        <button
          type="button"
          id="add-grade"
          part="add"
          @click=${() => this.#edit((dd) => void dd.grades.push({ id: freshId('grade', dd.grades.map((g) => g['id'])), label: '', min: 0, max: 0 }), { structural: true, focus: `#g${d.grades.length}-id`, say: this.t('ui.rubricEditor.added') })}
        >
          ${this.t('ui.rubricEditor.addGrade')}
        </button>
      </div>
    </fieldset>`;
  }

  #renderQuota(d: Draft): TemplateResult {
    const q = d.quota;
    const lang = this.i18n.lang;
    const grades: [string, string][] = d.grades.map((g) => [fieldText(g['id']), labelIn({ label: fieldText(g['label']) || fieldText(g['id']), labels: g['labels'] as never }, lang)]);
    return html`<fieldset class="block" part="quota">
      <legend>${this.t('ui.rubricEditor.quota')}</legend>
      ${this.#renderBlockErrors('quota', q ? ['grade', 'share', 'rounding', 'ties', 'demoteTo'] : [], 'q-on')}
      <div class="row">
        <div class="field check">
          <input
            id="q-on"
            type="checkbox"
            .checked=${live(q !== undefined)}
            @change=${(e: Event) =>
              this.#edit((dd) => {
                if ((e.target as HTMLInputElement).checked) dd.quota = { share: 0.2, ties: 'exclude-tied' };
                else delete dd.quota;
              }, { structural: true })}
          />
          <label for="q-on">${this.t('ui.rubricEditor.quotaOn')}</label>
        </div>
      </div>
      ${q === undefined
        ? nothing
        : html`<div class="row">
            ${this.#select({ id: 'q-grade', label: this.t('ui.rubricEditor.quotaGrade'), at: 'quota', field: 'grade', value: fieldText(q['grade']), options: [['', this.t('ui.rubricEditor.topGrade')], ...grades], set: (v) => put(q, 'grade', v === '' ? undefined : v) })}
            ${this.#text({ id: 'q-share', label: this.t('ui.rubricEditor.share'), at: 'quota', field: 'share', value: q['share'], number: true, hint: this.t('ui.rubricEditor.shareHint'), set: (v) => put(q, 'share', numberValue(v)) })}
            ${this.#select({ id: 'q-rounding', label: this.t('ui.rubricEditor.rounding'), at: 'quota', field: 'rounding', value: fieldText(q['rounding'] ?? 'floor'), options: ROUNDING.map((r) => [r, this.t(`ui.rubricEditor.rounding.${r}`)] as const), set: (v) => (q['rounding'] = v) })}
            ${this.#select({ id: 'q-ties', label: this.t('ui.rubricEditor.ties'), at: 'quota', field: 'ties', value: fieldText(q['ties'] ?? 'exclude-tied'), options: TIES.map((r) => [r, this.t(`ui.rubricEditor.ties.${r}`)] as const), set: (v) => (q['ties'] = v) })}
            ${this.#select({ id: 'q-demote', label: this.t('ui.rubricEditor.demoteTo'), at: 'quota', field: 'demoteTo', value: fieldText(q['demoteTo']), options: [['', this.t('ui.rubricEditor.nextGrade')], ...grades], set: (v) => put(q, 'demoteTo', v === '' ? undefined : v) })}
          </div>`}
    </fieldset>`;
  }

  #renderPreview(): TemplateResult {
    const lang = this.i18n.lang;
    const table = this.#table;
    const effect = this.#effect;
    const base = this.#baseEffect;
    let body: TemplateResult;
    if (this.#tableError !== null) body = html`<p class="error-text">${this.t('ui.rubricEditor.previewFailed', { reason: reasonOf(this.#tableError, lang) })}</p>`;
    else if (table === null) body = html`<p class="hint">${this.t('ui.rubricEditor.noData')}</p>`;
    else if (effect === null) {
      body = this.#previewError !== null
        ? html`<p class="error-text">${this.t('ui.rubricEditor.previewFailed', { reason: reasonOf(this.#previewError, lang) })}</p>`
        : html`<p class="hint">${this.t('ui.rubricEditor.previewWaiting')}</p>`;
    } else {
      const rubric = effect.rubric;
      const rows: [id: string, label: string][] = [...rubric.grades].sort((a, b) => b.min - a.min).map((g) => [g.id, labelIn(g, lang)]);
      if (base !== null) for (const g of [...base.rubric.grades].sort((a, b) => b.min - a.min)) if (!rows.some(([id]) => id === g.id)) rows.push([g.id, labelIn(g, lang)]);
      const changed = base === null ? null : changedGrades(effect, base);
      const stale = !this.#validation.ok;
      body = html`${stale ? html`<p class="notice">${this.t('ui.rubricEditor.previewStale')}</p>` : nothing}
        <div class="table-wrap">
          <table part="preview-table">
            <caption>${this.t('ui.rubricEditor.distribution')}</caption>
            <thead>
              <tr>
                <th scope="col">${this.t('ui.rubricEditor.col.grade')}</th>
                <th scope="col" class="num">${this.t('ui.rubricEditor.col.scored')}</th>
                <th scope="col" class="num">${this.t('ui.rubricEditor.col.final')}</th>
                ${base === null ? nothing : html`<th scope="col" class="num">${this.t('ui.rubricEditor.col.loaded')}</th>`}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                ([id, label]) => html`<tr data-grade=${id}>
                  <th scope="row">${label}</th>
                  <td class="num" data-col="scored">${this.#n(effect.scored.get(id) ?? 0)}</td>
                  <td class="num" data-col="final">${this.#n(effect.final.get(id) ?? 0)}</td>
                  ${base === null ? nothing : html`<td class="num" data-col="loaded">${this.#n(base.final.get(id) ?? 0)}</td>`}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <p data-preview="moved">${this.t('ui.rubricEditor.quotaMoved', { count: this.#n(effect.moved) })}</p>
        <p data-preview="mean">${base === null ? this.t('ui.rubricEditor.mean', { mean: this.#score(effect.mean) }) : this.t('ui.rubricEditor.meanVs', { mean: this.#score(effect.mean), before: this.#score(base.mean) })}</p>
        ${changed === null
          ? nothing
          : html`<p class="changed" data-preview="changed" data-count=${changed}>${this.t('ui.rubricEditor.changed', { count: this.#n(changed), total: this.#n(effect.size), share: percent(lang, effect.size === 0 ? 0 : changed / effect.size) })}</p>`}`;
    }
    const about = table === null ? '' : this.t(`ui.rubricEditor.data.${table.kind}`, { period: periodLabel(table.period, lang, (key, values) => this.t(key, values)), count: this.#n(table.size) });
    return html`<section class="preview" part="preview" aria-labelledby="preview-h">
      <p class="section-title" id="preview-h">${this.t('ui.rubricEditor.preview')}</p>
      ${about === '' ? nothing : html`<p class="hint">${about}</p>`} ${body}
    </section>`;
  }

  // ── Import, export, reset ──────────────────────────────────────────────────────────────

  #openFile(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#import-file')?.click();
  }

  async #onFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      this.#importError = this.t('ui.rubricEditor.importFailed', { file: file.name, reason: this.t('ui.rubricEditor.notJson') });
      this.requestUpdate();
      return;
    } finally {
      // The same file may be chosen again after a fix.
      input.value = '';
    }
    this.#importError = null;
    this.#draft = toDraft(parsed);
    this.#raw.clear();
    this.#announcement = this.t('ui.rubricEditor.imported', { file: file.name });
    this.#focusNext = '#import';
    this.#validate(true);
    this.requestUpdate();
  }

  #export(): void {
    const json = this.json;
    const id = typeof this.#draft['id'] === 'string' && this.#draft['id'].trim() !== '' ? this.#draft['id'].trim() : 'rubric';
    const file = `${id.replace(/[^\w.\-\u3400-\u9fff]+/g, '_')}.json`;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    a.hidden = true;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.#announcement = this.t('ui.rubricEditor.exported', { file });
    this.requestUpdate();
  }

  #reset(): void {
    if (this.rubric === null) return;
    this.#draft = toDraft(this.rubric);
    this.#raw.clear();
    this.#importError = null;
    this.#announcement = this.t('ui.rubricEditor.resetDone');
    this.#validate(true);
    this.requestUpdate();
  }

  #goToField(e: Event): void {
    const id = (e.currentTarget as HTMLElement).dataset['target'];
    const target = id ? this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`) : null;
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusNext !== null) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
      this.#focusNext = null;
      target?.focus();
    }
  }

  #n(x: number): string {
    return numberFormat(this.i18n.lang, 0).format(x);
  }

  #score(x: number): string {
    return numberFormat(this.i18n.lang, 2).format(x);
  }
}

/** A fact's name in a language (the core's catalogue), or the name itself. */
function factLabel(name: string, lang: Lang): string {
  const label = translate(`fact.${name}`, lang);
  return label === `fact.${name}` ? name : label;
}

function reasonOf(error: unknown, lang: Lang): string {
  return describeError(error, lang);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = numberFormats.get(key);
  if (f === undefined) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits })));
  return f;
}

function percent(lang: Lang, x: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-rubric-editor': GualianRubricEditor;
  }
}
