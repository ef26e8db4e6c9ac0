/**
 * The case board's styles: the filters in a row, the columns side by side (scrolling sideways
 * when they do not fit), cards as full-width buttons, the open case's panel above the columns.
 * Static `css` only.
 */
import { css } from 'lit';

/** The board's styles, after the shared base and the tone palette. */
export const caseBoardStyles = css`
  .board {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  p {
    margin: 0;
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.3;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1em;
  }
  .muted,
  .refused {
    color: var(--_muted);
  }
  .filters label {
    gap: 0.125em;
  }
  .filters label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.5em;
  }
  .filters input[type='checkbox'] {
    width: 1.25em;
    height: 1.25em;
  }
  :host([large-text]) .filters input[type='checkbox'] {
    height: var(--_hit);
  }
  .columns {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(var(--gualian-column-width, 16em), 1fr);
    gap: 0.75em;
    overflow-x: auto;
    padding-bottom: 0.5em;
  }
  .column {
    display: flex;
    flex-direction: column;
    gap: 0.375em;
    min-width: 0;
    background: var(--gualian-column-background, #f6f8fa);
    border: 1px solid var(--_rule);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.5em;
  }
  .column h3 {
    display: flex;
    justify-content: space-between;
    gap: 0.5em;
  }
  .count {
    font-variant-numeric: tabular-nums;
    font-weight: normal;
    color: var(--_muted);
  }
  .cards {
    list-style: none;
    margin: 0;
    padding: 2px;
    display: flex;
    flex-direction: column;
    gap: 0.375em;
    max-height: var(--gualian-column-height, 36em);
    overflow-y: auto;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
    width: 100%;
    text-align: start;
    color: var(--gualian-color, #1f2328);
    border: 1px solid var(--_rule);
    background: var(--gualian-background, #ffffff);
    padding: 0.375em 0.5em;
  }
  .card.overdue {
    border-inline-start: 4px solid var(--_bad);
  }
  .card[aria-expanded='true'] {
    background: var(--_info-bg);
    border-color: var(--gualian-accent-color, #0b57d0);
  }
  .card-head {
    display: flex;
    justify-content: space-between;
    gap: 0.5em;
    flex-wrap: wrap;
  }
  .case-id {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .summary,
  .place {
    overflow-wrap: anywhere;
  }
  .place {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .badge.plain {
    background: transparent;
    color: var(--_muted);
    padding: 0;
  }
  .more {
    width: 100%;
  }
  .panel {
    border: 2px solid var(--gualian-accent-color, #0b57d0);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.75em;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  .panel-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 1em;
  }
  @media print {
    .filters,
    .more,
    .close {
      display: none;
    }
    .columns {
      display: block;
    }
    .cards {
      max-height: none;
    }
  }
`;
