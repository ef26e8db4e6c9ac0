/**
 * The case timeline's styles: the facts as a definition list, badges in the tone palette, the
 * events as a ruled list, the form's fields stacked, and in print the record without the form.
 * Static `css` only.
 */
import { css } from 'lit';

/**
 * The case widgets' badges (status, severity, level, days left or over) in the tone palette:
 * shared by the timeline and the board's cards.
 */
export const caseBadgeStyles = css`
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.375em;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 1em;
    background: var(--_info-bg);
    color: var(--_info);
    font-size: var(--_small);
    white-space: nowrap;
  }
  .badge.ok {
    background: var(--_ok-bg);
    color: var(--_ok);
  }
  .badge.warn,
  .badge.severity-major {
    background: var(--_warn-bg);
    color: var(--_warn);
  }
  .badge.bad,
  .badge.severity-very-major {
    background: var(--_bad-bg);
    color: var(--_bad);
  }
`;

/** The timeline's styles, after the shared base and the tone palette. */
export const caseTimelineStyles = css`
  .case {
    display: flex;
    flex-direction: column;
    gap: 1em;
  }
  p {
    margin: 0;
  }
  h2,
  h3,
  h4 {
    margin: 0 0 0.25em;
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
    margin-top: 0.5em;
  }
  .muted,
  .hint {
    color: var(--_muted);
  }
  .hint,
  .note {
    font-size: var(--_small);
  }
  .badges {
    margin: 0.25em 0;
  }
  .summary {
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.125em 1em;
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .parties li,
  .duties li,
  .due li {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    align-items: baseline;
    padding: 0.25em 0;
    border-bottom: 1px solid var(--_rule);
  }
  .party-name,
  .duty-title,
  .due-what {
    font-weight: 600;
  }
  .due li.overdue,
  .duties li.overdue {
    box-shadow: inset 4px 0 0 var(--_bad);
    padding-inline-start: 0.5em;
  }
  meter {
    width: 8em;
    vertical-align: middle;
  }
  .events {
    border-inline-start: 2px solid var(--_rule);
    padding-inline-start: 1em;
  }
  .events li {
    position: relative;
    padding: 0.375em 0;
    border-bottom: 1px solid var(--_rule);
  }
  .events li::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(-1em - 6px);
    top: 0.8em;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--gualian-accent-color, #0b57d0);
  }
  .event-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
  }
  time {
    font-variant-numeric: tabular-nums;
  }
  .payload {
    margin-top: 0.125em;
  }
  .actions {
    border-top: 2px solid var(--_rule);
    padding-top: 0.75em;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    max-width: 40em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
    border: none;
    margin: 0;
    padding: 0;
  }
  .field.check label {
    display: flex;
    gap: 0.5em;
    align-items: center;
  }
  input[type='checkbox'] {
    width: 1.25em;
    height: 1.25em;
  }
  :host([large-text]) input[type='checkbox'] {
    width: 1em;
    height: var(--_hit);
  }
  legend {
    padding: 0;
  }
  .consent {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    align-items: center;
    margin: 0.125em 0;
  }
  textarea {
    font: inherit;
    color: inherit;
    min-height: var(--_hit);
    border: 1px solid var(--gualian-border-color, #6e7781);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.125em 0.5em;
  }
  [aria-invalid='true'] {
    border-color: var(--gualian-error-color, #a0111f);
  }
  .field-error,
  .refusal,
  .notice.error {
    color: var(--gualian-error-color, #a0111f);
  }
  .refusal {
    background: var(--_bad-bg);
    padding: 0.25em 0.5em;
    border-radius: var(--gualian-radius, 4px);
  }
  .outcome:empty {
    display: none;
  }
  .outcome {
    color: var(--_ok);
    background: var(--_ok-bg);
    padding: 0.25em 0.5em;
    border-radius: var(--gualian-radius, 4px);
  }
  button.primary {
    align-self: flex-start;
    background: var(--gualian-accent-color, #0b57d0);
    color: var(--gualian-primary-color, #ffffff);
  }
  @media print {
    .actions {
      display: none;
    }
    .events li {
      break-inside: avoid;
    }
    .badge {
      border: 1px solid currentColor;
    }
  }
`;
