import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { describeError, type Lang } from '@gualian/core';
import {
  AssessmentError,
  currentSheet,
  REVIEW_LEVELS,
  type ReviewFlow,
  type ReviewLevel,
  type ReviewStep,
  type Rubric,
  type RubricInput,
  type Scores,
  type ScoreSheet,
  type SheetLine,
  type SheetReview,
  type SheetSection,
} from '@gualian/core/assessment';
import { GualianElement } from '../base/gualian-element.js';
import { tonePalette } from '../base/styles.js';
import { printIsolation } from '../visit-log/styles.js';
import { formatNumber, formatStamp, periodValues, RubricWords } from './format.js';
import { scoreSheetStyles } from './styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/** Where subjects' names come from: a map of id → name, or a function. */
export type SubjectNames = ReadonlyMap<string, string> | ((subjectId: string) => string | undefined);

/** The name of a subject from a {@link SubjectNames}, or `undefined`. @internal */
export function nameOf(names: SubjectNames | null, id: string): string | undefined {
  if (names === null) return undefined;
  return typeof names === 'function' ? names(id) : names.get(id);
}

const FLOW_STEPS = ['submit', 'review', 'approve', 'publish'] as const;
const DEFAULT_FLOW: Readonly<Record<(typeof FLOW_STEPS)[number], ReviewLevel>> = { submit: 'village', review: 'township', approve: 'county', publish: 'city' };

/** What the element shows: a sheet and, when given, the review it belongs to. */
interface Shown {
  sheet: ScoreSheet;
  review: SheetReview | null;
}

/**
 * One subject's score sheet (成绩单) with the explanation of every point: the header (subject,
 * period, rubric, total, grade), each section and item with the facts it read and their values,
 * its points per unit or formula, the raw value, the cap that cut it and any veto that fired,
 * the section subtotals and section caps, the adjustments to the total, and the review history
 * (each step: level, who, when, action, reason, adjustments). It prints alone on A4 with lines
 * for the signatures of the reviewing levels, ready to file.
 *
 * Give it a core `ScoreSheet` as `sheet`, or a `SheetReview` as `review` (its current sheet and
 * its history are shown), or the `Scores` of `scoreAll` with a `row` or `subject`. Item, section
 * and grade labels follow the reader's language when the `rubric` is given (with `scores`, the
 * rubric scored with is used). Places are named from `hierarchy`, `store` or `src` when given,
 * else shown as codes. Every figure is the core's: the widget adds nothing up itself. All data is
 * rendered as text.
 *
 * @tag gualian-score-sheet
 * @summary One subject's score sheet, every point explained, with its review history; prints on A4.
 *
 * @attr {number} row - With `scores`: the row of the subject to show.
 * @attr {string} subject - With `scores`: the id of the subject to show (instead of `row`).
 * @attr {string} subject-name - The subject's name, shown with its id (else looked up in `names`).
 * @prop {ScoreSheet | null} sheet - The sheet to show; takes precedence over `review` and `scores`.
 * @prop {SheetReview | null} review - A sheet under review: its current revision and its history are shown.
 * @prop {Scores | null} scores - The scores of `scoreAll`, with `row` or `subject` naming whose sheet to show.
 * @prop {Rubric | null} rubric - The rubric, for labels in the reader's language and the items' descriptions.
 * @prop {Partial<ReviewFlow> | null} flow - Which level takes each step: the signature lines of the printout follow it.
 * @prop {SubjectNames | null} names - Subjects' names: a Map of id → name, or a function.
 *
 * @csspart sheet - The whole sheet.
 * @csspart header - The title, the facts about the sheet, the result and the print button.
 * @csspart title - The heading: the period's sheet.
 * @csspart facts - Subject, unit, place, period, rubric, state (a description list).
 * @csspart result - The total and the grade; also `result-vetoed` when a veto fired.
 * @csspart veto - The notice of a veto that fired.
 * @csspart actions - The print button's row.
 * @csspart print - The print button.
 * @csspart table - The explained table of sections and items.
 * @csspart line - One item's row.
 * @csspart subtotal - A section's subtotal row.
 * @csspart totals - The rows adding the sections up to the total.
 * @csspart history - The review history.
 * @csspart signatures - The signature lines (shown in print only).
 * @csspart notice - The message shown instead of a sheet.
 * @csspart status - The loading or error message.
 *
 * @cssprop [--gualian-rule-color=#d0d7de] - Table rules.
 * @cssprop [--gualian-section-background=#f6f8fa] - Background of a section's heading row.
 * @cssprop [--gualian-badge-bad-color=#a0111f] - A fired veto and deductions (and `-background`, default #ffebe9).
 * @cssprop [--gualian-badge-warn-color=#6f4400] - The note of a cap that cut an item (and `-background`, default #fff1c2).
 * @cssprop [--gualian-badge-info-background=#ddf4ff] - Background of the total.
 *
 * @example
 * <gualian-score-sheet subject="C000123" subject-name="王芳" src="/data/2023/5306.json"></gualian-score-sheet>
 * <script type="module">
 *   import { computeFacts, scoreAll, period, EXAMPLE_CADRE_RUBRIC } from '@gualian/core';
 *   const facts = computeFacts(roster, period('year', 2024), { rubric: EXAMPLE_CADRE_RUBRIC });
 *   document.querySelector('gualian-score-sheet').scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
 * </script>
 */
