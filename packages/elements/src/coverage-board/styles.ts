/**
 * The coverage board's own styles. Static `css` only (a strict CSP forbids style attributes);
 * secondary text shrinks in normal mode but never in large-text mode, which promises 18pt for
 * every text.
 */
import { css } from 'lit';

/** The board's styles, on top of the shared base. */
export const boardStyles = css`
  .board {
    display: flex;
    flex-direction: column;
    gap: 1em;
  }
  p {
    margin: 0;
  }
  /* The UA's bare "monospace" would shrink code to 13px; naming a font first avoids that quirk. */
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
    margin: 0 0 0.375em;
  }
  .notice {
    color: var(--_warn);
    background: var(--_warn-bg);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.25em 0.5em;
  }
  .crumbs ol {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.25em;
    list-style: none;
    margin: 0.25em 0 0;
    padding: 0;
  }
  .crumbs li + li::before {
    content: '›';
    color: var(--_muted);
    margin-inline-end: 0.25em;
  }
  .crumb,
  .open,
  .link {
    border: 0;
    background: none;
    padding: 0 0.25em;
    color: var(--gualian-accent-color, #0b57d0);
    text-decoration: underline;
    text-underline-offset: 0.2em;
    text-align: start;
  }
  [aria-current] {
    font-weight: 600;
    padding: 0 0.25em;
  }

  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12em, 1fr));
    gap: 0.5em;
    margin: 0;
  }
  .stat {
    border: 1px solid var(--_rule);
    border-inline-start: 4px solid var(--_rule);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.375em 0.625em;
  }
  .stat.ok {
    border-inline-start-color: var(--_ok);
  }
  .stat.warn {
    border-inline-start-color: #bf8700;
  }
  .stat.bad {
    border-inline-start-color: var(--_bad);
  }
  .stat dt {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .stat dd {
    margin: 0;
  }
  .stat .value {
    font-size: 1.375em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .stat.bad .value {
    color: var(--_bad);
  }
  /* Numbers never break inside; "1,395 / 1,402" may still wrap at its spaces in large text. */
  .stat .n {
    white-space: nowrap;
  }
  .stat .sub {
    display: block;
    color: var(--_muted);
  }

  thead th {
    vertical-align: bottom;
    white-space: nowrap;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    border: 0;
    background: none;
    padding: 0 0.25em;
    color: inherit;
    font-weight: 600;
  }
  .arrow {
    display: inline-block;
    width: 1em;
    color: var(--_muted);
  }
  /* The arrow's place on the left in numeric columns, so their labels line up with the numbers. */
  th.num .sort {
    flex-direction: row-reverse;
  }
  th[aria-sort='ascending'] .arrow::before {
    content: '▲';
  }
  th[aria-sort='descending'] .arrow::before {
    content: '▼';
  }
  tbody tr:hover,
  tbody tr:focus-within {
    background: var(--gualian-row-hover-background, #f6f8fa);
  }
  .muted,
  .code {
    color: var(--_muted);
  }

  .tag {
    display: inline-block;
    border-radius: 0.75em;
    padding: 0 0.5em;
    white-space: nowrap;
    color: var(--_info);
    background: var(--_info-bg);
  }
  .tag.ok,
  .tag.info-ok {
    color: var(--_ok);
    background: var(--_ok-bg);
  }
  .tag.warn,
  .tag.warning {
    color: var(--_warn);
    background: var(--_warn-bg);
  }
  .tag.bad,
  .tag.error {
    color: var(--_bad);
    background: var(--_bad-bg);
  }
  .bad-text {
    color: var(--_bad);
    font-weight: 600;
  }

  .village-status {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    align-items: center;
  }

  .filters {
    margin: 0 0 0.5em;
  }
  .filters select {
    max-width: 16em;
  }
  .filters input {
    width: 10em;
  }
  .count {
    color: var(--_muted);
    margin: 0 0 0.25em;
  }
  .violations {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .violation {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5em;
    align-items: baseline;
    padding: 0.375em 0;
    border-bottom: 1px solid var(--_rule);
  }
  .violation .message {
    overflow-wrap: anywhere;
  }
  .violation .meta {
    grid-column: 2;
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    color: var(--_muted);
    font-size: var(--_small);
  }
  .more {
    margin-top: 0.5em;
  }
`;
