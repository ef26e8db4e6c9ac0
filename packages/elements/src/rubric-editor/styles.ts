/**
 * The rubric editor's own styles. Static `css` only (a strict CSP forbids style attributes);
 * hints shrink in normal mode but never in large-text mode, which promises 18pt for every
 * text. A problem is always text next to its field; the red border only repeats it.
 */
import { css } from 'lit';

/** The editor's styles, on top of the shared base and the tone palette. */
export const editorStyles = css`
  .editor {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  p {
    margin: 0;
  }
  .toolbar,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .toolbar button:disabled {
    cursor: default;
    color: var(--_muted);
    border-color: var(--_rule);
  }
  .validity {
    border-radius: var(--gualian-radius, 4px);
    padding: 0.25em 0.5em;
    border-inline-start: 0.25em solid currentColor;
    font-weight: 600;
  }
  .validity.ok {
    color: var(--_ok);
    background: var(--_ok-bg);
  }
  .validity.bad {
    color: var(--_bad);
    background: var(--_bad-bg);
  }
  .issues {
    margin: 0;
    padding-inline-start: 1.5em;
    color: var(--gualian-error-color, #a0111f);
  }
  .issues li + li {
    margin-top: 0.25em;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.2em;
    text-align: start;
  }
  .layout {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 1em;
  }
  .form {
    flex: 3 1 30em;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  .preview {
    flex: 1 1 22em;
    min-width: 0;
    position: sticky;
    top: 0.5em;
    border: 1px solid var(--_rule);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.5em 0.75em;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  fieldset {
    margin: 0;
    min-width: 0;
    border: 1px solid var(--_rule);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.5em 0.75em 0.75em;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25em;
  }
  .section {
    background: var(--gualian-section-background, #f6f8fa);
  }
  .item {
    background: var(--gualian-background, #ffffff);
  }
  .kind {
    font-weight: normal;
    color: var(--_muted);
    margin-inline-start: 0.5em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5em 0.75em;
  }
  .row-title,
  .section-title {
    font-weight: 600;
  }
  .fact-row,
  .grade-row {
    border-top: 1px solid var(--_rule);
    padding-top: 0.375em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
    flex: 1 1 9em;
    min-width: 0;
  }
  .field.wide {
    flex: 3 1 16em;
  }
  .field.number {
    flex: 0 1 8em;
  }
  .field.actions {
    flex: 0 0 auto;
    flex-direction: row;
    align-self: flex-end;
  }
  .field.check {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    flex: 2 1 16em;
    align-self: flex-end;
  }
  .field.check input {
    width: 1.25em;
    height: 1.25em;
    min-height: 0;
    margin: 0;
  }
  /* A target of 44px or more in large-text mode, as every other control. */
  :host([large-text]) .field.check input {
    width: var(--_hit);
    height: var(--_hit);
  }
  .field.check .field-error {
    flex: 1 0 100%;
  }
  .field input[type='text'],
  .field select {
    width: 100%;
    min-width: 0;
  }
  .code-input {
    font-family: var(--gualian-mono-font-family, ui-monospace, 'Noto Sans Mono CJK SC', Consolas, monospace);
  }
  [aria-invalid='true'] {
    border-color: var(--gualian-error-color, #a0111f);
    border-width: 2px;
  }
  .field-error,
  .block-error,
  .error-text {
    color: var(--gualian-error-color, #a0111f);
  }
  .field-error,
  .hint {
    font-size: var(--_small);
  }
  .hint {
    color: var(--_muted);
  }
  .field-error p + p,
  .block-error p + p {
    margin-top: 0.125em;
  }
  .notice {
    color: var(--_warn);
    background: var(--_warn-bg);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.25em 0.5em;
  }
  caption {
    padding: 0 0 0.25em;
  }
  thead th {
    font-weight: 600;
  }
  tbody th {
    white-space: nowrap;
  }
  .changed {
    font-weight: 600;
  }
`;
