/**
 * The visit log's styles: the form, the calendar heat map (shades by class, never by a style
 * attribute, which the strict CSP forbids), the ledger table, and a print sheet that leaves the
 * ledger alone on the page.
 */
import { css } from 'lit';

/** The element's own styles, after the shared base styles. */
export const visitLogStyles = css`
  .log > * + * {
    margin-top: 1.25em;
  }
  h2,
  h3 {
    margin: 0 0 0.5em;
    line-height: 1.3;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.1em;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125em 1em;
    margin: 0 0 0.5em;
  }
  .facts dt {
    color: var(--gualian-muted-color, #59636e);
  }
  .facts dd {
    margin: 0;
  }
  .facts ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .compliance {
    margin: 0.5em 0;
    padding: 0.25em 0.75em;
    border-inline-start: 4px solid currentColor;
    color: var(--gualian-badge-ok-color, #116329);
    background: var(--gualian-badge-ok-background, #dafbe1);
  }
  .compliance.short {
    color: var(--gualian-badge-bad-color, #a0111f);
    background: var(--gualian-badge-bad-background, #ffebe9);
  }
  .note,
  .help,
  .empty {
    color: var(--gualian-muted-color, #59636e);
    margin: 0.25em 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .actions p {
    margin: 0;
  }

  /* ── The form ─────────────────────────────────────────────── */
  form {
    border: 1px solid var(--gualian-rule-color, #d0d7de);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.75em 1em 1em;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12em), 1fr));
    gap: 0.75em 1em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
    min-width: 0;
  }
  .field > label {
    /* Fields of a row are equally tall: a label that wraps pushes nothing out of line. */
    flex-grow: 1;
  }
  .field.wide {
    grid-column: 1 / -1;
  }
  .field.village select {
    max-width: 36em;
  }
  .field select,
  .field input {
    width: 100%;
  }
  textarea {
    font: inherit;
    color: inherit;
    width: 100%;
    min-height: calc(2 * var(--_hit));
    background: var(--gualian-input-background, #ffffff);
    border: 1px solid var(--gualian-border-color, #6e7781);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.25em 0.5em;
    resize: vertical;
  }
  fieldset {
    border: 1px solid var(--gualian-rule-color, #d0d7de);
    border-radius: var(--gualian-radius, 4px);
    margin: 0;
    padding: 0.25em 0.75em 0.5em;
  }
  legend {
    padding: 0 0.25em;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
    gap: 0 1em;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: var(--_hit);
  }
  .choice input {
    /* The box scales with the text, and the row, not the tiny box, is the target. */
    width: 1.1em;
    height: 1.1em;
    min-height: 0;
    margin: 0;
    flex: none;
  }
  :host([large-text]) .choice input {
    /* The targets check measures the box itself: 44px and more in large-text mode. */
    width: 48px;
    height: 48px;
  }
  [aria-invalid='true'] {
    border-color: var(--gualian-error-color, #a0111f);
    outline: 1px solid var(--gualian-error-color, #a0111f);
  }
  fieldset.invalid {
    border-color: var(--gualian-error-color, #a0111f);
  }
  .error {
    color: var(--gualian-error-color, #a0111f);
    margin: 0;
  }
  .form-status {
    margin: 0 0 0.5em;
  }
  .form-status:empty {
    display: none;
  }
  .form-status.saved {
    color: var(--gualian-badge-ok-color, #116329);
  }
  .form-status.invalid {
    color: var(--gualian-error-color, #a0111f);
  }
  .submit {
    margin-top: 0.75em;
  }
  button.primary {
    color: var(--gualian-primary-color, #ffffff);
    background: var(--gualian-accent-color, #0b57d0);
  }

  /* ── The calendar heat map ────────────────────────────────── */
  .calendar {
    --_cell: 1.1em;
  }
  .scroller {
    overflow-x: auto;
    max-width: 100%;
    padding: 4px;
  }
  .heatmap {
    border-collapse: separate;
    border-spacing: 2px;
    font-size: 0.75em;
    line-height: var(--_cell);
  }
  :host([large-text]) .heatmap {
    /* All text at 18pt or more; cells as tall as a line of it (1.3 line spacing). */
    font-size: 1em;
    --_cell: 1.3em;
  }
  .heatmap th {
    font-weight: normal;
    color: var(--gualian-muted-color, #59636e);
    padding: 0 0.25em 0 0;
    white-space: nowrap;
    text-align: start;
  }
  .heatmap tbody th {
    /* The weekday stays in view when a wide year (large text) is scrolled sideways. */
    position: sticky;
    left: 0;
    z-index: 1;
    background: var(--gualian-background, #ffffff);
  }
  .heatmap td {
    width: var(--_cell);
    min-width: var(--_cell);
    height: var(--_cell);
    padding: 0;
    border-radius: 2px;
  }
  .heatmap td.day {
    cursor: pointer;
  }
  .heatmap td:focus-visible {
    outline-offset: 1px;
  }
  .l0 {
    background: var(--gualian-heat-0, #eef1f4);
    box-shadow: inset 0 0 0 1px var(--gualian-rule-color, #d0d7de);
  }
  .l1 {
    background: var(--gualian-heat-1, #9be9a8);
  }
  .l2 {
    background: var(--gualian-heat-2, #30a14e);
  }
  .l3 {
    background: var(--gualian-heat-3, #0e4429);
  }
  .heatmap td.chosen {
    box-shadow: inset 0 0 0 2px var(--gualian-accent-color, #0b57d0);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 1em;
    margin: 0.5em 0;
    padding: 0;
    list-style: none;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.375em;
  }
  .swatch {
    display: inline-block;
    width: 1em;
    height: 1em;
    border-radius: 2px;
  }
  .day-visits {
    margin: 0.5em 0 0;
  }
  .day-visits ul {
    margin: 0.25em 0 0;
    padding-inline-start: 1.25em;
  }

  /* ── The ledger ───────────────────────────────────────────── */
  .table-wrap {
    overflow-x: auto;
  }
  table.ledger {
    border-collapse: collapse;
    width: 100%;
  }
  .ledger caption {
    text-align: start;
  }
  .ledger th,
  .ledger td {
    border-bottom: 1px solid var(--gualian-rule-color, #d0d7de);
    padding: 0.25em 0.5em;
    text-align: start;
    vertical-align: top;
  }
  .ledger thead th {
    border-bottom: 2px solid var(--gualian-border-color, #6e7781);
    white-space: nowrap;
  }
  .ledger tfoot th,
  .ledger tfoot td {
    border-top: 2px solid var(--gualian-border-color, #6e7781);
    border-bottom: none;
    font-weight: 600;
  }
  .ledger .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .ledger .village {
    min-width: 8em;
  }
  .ledger .date {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .signatures {
    display: none;
  }

  /*
   * Print: the ledger alone, black on white, on A4 (the page size itself is set by print(),
   * since an @page rule inside a shadow root is ignored). The form, the calendar and the
   * buttons are for the screen.
   */
  @media print {
    :host,
    :host([large-text]) {
      font-size: 10.5pt;
      line-height: 1.4;
      color: #000;
      background: #fff;
    }
    form,
    .calendar,
    .actions,
    .form-status {
      display: none !important;
    }
    .compliance,
    .compliance.short,
    .facts dt {
      color: #000;
      background: none;
    }
    .compliance {
      border-inline-start-width: 3pt;
    }
    .table-wrap {
      overflow: visible;
    }
    .ledger th,
    .ledger td,
    .ledger tfoot th,
    .ledger tfoot td {
      border: 0.5pt solid #000;
      padding: 2pt 4pt;
    }
    .ledger thead th,
    .ledger tfoot th,
    .ledger tfoot td {
      border-block-width: 1.5pt;
    }
    .ledger thead {
      display: table-header-group;
    }
    .ledger tr {
      break-inside: avoid;
    }
    .signatures {
      display: flex;
      gap: 6em;
      margin-top: 2em;
    }
  }
`;

/**
 * The document-level sheet print() adopts while it prints: A4, and everything but the printing
 * element hidden. Visibility works in every browser but leaves the space of what it hides; the
 * `:has()` rule (Chromium 105+, dropped by older ones) removes that space too.
 * @example
 * document.adoptedStyleSheets = [...document.adoptedStyleSheets, printIsolation(window)];
 */
export function printIsolation(win: Window): CSSStyleSheet {
  // A constructed sheet can only be adopted by the document of the window that made it.
  const sheet = new (win as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(`
    @page { size: A4 portrait; margin: 15mm 12mm; }
    @media print {
      body * { visibility: hidden !important; }
      [data-gualian-printing], [data-gualian-printing] * { visibility: visible !important; }
      [data-gualian-printing] { position: absolute !important; left: 0 !important; top: 0 !important; width: 100% !important; margin: 0 !important; }
    }
  `);
  try {
    sheet.insertRule('@media print { body *:not([data-gualian-printing]):not(:has([data-gualian-printing])):not([data-gualian-printing] *) { display: none !important; } }', sheet.cssRules.length);
  } catch {
    // No :has(): the visibility rules above still print the ledger alone.
  }
  return sheet;
}
