/**
 * The red and black lists (红黑榜) of the dashboards that rank (the leaderboard, the work-order
 * stats): two boxes side by side, the red one (the good list,
 * red by custom) and the black one, each an ordered list of rank, name and score; the ranking
 * table's rows marked when on a list, and the names that open a row. Membership is text first;
 * colour only repeats it. Static `css` only (a strict CSP forbids style attributes).
 */
import { css } from 'lit';

/**
 * The lists' boxes and entries, the marks of listed rows and the row-opening names.
 * @example
 * static override styles = [...GualianElement.styles, tonePalette, dataTableStyles, redBlackListStyles, myStyles];
 */
export const redBlackListStyles = css`
  :host {
    --_red: var(--gualian-red-list-color, #a0111f);
    --_black: var(--gualian-black-list-color, #1f2328);
  }
  .lists {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }
  .list {
    flex: 1 1 20em;
    min-width: 0;
    border: 1px solid var(--_rule);
    border-top: 4px solid var(--_black);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.5em 0.75em;
  }
  .list.red {
    border-top-color: var(--_red);
  }
  .list.red .list-title {
    color: var(--_red);
  }
  .list.black .list-title {
    color: var(--_black);
  }
  .list-title {
    font-weight: 600;
  }
  .entries {
    margin: 0.25em 0;
    padding: 0;
    list-style: none;
  }
  .entries li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
    padding: 0.125em 0;
    border-bottom: 1px solid var(--_rule);
  }
  .entry-rank {
    min-width: 4.5em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .entry-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .entry-score {
    font-variant-numeric: tabular-nums;
  }
  tbody tr:hover,
  tbody tr:focus-within {
    background: var(--gualian-row-hover-background, #f6f8fa);
  }
  tbody tr.red th {
    box-shadow: inset 3px 0 0 var(--_red);
  }
  tbody tr.black th {
    box-shadow: inset 3px 0 0 var(--_black);
  }
  .open {
    border: 0;
    background: none;
    padding: 0 0.25em;
    color: var(--gualian-accent-color, #0b57d0);
    text-decoration: underline;
    text-underline-offset: 0.2em;
    text-align: start;
    font-weight: 600;
  }
`;
