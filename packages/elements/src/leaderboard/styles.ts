/**
 * The leaderboard's own styles. Static `css` only (a strict CSP forbids style attributes);
 * secondary text shrinks in normal mode but never in large-text mode, which promises 18pt for
 * every text. Movement and list membership are text first; colour only repeats them.
 */
import { css } from 'lit';

/** The leaderboard's styles, on top of the shared base, the tone palette, the table and the red/black lists (base/rank-lists.ts). */
export const leaderboardStyles = css`
  :host {
    --_up: var(--gualian-move-up-color, #116329);
    --_down: var(--gualian-move-down-color, #a0111f);
  }
  .board {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  p {
    margin: 0;
  }
  code {
    font-family: var(--gualian-mono-font-family, ui-monospace, 'Noto Sans Mono CJK SC', Consolas, monospace);
    font-size: inherit;
  }
  .title {
    font-size: 1.125em;
    font-weight: 600;
  }
  .section-title {
    font-weight: 600;
  }
  .muted,
  .id {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .notice {
    color: var(--_warn);
    background: var(--_warn-bg);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.25em 0.5em;
  }

  .filters select {
    max-width: 14em;
  }
  .filters input {
    width: 10em;
  }
  .summary {
    color: var(--_muted);
  }


  .dist {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
    margin: 0 0 0.25em;
  }
  .dist-item {
    display: flex;
    gap: 0.375em;
    align-items: baseline;
  }
  .dist dt {
    color: var(--_muted);
  }
  .dist dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  th,
  td {
    vertical-align: middle;
  }
  thead th {
    vertical-align: bottom;
    white-space: nowrap;
    font-weight: 600;
  }
  .place {
    font-size: var(--_small);
  }
  /* Short words that read wrong broken (政法/委, 合/格). */
  .unit,
  .grade {
    white-space: nowrap;
  }
  .link {
    border: 0;
    background: none;
    padding: 0 0.25em;
    color: var(--gualian-accent-color, #0b57d0);
    text-decoration: underline;
    text-underline-offset: 0.2em;
    text-align: start;
  }

  .move {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .move.up {
    color: var(--_up);
  }
  .move.down {
    color: var(--_down);
  }
  .move.same,
  .move.new {
    color: var(--_muted);
  }

  .tag {
    display: inline-block;
    border-radius: 0.75em;
    padding: 0 0.5em;
    white-space: nowrap;
  }
  .tag.warn {
    color: var(--_warn);
    background: var(--_warn-bg);
  }
  .tag.bad {
    color: var(--_bad);
    background: var(--_bad-bg);
  }
  .grade {
    margin-inline-end: 0.25em;
  }

  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-top: 0.5em;
  }
  .pager button:disabled {
    cursor: default;
    color: var(--_muted);
    border-color: var(--_rule);
  }
`;
