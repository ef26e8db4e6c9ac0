/**
 * The roster's own styles. Static `css` only: a strict CSP forbids style attributes, so every
 * state (tone, open list, active option) is a class or an ARIA attribute styled here. Secondary
 * text shrinks in normal mode but never in large-text mode, which promises 18pt for all text.
 */
import { css } from 'lit';

/** The roster's styles, on top of the shared base. */
export const rosterStyles = css`
  .roster {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  p {
    margin: 0;
  }
  /* The UA's bare "monospace" would shrink code to 13px; naming a font first avoids that quirk. */
  code {
    font-family: var(--gualian-mono-font-family, ui-monospace, 'Noto Sans Mono CJK SC', Consolas, monospace);
    font-size: inherit;
  }
  .path ol {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.25em;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .path li + li::before {
    content: '/';
    color: var(--_muted);
    margin-inline-end: 0.25em;
  }
  .path button {
    border-color: transparent;
    text-decoration: underline;
    padding: 0 0.25em;
  }
  .title {
    font-size: 1.125em;
    font-weight: 600;
  }
  .section-title {
    font-weight: 600;
    margin: 0 0 0.375em;
  }
  .summary {
    border-radius: var(--gualian-radius, 4px);
    padding: 0.25em 0.5em;
    border-inline-start: 0.25em solid currentColor;
  }
  .ok {
    color: var(--_ok);
    background: var(--_ok-bg);
  }
  .warn {
    color: var(--_warn);
    background: var(--_warn-bg);
  }
  .bad {
    color: var(--_bad);
    background: var(--_bad-bg);
  }
  .tag {
    display: inline-block;
    border-radius: 0.75em;
    padding: 0 0.5em;
    white-space: nowrap;
  }
  .muted,
  .hint {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    min-width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 0 0 0.25em;
  }
  th,
  td {
    text-align: start;
    vertical-align: middle;
    padding: 0.25em 0.5em;
    border-bottom: 1px solid var(--_rule);
  }
  thead th {
    color: var(--_muted);
    font-weight: 600;
    white-space: nowrap;
  }
  tbody th {
    font-weight: 600;
  }
  th.num,
  td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .field {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
  }
  .field input {
    flex: 1 1 14em;
    min-width: 0;
  }
  .field select {
    flex: 1 1 14em;
    min-width: 0;
    max-width: 100%;
  }
  .field .hint,
  .field [role='listbox'] {
    flex: 1 0 100%;
  }
  [role='listbox'] {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--gualian-border-color, #6e7781);
    border-radius: var(--gualian-radius, 4px);
    max-height: 18em;
    overflow: auto;
  }
  [role='option'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
    padding: 0.25em 0.5em;
    min-height: var(--_hit);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--gualian-result-active-background, #d3e3fd);
    outline: 2px solid var(--gualian-focus-color, #0b57d0);
    outline-offset: -2px;
  }
  .opt-name {
    font-weight: 600;
  }
  ul.plain {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  ul.plain li + li {
    margin-top: 0.25em;
  }
  .problems li.error {
    color: var(--_bad);
  }
  .plan {
    border: 1px solid var(--_rule);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.5em 0.75em;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  button.primary {
    color: var(--gualian-button-primary-color, #ffffff);
    background: var(--gualian-accent-color, #0b57d0);
  }
`;