export class GualianScoreSheet extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, scoreSheetStyles];

  static override properties: PropertyDeclarations = {
    sheet: { attribute: false },
    review: { attribute: false },
    scores: { attribute: false },
    row: { type: Number },
    subject: {},
    subjectName: { attribute: 'subject-name' },
    rubric: { attribute: false },
    flow: { attribute: false },
    names: { attribute: false },
  };

  /** The sheet to show; takes precedence over `review` and `scores`. */
  declare sheet: ScoreSheet | null;

  /** A sheet under review: its current revision and its history are shown. */
  declare review: SheetReview | null;

  /** The scores of `scoreAll`; `row` or `subject` names whose sheet to show. */
  declare scores: Scores | null;

  /** With `scores`: the row of the subject to show. */
  declare row: number | null;

  /** With `scores`: the id of the subject to show (instead of `row`). */
  declare subject: string | null;

  /** The subject's name, shown with its id (else looked up in `names`). */
  declare subjectName: string | null;

  /** The rubric, for labels in the reader's language and the items' descriptions (default: that of `scores`). */
  declare rubric: Rubric | RubricInput | null;

  /** Which level takes each step of the review: the printout's signature lines follow it. */
  declare flow: Partial<ReviewFlow> | null;

  /** Subjects' names: a Map of id → name, or a function. */
  declare names: SubjectNames | null;

  #shown: Shown | null = null;
  #problem: AssessmentError | Error | null = null;

  constructor() {
    super();
    this.sheet = null;
    this.review = null;
    this.scores = null;
    this.row = null;
    this.subject = null;
    this.subjectName = null;
    this.rubric = null;
    this.flow = null;
    this.names = null;
  }

  /** The sheet shown, or `null`. */
  get shownSheet(): ScoreSheet | null {
    return this.#shown?.sheet ?? null;
  }

  /**
   * Print the sheet alone on A4: the rest of the page (and of a review queue holding the sheet)
   * is left out, the button too; signature lines for the reviewing levels close the page.
   * Opens the browser's print dialog.
   * @example
   * document.querySelector('gualian-score-sheet').print();
   */
  print(): void {
    const doc = this.ownerDocument;
    const win = doc.defaultView;
    // Inside another widget's shadow root, the outermost host is what the document can isolate;
    // that widget's own print styles leave the sheet alone within it.
    let outer: Element = this;
    for (let root = outer.getRootNode(); root instanceof ShadowRoot; root = outer.getRootNode()) outer = root.host;
    if (!win || outer.hasAttribute('data-gualian-printing')) return;
    const sheet = printIsolation(win);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    const marked = outer === this ? [this] : [outer, this];
    for (const el of marked) el.setAttribute('data-gualian-printing', '');
    const done = () => {
      win.removeEventListener('afterprint', done);
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      for (const el of marked) el.removeAttribute('data-gualian-printing');
    };
    win.addEventListener('afterprint', done);
    win.print();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('sheet') || changed.has('review') || changed.has('scores') || changed.has('row') || changed.has('subject')) this.#resolve();
  }

  #resolve(): void {
    this.#problem = null;
    this.#shown = null;
    if (this.sheet) {
      this.#shown = { sheet: this.sheet, review: this.review && this.review.sheets.includes(this.sheet) ? this.review : null };
      return;
    }
    if (this.review) {
      this.#shown = { sheet: currentSheet(this.review), review: this.review };
      return;
    }
    const scores = this.scores;
    if (!scores) return;
    const row = this.subject ? scores.facts.rowOf(this.subject) : this.row;
    if (row === null || row === undefined || !Number.isInteger(row) || row < 0 || row >= scores.size) return;
    try {
      this.#shown = { sheet: scores.sheet(row), review: null };
    } catch (e) {
      this.#problem = e instanceof Error ? e : new Error(String(e));
    }
  }

  protected override divisionsOptional = true;

  protected override render(): TemplateResult {
    const status = this.renderStatus();
    if (status) return status;
    const lang = this.resolvedLang;
    if (this.#problem) {
      const text = describeError(this.#problem, lang);
      return html`<p class="notice" part="notice" role="alert">${this.t('ui.scoreSheet.failed', { reason: text })}</p>`;
    }
    const shown = this.#shown;
    if (!shown) {
      const key: MessageKey = this.scores && (this.subject || this.row !== null) ? 'ui.scoreSheet.unknownSubject' : 'ui.scoreSheet.empty';
      return html`<p class="notice" part="notice">${this.t(key, { id: this.subject ?? String(this.row ?? '') })}</p>`;
    }
    const words = new RubricWords(this.rubric ?? this.scores?.rubric ?? null, lang);
    const { sheet, review } = shown;
    return html`
      <article class="sheet" part="sheet" aria-labelledby="title">
        ${this.#renderHeader(sheet, review, words, lang)} ${this.#renderTable(sheet, words, lang)} ${review ? this.#renderHistory(review, words, lang) : nothing}
        ${this.#renderSignatures()}
      </article>
    `;
  }

  // ── Header ──────────────────────────────────────────────────────────────────────────────

  #renderHeader(sheet: ScoreSheet, review: SheetReview | null, words: RubricWords, lang: Lang): TemplateResult {
    const name = this.subjectName || nameOf(this.names, sheet.subject.id);
    const period = this.#periodLabel(sheet, lang);
    const vetoed = sheet.vetoes.length > 0;
    const n = (x: number) => formatNumber(lang, x);
    const rubricName = sheet.rubric.version !== undefined ? this.t('ui.scoreSheet.rubricVersion', { name: sheet.rubric.name, version: sheet.rubric.version }) : sheet.rubric.name;
    const revision = review ? review.sheets.indexOf(sheet) + 1 : 0;
    return html`
      <header part="header">
        <h2 id="title" part="title">${this.t('ui.scoreSheet.title', { period })}</h2>
        <dl class="facts" part="facts">
          <dt>${this.t('ui.scoreSheet.subject')}</dt>
          <dd>${name ? this.t('ui.scoreSheet.nameAndId', { name, id: sheet.subject.id }) : sheet.subject.id}</dd>
          ${sheet.subject.unit ? html`<dt>${this.t('ui.scoreSheet.unit')}</dt><dd>${sheet.subject.unit}</dd>` : nothing}
          ${sheet.subject.place ? html`<dt>${this.t('ui.scoreSheet.place')}</dt><dd>${this.#path(sheet.subject.place)}</dd>` : nothing}
          <dt>${this.t('ui.scoreSheet.period')}</dt>
          <dd>${period}</dd>
          <dt>${this.t('ui.scoreSheet.rubric')}</dt>
          <dd>${rubricName}</dd>
          ${review
            ? html`<dt>${this.t('ui.scoreSheet.state')}</dt>
                <dd>
                  <span class="state" data-state=${review.state}>${this.t(`review.state.${review.state}` as MessageKey)}</span>${review.sheets.length > 1
                    ? html`<span class="note">${this.t('ui.scoreSheet.revisionOf', { revision, count: review.sheets.length })}</span>`
                    : nothing}
                </dd>`
            : nothing}
        </dl>
        <div class="result ${vetoed ? 'vetoed' : ''}" part=${vetoed ? 'result result-vetoed' : 'result'}>
          <p>
            ${this.t('ui.scoreSheet.total')}
            <span class="figure" data-total=${sheet.total}>${this.t('ui.scoreSheet.points', { points: n(sheet.total) })}</span>
          </p>
          <p>
            ${this.t('ui.scoreSheet.grade')}
            <span class="figure" data-grade=${sheet.grade}>${words.grade(sheet.grade)}</span>
          </p>
          ${sheet.grade !== sheet.bandGrade ? html`<p class="note">${this.t('ui.scoreSheet.bandGrade', { grade: words.grade(sheet.bandGrade) })}</p>` : nothing}
        </div>
        ${vetoed
          ? html`<p class="veto-notice" part="veto" role="note">
              ${sheet.vetoes
                .map((v) => {
                  const line = sheet.sections.find((s) => s.id === v.section)?.lines.find((l) => l.item === v.item);
                  return this.t('ui.scoreSheet.vetoFired', { item: words.item(v.section, v.item, line?.label ?? v.item), grade: words.grade(v.grade) });
                })
                .join(this.t('ui.scoreSheet.listSeparator'))}
            </p>`
          : nothing}
        <div class="actions" part="actions">
          <button type="button" part="print" @click=${() => this.print()}>${this.t('ui.scoreSheet.print')}</button>
        </div>
      </header>
    `;
  }

  // ── The explained table ─────────────────────────────────────────────────────────────────

  #renderTable(sheet: ScoreSheet, words: RubricWords, lang: Lang): TemplateResult {
    const n = (x: number) => formatNumber(lang, x);
    const s = (x: number) => formatNumber(lang, x, true);
    return html`
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="details-caption">
        <table part="table">
          <caption id="details-caption">${this.t('ui.scoreSheet.details')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('ui.scoreSheet.col.item')}</th>
              <th scope="col">${this.t('ui.scoreSheet.col.basis')}</th>
              <th scope="col">${this.t('ui.scoreSheet.col.method')}</th>
              <th scope="col" class="num">${this.t('ui.scoreSheet.col.raw')}</th>
              <th scope="col" class="num">${this.t('ui.scoreSheet.col.cap')}</th>
              <th scope="col" class="num">${this.t('ui.scoreSheet.col.points')}</th>
            </tr>
          </thead>
          ${sheet.sections.map((section) => this.#renderSection(sheet, section, words, lang))}
          <tfoot part="totals">
            <tr class="sum" data-value=${sheet.raw}>
              <th scope="row" colspan="5">${this.t('ui.scoreSheet.raw')}</th>
              <td class="num">${n(sheet.raw)}</td>
            </tr>
            ${sheet.rangeAdjustment !== 0
              ? html`<tr class="range-adjustment" data-value=${sheet.rangeAdjustment}>
                  <th scope="row" colspan="5">${this.t('ui.scoreSheet.rangeAdjustment')}</th>
                  <td class="num">${s(sheet.rangeAdjustment)}</td>
                </tr>`
              : nothing}
            ${sheet.vetoAdjustment !== 0
              ? html`<tr class="veto-adjustment" data-value=${sheet.vetoAdjustment}>
                  <th scope="row" colspan="5">${this.t('ui.scoreSheet.vetoAdjustment')}</th>
                  <td class="num"><span class="fired">${s(sheet.vetoAdjustment)}</span></td>
                </tr>`
              : nothing}
            <tr class="grand" data-value=${sheet.total}>
              <th scope="row" colspan="5">${this.t('ui.scoreSheet.total')}</th>
              <td class="num">${n(sheet.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    `;
  }

  #renderSection(sheet: ScoreSheet, section: SheetSection, words: RubricWords, lang: Lang): TemplateResult {
    const label = words.section(section.id, section.label);
    const n = (x: number) => formatNumber(lang, x);
    return html`
      <tbody data-section=${section.id}>
        <tr class="section-head">
          <th scope="rowgroup" colspan="6">
            ${label}${section.cap !== undefined ? html`<span class="section-cap">${this.t('ui.scoreSheet.sectionCap', { cap: n(section.cap) })}</span>` : nothing}
          </th>
        </tr>
        ${section.lines.map((line) => this.#renderLine(sheet, section, line, words, lang))}
        <tr class="subtotal" part="subtotal" data-section=${section.id} data-subtotal=${section.subtotal}>
          <th scope="row" colspan="5">
            ${this.t('ui.scoreSheet.subtotal', { section: label })}
            ${section.capAdjustment !== 0
              ? html`<span class="note" data-cap-adjustment=${section.capAdjustment}
                  >${this.t('ui.scoreSheet.sectionCapped', { points: formatNumber(lang, section.points), cap: n(section.cap ?? 0), adjustment: formatNumber(lang, section.capAdjustment, true) })}</span
                >`
              : nothing}
          </th>
          <td class="num">${formatNumber(lang, section.subtotal)}</td>
        </tr>
      </tbody>
    `;
  }

  #renderLine(sheet: ScoreSheet, section: SheetSection, line: SheetLine, words: RubricWords, lang: Lang): TemplateResult {
    const n = (x: number) => formatNumber(lang, x);
    const description = words.description(section.id, line.item);
    const veto = line.kind === 'veto';
    return html`
      <tr class="line ${line.kind}" part="line" data-section=${section.id} data-item=${line.item}>
        <th scope="row">
          <span class="item-label">${words.item(section.id, line.item, line.label)}</span><span class="kind ${line.kind}">${this.t(`assessment.kind.${line.kind}` as MessageKey)}</span>
          ${description ? html`<span class="description">${description}</span>` : nothing}
        </th>
        <td class="basis" data-label=${this.t('ui.scoreSheet.col.basis')}>
          <ul class="basis">
            ${line.facts.map((f) => {
              const evidence = sheet.facts[f.name]?.evidence;
              return html`<li data-fact=${f.name} data-value=${f.value}>
                <span class="fact-label">${words.fact(f.name)}</span><span class="fact-value">${n(f.value)}</span><code class="fact-name">${f.name}</code>
                ${evidence ? this.#renderEvidence(evidence, lang) : nothing}
              </li>`;
            })}
          </ul>
        </td>
        <td class="method" data-label=${this.t('ui.scoreSheet.col.method')}>
          ${line.rate !== undefined ? this.t('ui.scoreSheet.rate', { rate: n(line.rate) }) : nothing}
          ${line.formula !== undefined ? html`<code>${line.formula}</code>` : nothing}
          ${veto ? html`<span class="note">${this.t('ui.scoreSheet.vetoRule')}</span>` : nothing}
        </td>
        <td class="num raw" data-raw=${line.raw} data-label=${this.t('ui.scoreSheet.col.raw')}>${n(line.raw)}</td>
        <td class="num cap" data-label=${this.t('ui.scoreSheet.col.cap')}>
          ${line.cap !== undefined ? n(line.cap) : '—'}
          ${line.capped ? html`<span class="capped-note" data-capped="">${this.t('ui.scoreSheet.capped', { cap: n(line.cap ?? 0) })}</span>` : nothing}
        </td>
        <td class="num points ${line.points < 0 ? 'negative' : ''}" data-points=${line.points} data-label=${this.t('ui.scoreSheet.col.points')}>
          ${veto
            ? line.fired
              ? html`<span class="fired" data-fired="">${this.t('ui.scoreSheet.vetoYes')}</span>`
              : html`<span class="not-fired">${this.t('ui.scoreSheet.vetoNo')}</span>`
            : formatNumber(lang, line.points, line.kind === 'deduction' || line.kind === 'bonus')}
        </td>
      </tr>
    `;
  }

  #renderEvidence(evidence: ScoreSheet['facts'][string]['evidence'], lang: Lang): TemplateResult | typeof nothing {
    if (evidence.source === 'manual' && (evidence.note || evidence.author)) {
      const by = [evidence.author, evidence.at ? formatStamp(lang, evidence.at) : ''].filter(Boolean).join(this.t('ui.scoreSheet.listSeparator'));
      return html`<span class="evidence" data-source="manual">${this.t('ui.scoreSheet.evidenceManual', { note: evidence.note ?? '—', by: by || '—' })}</span>`;
    }
    if (evidence.source === 'findings' && evidence.code) {
      return html`<span class="evidence" data-source="findings">${this.t('ui.scoreSheet.evidenceFinding', { code: evidence.code, note: evidence.note ?? '' })}</span>`;
    }
    return nothing;
  }

  // ── Review history ──────────────────────────────────────────────────────────────────────

  #renderHistory(review: SheetReview, words: RubricWords, lang: Lang): TemplateResult {
    const n = (x: number) => formatNumber(lang, x);
    return html`
      <section class="history" part="history" aria-labelledby="history-title">
        <h3 id="history-title">${this.t('ui.scoreSheet.history')}</h3>
        ${review.steps.length === 0
          ? html`<p class="empty">${this.t('ui.scoreSheet.noSteps')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${this.t('ui.scoreSheet.stepsTable')}>
              <table class="steps">
                <thead>
                  <tr>
                    <th scope="col" class="num">${this.t('ui.scoreSheet.step.no')}</th>
                    <th scope="col">${this.t('ui.scoreSheet.step.at')}</th>
                    <th scope="col">${this.t('ui.scoreSheet.step.by')}</th>
                    <th scope="col">${this.t('ui.scoreSheet.step.action')}</th>
                    <th scope="col">${this.t('ui.scoreSheet.step.reason')}</th>
                    <th scope="col" class="num">${this.t('ui.scoreSheet.step.revision')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${review.steps.map(
                    (step, i) => html`<tr class="step" data-action=${step.action}>
                      <td class="num" data-label=${this.t('ui.scoreSheet.step.no')}>${n(i + 1)}</td>
                      <td class="num" data-label=${this.t('ui.scoreSheet.step.at')}>${formatStamp(lang, step.at)}</td>
                      <td data-label=${this.t('ui.scoreSheet.step.by')}>${this.t('ui.scoreSheet.step.reviewer', { level: this.t(`review.level.${step.level}` as MessageKey), id: step.by, scope: this.#name(step.scope) })}</td>
                      <td data-label=${this.t('ui.scoreSheet.step.action')}>
                        <span class="state">${this.t('ui.scoreSheet.step.move', { action: this.t(`review.action.${step.action}` as MessageKey), from: this.t(`review.state.${step.from}` as MessageKey), to: this.t(`review.state.${step.to}` as MessageKey) })}</span>
                      </td>
                      <td data-label=${this.t('ui.scoreSheet.step.reason')}>
                        ${step.reason ?? '—'} ${step.adjustments && step.adjustments.length > 0 ? this.#renderAdjustments(step, words, lang) : nothing}
                      </td>
                      <td class="num" data-label=${this.t('ui.scoreSheet.step.revision')}>${n(step.revision)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      </section>
    `;
  }

  #renderAdjustments(step: ReviewStep, words: RubricWords, lang: Lang): TemplateResult {
    const n = (x: number) => formatNumber(lang, x);
    return html`<ul class="adjustments">
      ${step.adjustments!.map(
        (a) => html`<li data-fact=${a.fact}>
          ${this.t('ui.scoreSheet.adjustment', { fact: words.fact(a.fact), from: n(a.from), to: n(a.to) })}${a.evidence ? html`<span class="note">${this.t('ui.scoreSheet.adjustmentEvidence', { evidence: a.evidence })}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  // ── Signatures (print) ──────────────────────────────────────────────────────────────────

  #renderSignatures(): TemplateResult {
    const flow = { ...DEFAULT_FLOW, ...(this.flow ?? {}) };
    const levels = REVIEW_LEVELS.filter((level) => FLOW_STEPS.some((step) => flow[step] === level));
    return html`<div class="signatures" part="signatures">
      ${levels.map(
        (level) => html`<p class="signature" data-level=${level}>
          <span>${this.t(`ui.scoreSheet.signature.${level}` as MessageKey)}</span><span class="line"></span><span>${this.t('ui.scoreSheet.signatureDate')}</span><span class="date"></span>
        </p>`,
      )}
    </div>`;
  }

  // ── Names ───────────────────────────────────────────────────────────────────────────────

  #periodLabel(sheet: ScoreSheet, lang: Lang): string {
    return this.t(`ui.scoreSheet.period.${sheet.period.kind}` as MessageKey, periodValues(lang, sheet.period));
  }

  #name(code: string): string {
    return this.divisions.hierarchy?.get(code)?.name ?? code;
  }

  /** 云南省 / 昭通市 / 镇雄县 / 泼机镇 / 泼机村民委员会 (the code when the divisions are not known). */
  #path(code: string): string {
    const h = this.divisions.hierarchy;
    return h?.has(code) ? h.pathOf(code).map((d) => d.name).join(' / ') : code;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-score-sheet': GualianScoreSheet;
  }
}
