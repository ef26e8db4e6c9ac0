/**
 * Pieces both disputes statistics widgets draw (work-order stats, resolution levels): the scope
 * as a path of names, the list of events the core refused while replaying, and the chart's
 * section (the toggle, the canvas container and its table alternative).
 */
import { describeError } from '@gualian/core';
import { html, nothing, type TemplateResult } from 'lit';
import { describeDisputeError, DisputeError } from '@gualian/core/disputes';
import type { Hierarchy, Lang } from '@gualian/core';
import type { MessageKey } from '../i18n/index.js';
import { formatCount } from '../coverage-board/figures.js';

type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

/**
 * The scope as its path of names (云南省 / 昭通市 / 镇雄县), its code when the hierarchy does not
 * know it, or `''` without a scope.
 * @example
 * scopePath(h, '530627'); // '云南省 / 昭通市 / 镇雄县'
 */
export function scopePath(h: Hierarchy | null, scope: string | null): string {
  const code = (scope ?? '').trim();
  if (code === '') return '';
  return h !== null && h.has(code) ? h.pathOf(code).map((d) => d.name).join(' / ') : code;
}

/** Why the statistics cannot be computed (a core `DisputeError` in the reader's language), as an alert. */
export function renderProblem(error: unknown, lang: Lang, t: Translate): TemplateResult {
  const reason = describeError(error, lang);
  return html`<p class="status error" part="status" role="alert">${t('ui.disputeStats.failed', { reason })}</p>`;
}

/** How many refused events are listed: a wrong file can have every event refused, and the first ones tell why. */
const REFUSED_LISTED = 100;

/** The events the core refused while replaying, each with its position and why; nothing when none. */
export function renderRefused(refused: readonly { position: number; id: string; error: DisputeError }[], lang: Lang, t: Translate): TemplateResult | typeof nothing {
  if (refused.length === 0) return nothing;
  return html`<details class="refused" part="refused">
    <summary>${t('ui.disputeStats.refused', { count: formatCount(refused.length, lang) })}</summary>
    <ol>
      ${refused.slice(0, REFUSED_LISTED).map((r) => html`<li>${t('ui.disputeStats.refusedEntry', { position: formatCount(r.position + 1, lang), id: r.id, reason: describeDisputeError(r.error, lang) })}</li>`)}
    </ol>
    ${refused.length > REFUSED_LISTED ? html`<p class="muted">${t('ui.disputeStats.refusedMore', { count: formatCount(refused.length - REFUSED_LISTED, lang) })}</p>` : nothing}
  </details>`;
}

/**
 * The chart's section: the toggle, then (when shown) the chart's status, its canvas container
 * and the table of its values; or, where a table of the widget already holds them, a reference
 * to it (`describedBy`, the id of that table) instead of a second copy.
 */
export function renderChartSection(options: {
  /** The chart code's loading or failure message (`LazyChart.renderStatus`). */
  status: TemplateResult | typeof nothing;
  shown: boolean;
  /** Names the chart (its role=img label) and its data table. */
  label: string;
  caption: string;
  table: { head: TemplateResult; rows: TemplateResult } | { describedBy: string };
  onToggle: () => void;
  t: Translate;
}): TemplateResult {
  const { shown, t } = options;
  return html`<section class="chart-section" aria-label=${options.caption}>
    <button type="button" id="chart-toggle" part="chart-toggle" aria-expanded=${shown ? 'true' : 'false'} aria-controls="chart-body" @click=${options.onToggle}>
      ${t(shown ? 'ui.hideChart' : 'ui.showChart')}
    </button>
    <div id="chart-body" class="chart-body" ?hidden=${!shown}>
      ${shown
        ? html`${options.status}
            ${'describedBy' in options.table
              ? html`<div class="chart" part="chart" role="img" aria-label=${options.label} aria-describedby=${options.table.describedBy}></div>`
              : html`<div class="chart" part="chart" role="img" aria-label=${options.label}></div>
                  <table class="chart-data" part="chart-data">
                    <caption>${options.caption}</caption>
                    <thead>${options.table.head}</thead>
                    <tbody>${options.table.rows}</tbody>
                  </table>`}`
        : nothing}
    </div>
  </section>`;
}
