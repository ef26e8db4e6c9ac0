/**
 * The review queue's styles: the filters, the list (a listbox whose options are styled by their
 * ARIA state), the action panel and, in print, the open sheet alone. Static `css` only.
 */
import { css } from 'lit';

/** The queue's styles, after the shared base and the tone palette. */
export const reviewQueueStyles = css`
  .queue {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  p {
    margin: 0;
  }
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.3;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.1em;
  }
  h4 {
    font-size: 1em;
  }
  .muted {
    color: var(--_muted);
  }
  .filters label {
    gap: 0.125em;
  }
  .filters input {
    width: 14em;
    max-width: 100%;
  }
  /* The list beside the actions, the open sheet below both at full width (it is a wide table). */
  .layout {
    display: grid;
    grid-template-columns: minmax(14em, 22em) minmax(0, 1fr);
    gap: 1em;
    align-items: start;
  }
  .layout > gualian-score-sheet {
    grid-column: 1 / -1;
    min-width: 0;
  }
  :host([large-text]) .layout {
    grid-template-columns: minmax(0, 1fr);
  }
  @media (max-width: 48em) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  /* ── The list ─────────────────────────────────────────────── */
  .list-pane {
    min-width: 0;
  }
  .list-title {
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  [role='listbox'] {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_rule);
    border-radius: var(--gualian-radius, 4px);
    max-height: var(--gualian-queue-height, 26em);
    overflow-y: auto;
  }
  [role='option'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0 0.5em;
    padding: 0.375em 0.5em;
    border-bottom: 1px solid var(--_rule);
    cursor: pointer;
    min-height: var(--_hit);
  }
  [role='option']:last-child {
    border-bottom: none;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_info-bg);
    box-shadow: inset 4px 0 0 var(--gualian-accent-color, #0b57d0);
  }
  [role='option']:focus-visible {
    outline-offset: -3px;
  }
  .who {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .id,
  .where {
    font-size: var(--_small);
    color: var(--_muted);
    font-weight: normal;
    overflow-wrap: anywhere;
  }
  .where {
    grid-column: 1;
  }
  .score {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .badges {
    grid-column: 2;
    text-align: end;
    white-space: nowrap;
  }
  .badge {
    display: inline-block;
    font-size: var(--_small);
    padding: 0 0.375em;
    border-radius: var(--gualian-radius, 4px);
    color: var(--_info);
    background: var(--_info-bg);
  }
  [aria-selected='true'] .badge {
    background: var(--gualian-background, #ffffff);
  }
  .badge.veto {
    color: var(--_bad);
    background: var(--_bad-bg);
  }
  .empty {
    color: var(--_muted);
    padding: 0.5em;
    border: 1px dashed var(--_rule);
    border-radius: var(--gualian-radius, 4px);
  }

  /* ── The action panel ─────────────────────────────────────── */
  .detail {
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 1em;
  }
  .panel {
    border: 1px solid var(--_rule);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.75em 1em;
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  .forms {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16em), 1fr));
    gap: 0.75em 1em;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 0.375em;
    border-top: 1px solid var(--_rule);
    padding-top: 0.5em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
  }
  .field input,
  .field select,
  textarea {
    width: 100%;
  }
  textarea {
    font: inherit;
    color: inherit;
    min-height: calc(2 * var(--_hit));
    background: var(--gualian-input-background, #ffffff);
    border: 1px solid var(--gualian-border-color, #6e7781);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.25em 0.5em;
    resize: vertical;
  }
  .hint {
    font-size: var(--_small);
    color: var(--_muted);
  }
  [aria-invalid='true'] {
    border-color: var(--gualian-error-color, #a0111f);
    outline: 1px solid var(--gualian-error-color, #a0111f);
  }
  .field-error,
  .refusal {
    color: var(--gualian-error-color, #a0111f);
  }
  .refusal:not(:empty) {
    padding: 0.25em 0.5em;
    border-inline-start: 4px solid currentColor;
    background: var(--_bad-bg);
  }
  .outcome:not(:empty) {
    padding: 0.25em 0.5em;
    border-inline-start: 4px solid currentColor;
    color: var(--_ok);
    background: var(--_ok-bg);
  }
  .refusal:empty,
  .outcome:empty {
    display: none;
  }
  button.primary {
    color: var(--gualian-primary-color, #ffffff);
    background: var(--gualian-accent-color, #0b57d0);
    align-self: flex-start;
  }
  form button {
    align-self: flex-start;
  }

  /* Print: the open sheet alone (the sheet's own print styles do the rest). */
  @media print {
    .queue > :not(.layout),
    .list-pane,
    .detail,
    .panel {
      display: none !important;
    }
    .layout {
      display: block;
    }
  }
`;
