/**
 * The resolution levels' own styles, on top of the statistics widgets' shared ones. Static `css`
 * only (a strict CSP forbids style attributes).
 */
import { css } from 'lit';

/** The headline figures and the table's share-and-count cells. */
export const resolutionLevelsStyles = css`
  .headline-wrap {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .headline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    margin: 0;
  }
  .figure {
    flex: 1 1 14em;
    border: 1px solid var(--_rule);
    border-top: 4px solid var(--_ok);
    border-radius: var(--gualian-radius, 4px);
    padding: 0.5em 0.75em;
  }
  .figure dt {
    font-weight: 600;
  }
  .figure dd {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
  }
  .figure-value {
    font-size: 1.5em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .count {
    display: block;
    color: var(--_muted);
    font-size: var(--_small);
  }
  tfoot th,
  tfoot td {
    font-weight: 600;
    border-top: 2px solid var(--gualian-border-color, #6e7781);
  }
`;
