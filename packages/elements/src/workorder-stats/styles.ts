/**
 * The styles of the disputes' statistics widgets (work-order stats, resolution levels). Static
 * `css` only (a strict CSP forbids style attributes); secondary text shrinks in normal mode but
 * never in large-text mode, which promises 18pt for every text. List membership and the picked
 * unit are text first; colour only repeats them.
 */
import { css } from 'lit';

/** What both statistics widgets share, on top of the base, the tone palette and the data tables. */
export const statsStyles = css`
  .board {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  p {
    margin: 0;
  }
  .title {
    font-size: 1.125em;
    font-weight: 600;
  }
  .section-title {
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .scope {
    overflow-wrap: anywhere;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em 1em;
  }
  .controls label {
    display: flex;
    flex-direction: column;
  }
  .controls select {
    max-width: 16em;
  }
  .summary {
    color: var(--_muted);
  }
  .refused summary {
    color: var(--_bad);
    cursor: pointer;
  }
  .refused ol {
    margin: 0.25em 0;
    overflow-wrap: anywhere;
  }
  .refused summary:focus-visible {
    outline: var(--gualian-focus-width, 3px) solid var(--gualian-focus-color, #0b57d0);
    outline-offset: 2px;
  }
  th,
  td {
    vertical-align: middle;
  }
  thead th {
    vertical-align: bottom;
    font-weight: 600;
  }
`;

/** The work-order stats' own styles, on top of the shared ones and `redBlackListStyles`. */
export const workorderStatsStyles = css`
  .lists-wrap {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .why {
    flex-basis: 100%;
    color: var(--_muted);
    font-size: var(--_small);
  }
  thead th {
    white-space: nowrap;
  }
  .sort {
    border: 0;
    background: none;
    padding: 0 0.25em;
    color: inherit;
    font-weight: 600;
    text-align: inherit;
  }
  /* Unit names are long (上高桥回族彝族苗族乡人民政府): the table scrolls rather than squeeze them. */
  tbody th {
    min-width: 9em;
  }
  .open {
    overflow-wrap: anywhere;
  }
  .open[aria-current='true'] {
    text-decoration-thickness: 3px;
  }
  .more {
    margin-top: 0.5em;
  }
  .tag {
    display: inline-block;
    border-radius: 0.75em;
    padding: 0 0.5em;
    white-space: nowrap;
    font-size: var(--_small);
  }
  .tag.red {
    color: var(--_red);
    background: var(--_bad-bg);
  }
  .tag.black {
    color: var(--gualian-background, #ffffff);
    background: var(--_black);
  }
`;
