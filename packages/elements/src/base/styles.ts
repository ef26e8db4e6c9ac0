/**
 * The styles every gualian element shares: theme custom properties with defaults that meet
 * 4.5:1 contrast, the large-text (适老化) mode and a focus ring that is always visible.
 * Static `css` only: a strict CSP forbids style attributes, so nothing is styled inline.
 */
import { css } from 'lit';

/**
 * Shared base styles; see {@link GualianElement} for the custom properties.
 * @example
 * static override styles = [baseStyles, css`.levels { display: flex; }`];
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--gualian-color, #1f2328);
    background: var(--gualian-background, #ffffff);
    font-family: var(--gualian-font-family, system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    font-size: var(--gualian-font-size, 1rem);
    line-height: var(--gualian-line-height, 1.5);
    --_hit: 2.25rem;
  }
  /* 18pt is 24px; rem alone would follow an old portal's tiny root size (html { font-size: 62.5% }). */
  :host([large-text]) {
    font-size: max(var(--gualian-large-font-size, 24px), 24px);
    --_hit: max(3rem, 48px);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    min-height: var(--_hit);
  }
  input,
  select {
    background: var(--gualian-input-background, #ffffff);
    border: 1px solid var(--gualian-border-color, #6e7781);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.125em 0.5em;
  }
  select:disabled {
    color: var(--gualian-muted-color, #59636e);
    background: var(--gualian-disabled-background, #f6f8fa);
  }
  button {
    cursor: pointer;
    background: var(--gualian-button-background, #ffffff);
    color: var(--gualian-accent-color, #0b57d0);
    border: 1px solid var(--gualian-accent-color, #0b57d0);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.125em 0.75em;
  }
  :focus-visible {
    outline: var(--gualian-focus-width, 3px) solid var(--gualian-focus-color, #0b57d0);
    outline-offset: 2px;
  }
  .status {
    margin: 0.25em 0;
    color: var(--gualian-muted-color, #59636e);
  }
  .status.error {
    color: var(--gualian-error-color, #a0111f);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/**
 * The tone palette of the dashboards (ok, warn, bad, info: the same custom properties as the
 * tree's badges), a rule colour, and a "small" size that large-text mode turns back to full
 * size, since it promises 18pt for every text.
 */
export const tonePalette = css`
  :host {
    --_small: 0.875em;
    --_rule: var(--gualian-rule-color, #d0d7de);
    --_muted: var(--gualian-muted-color, #59636e);
    --_ok: var(--gualian-badge-ok-color, #116329);
    --_ok-bg: var(--gualian-badge-ok-background, #dafbe1);
    --_warn: var(--gualian-badge-warn-color, #6f4400);
    --_warn-bg: var(--gualian-badge-warn-background, #fff1c2);
    --_bad: var(--gualian-badge-bad-color, #a0111f);
    --_bad-bg: var(--gualian-badge-bad-background, #ffebe9);
    --_info: var(--gualian-badge-info-color, #0550ae);
    --_info-bg: var(--gualian-badge-info-background, #ddf4ff);
  }
  :host([large-text]) {
    --_small: 1em;
  }
`;

/**
 * A bar of filters above a list or table: labelled controls side by side, wrapping, each label
 * above its control. Widgets add their own spacing.
 */
export const filterBarStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em 1em;
  }
  .filters label {
    display: flex;
    flex-direction: column;
  }
`;

/**
 * The data tables of the dashboards (coverage board, leaderboard, rubric editor): a scrolling
 * wrapper, full width, rules between rows, a heavier rule under the head, right-aligned numbers.
 * A widget's own stylesheet, listed after this one, adjusts what it needs.
 */
export const dataTableStyles = css`
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
    padding: 0 0 0.375em;
  }
  th,
  td {
    padding: 0.125em 0.5em;
    border-bottom: 1px solid var(--_rule);
    text-align: start;
    font-weight: normal;
  }
  thead th {
    border-bottom: 2px solid var(--gualian-border-color, #6e7781);
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;
