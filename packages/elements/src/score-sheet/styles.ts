/**
 * The score sheet's styles: the explained table, the review history, and the print layout on A4
 * (black on white, ruled table, signature lines for the reviewing levels). Static `css` only: a
 * strict CSP forbids style attributes, so every state (capped, fired, deduction) is a class.
 */
import { css } from 'lit';

/** The score sheet's styles, after the shared base and the tone palette. */
export const scoreSheetStyles = css`
  /*
   * Chromium ignores @page inside a shadow root; it is here for browsers and print tools that
   * read it, and print() adopts the same page size on the document (see printIsolation).
   */
  @page {
    size: A4 portrait;
    margin: 15mm 12mm;
  }
  .sheet > * + * {
    margin-top: 1em;
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
  p {
    margin: 0;
  }
  code {
    font-family: var(--gualian-mono-font-family, ui-monospace, 'Noto Sans Mono CJK SC', Consolas, monospace);
    font-size: inherit;
    overflow-wrap: break-word;
  }
  /* A formula breaks between its terms, not inside a fact's name: the table scrolls instead. */
  td.method {
    min-width: 12em;
  }
  tr.line > th {
    min-width: 8em;
  }
  /* When the table scrolls sideways, the points stay in view. */
  table[part='table'] thead th:last-child,
  tr.line > td:last-child,
  tr.subtotal > td:last-child,
  tfoot td:last-child {
    position: sticky;
    right: 0;
    background: var(--gualian-background, #ffffff);
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125em 1em;
    margin: 0;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .result {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 1.5em;
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--gualian-accent-color, #0b57d0);
    background: var(--_info-bg);
  }
  .result .figure {
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  :host([large-text]) .result .figure {
    font-size: 1.25em;
  }
  .result.vetoed {
    border-inline-start-color: var(--_bad);
    background: var(--_bad-bg);
  }
  .veto-notice {
    color: var(--_bad);
    background: var(--_bad-bg);
    padding: 0.25em 0.75em;
    border-inline-start: 4px solid currentColor;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }

  /* ── The explained table ───────────────────────────────────── */
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25em;
  }
  th,
  td {
    border-bottom: 1px solid var(--_rule);
    padding: 0.25em 0.5em;
    text-align: start;
    vertical-align: top;
  }
  thead th {
    border-bottom: 2px solid var(--gualian-border-color, #6e7781);
    white-space: nowrap;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  tr.section-head th {
    background: var(--gualian-section-background, #f6f8fa);
    border-top: 2px solid var(--gualian-border-color, #6e7781);
    font-weight: 700;
  }
  .section-cap {
    font-weight: normal;
    color: var(--_muted);
    margin-inline-start: 0.75em;
  }
  .item-label {
    font-weight: 600;
  }
  .kind {
    display: inline-block;
    font-size: var(--_small);
    padding: 0 0.375em;
    margin-inline-start: 0.375em;
    border-radius: var(--gualian-radius, 4px);
    border: 1px solid currentColor;
    color: var(--_muted);
    font-weight: normal;
  }
  .kind.bonus {
    color: var(--_ok);
  }
  .kind.deduction,
  .kind.veto {
    color: var(--_bad);
  }
  .description,
  .evidence,
  .note {
    display: block;
    font-size: var(--_small);
    color: var(--_muted);
  }
  ul.basis {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.basis li + li {
    margin-top: 0.125em;
  }
  .fact-value {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    margin-inline-start: 0.25em;
  }
  .fact-name {
    display: block;
    font-size: var(--_small);
    color: var(--_muted);
  }
  .capped-note {
    display: block;
    color: var(--_warn);
    background: var(--_warn-bg);
    font-size: var(--_small);
    padding: 0 0.25em;
    white-space: normal;
  }
  td.points.negative {
    color: var(--_bad);
  }
  .fired {
    color: var(--_bad);
    background: var(--_bad-bg);
    font-weight: 700;
    padding: 0 0.25em;
  }
  .not-fired {
    color: var(--_muted);
  }
  tr.subtotal th,
  tr.subtotal td {
    font-weight: 600;
    border-bottom: 1px solid var(--gualian-border-color, #6e7781);
  }
  tfoot th,
  tfoot td {
    font-weight: 600;
  }
  tfoot tr.grand th,
  tfoot tr.grand td {
    border-top: 2px solid var(--gualian-border-color, #6e7781);
    border-bottom: 2px solid var(--gualian-border-color, #6e7781);
    font-size: 1.1em;
  }

  /* ── Review history ───────────────────────────────────────── */
  .history .empty {
    color: var(--_muted);
  }
  ul.adjustments {
    margin: 0;
    padding-inline-start: 1.1em;
  }
  .state {
    white-space: nowrap;
  }

  .signatures {
    display: none;
  }

  /*
   * Large text (适老化) on screen: a six-column table at 18pt is wider than most portals, and
   * its points would scroll out of sight. Each item becomes a block instead, every value under
   * its column's name (the data-label of its cell); print keeps the table.
   */
  @media screen {
    :host([large-text]) table,
    :host([large-text]) tbody,
    :host([large-text]) tfoot,
    :host([large-text]) tr,
    :host([large-text]) th,
    :host([large-text]) td {
      display: block;
    }
    :host([large-text]) thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    :host([large-text]) caption {
      display: block;
    }
    :host([large-text]) tr.line,
    :host([large-text]) tr.step {
      padding: 0.375em 0;
      border-bottom: 1px solid var(--_rule);
    }
    :host([large-text]) tr.line > *,
    :host([large-text]) tr.step > * {
      border: none;
      padding: 0.125em 0.5em;
      text-align: start;
      white-space: normal;
    }
    :host([large-text]) td[data-label]::before {
      content: attr(data-label);
      color: var(--_muted);
      margin-inline-end: 0.5em;
    }
    :host([large-text]) tr.subtotal,
    :host([large-text]) tfoot tr {
      display: flex;
      justify-content: space-between;
      gap: 1em;
    }
    :host([large-text]) tr.subtotal > *,
    :host([large-text]) tfoot tr > * {
      border: none;
    }
    :host([large-text]) td.method,
    :host([large-text]) tr.line > th {
      min-width: 0;
    }
    :host([large-text]) tr > :last-child {
      position: static;
    }
    :host([large-text]) .capped-note {
      display: inline-block;
      margin-inline-start: 0.5em;
    }
  }

  /*
   * Print: the sheet alone, black on white, on A4 (print() isolates the element on the page and
   * sets the page size on the document). The button is for the screen; the signature lines are
   * for the paper.
   */
  @media print {
    :host,
    :host([large-text]) {
      font-size: 10.5pt;
      line-height: 1.4;
      color: #000;
      background: #fff;
    }
    .actions {
      display: none !important;
    }
    h2 {
      text-align: center;
      font-size: 16pt;
      margin-bottom: 8pt;
    }
    .facts {
      grid-template-columns: max-content 1fr max-content 1fr;
    }
    .facts dt,
    .description,
    .evidence,
    .note,
    .fact-name,
    .section-cap,
    .kind,
    .kind.bonus,
    .kind.deduction,
    .kind.veto,
    td.points.negative,
    .not-fired {
      color: #000;
    }
    .result,
    .result.vetoed,
    .veto-notice,
    .fired,
    .capped-note,
    tr.section-head th {
      color: #000;
      background: none;
    }
    .result,
    .veto-notice {
      border: 1pt solid #000;
    }
    .table-wrap {
      overflow: visible;
    }
    table[part='table'] thead th:last-child,
    tr.line > td:last-child,
    tr.subtotal > td:last-child,
    tfoot td:last-child {
      position: static;
    }
    th,
    td,
    tr.subtotal th,
    tr.subtotal td,
    tr.section-head th,
    tfoot tr.grand th,
    tfoot tr.grand td {
      border: 0.5pt solid #000;
      padding: 2pt 4pt;
    }
    thead th,
    tfoot tr.grand th,
    tfoot tr.grand td {
      border-block-width: 1.5pt;
    }
    thead {
      display: table-header-group;
    }
    /* The totals once, at the end: a repeated footer would read as a total on every page. */
    tfoot {
      display: table-row-group;
    }
    tr {
      break-inside: avoid;
    }
    tr.section-head {
      break-after: avoid;
    }
    table[part='table'] thead th:nth-child(1) {
      width: 20%;
    }
    table[part='table'] thead th:nth-child(2) {
      width: 28%;
    }
    table[part='table'] thead th:nth-child(3) {
      width: 24%;
    }
    .description,
    .evidence,
    .note,
    .kind,
    .capped-note {
      font-size: 8.5pt;
    }
    .fact-name {
      font-size: 8pt;
    }
    .history {
      break-inside: auto;
    }
    .signatures {
      display: grid;
      grid-template-columns: 1fr;
      gap: 16pt;
      margin-top: 16pt;
      break-inside: avoid;
    }
    .signature {
      display: flex;
      gap: 6pt;
      align-items: flex-end;
    }
    .signature .line {
      flex: 1;
      border-bottom: 0.5pt solid #000;
      min-height: 1.4em;
    }
    .signature .date {
      flex: none;
      width: 9em;
      border-bottom: 0.5pt solid #000;
    }
  }
`;
