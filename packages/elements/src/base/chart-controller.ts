/**
 * The widgets' side of their charts: a Lit controller that fetches a chart module (ECharts and
 * the widget's chart code, a separate chunk) the first time a chart is shown, draws it into the
 * container the widget renders, redraws it when the data or the look changed, and disposes of
 * it when hidden or disconnected. The look comes from the element's computed style, so the chart
 * matches the text around it, its large-text mode, and the reader's wish for reduced motion.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MessageKey } from '../i18n/index.js';

/**
 * The chart's section as the widgets draw it: the body hidden with the toggle, the canvas
 * container as wide as the widget, its data table below.
 * @example
 * static override styles = [...GualianElement.styles, chartSectionStyles, myStyles];
 */
export const chartSectionStyles = css`
  .chart-body[hidden] {
    display: none;
  }
  .chart-body {
    margin-top: 0.5em;
  }
  .chart {
    width: 100%;
    min-height: 6em;
  }
  .chart-data {
    margin-top: 0.5em;
  }
`;

/** A drawn chart. */
export interface ChartHandle<D, L> {
  readonly container: HTMLElement;
  update(data: D, look: L): void;
  dispose(): void;
}

/** A chart module: what a widget's `chart.ts` exports. */
export interface ChartModule<D, L> {
  drawChart(container: HTMLElement, data: D, look: L): ChartHandle<D, L>;
}

/** What every chart borrows from its element, so it looks like the text around it. */
export interface ChartLook {
  fontFamily: string;
  /** Text size in px (24 or more in large-text mode). */
  fontSize: number;
  color: string;
  mutedColor: string;
  gridColor: string;
  /** Whether to animate (off for readers who ask for reduced motion). */
  animate: boolean;
}

/**
 * The shared part of a chart's look, read from `container`'s computed style; `colours` names
 * further custom properties with their defaults, read the same way.
 * @example
 * const { look, colours } = chartLook(div, { coverage: ['--gualian-chart-coverage-color', '#0b57d0'] });
 */
export function chartLook<K extends string>(container: HTMLElement, colours: Record<K, readonly [string, string]>): { look: ChartLook; colours: Record<K, string> } {
  const style = getComputedStyle(container);
  const prop = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const out = {} as Record<K, string>;
  for (const [key, [name, fallback]] of Object.entries(colours) as [K, readonly [string, string]][]) out[key] = prop(name, fallback);
  return {
    look: {
      fontFamily: style.fontFamily,
      fontSize: parseFloat(style.fontSize) || 16,
      color: style.color,
      mutedColor: prop('--gualian-muted-color', '#59636e'),
      gridColor: prop('--gualian-chart-grid-color', '#d0d7de'),
      animate: !matchMedia('(prefers-reduced-motion: reduce)').matches,
    },
    colours: out,
  };
}

/**
 * Fetches a widget's chart module when a chart is first shown and keeps one chart drawn.
 * @example
 * readonly #chart = new LazyChart(this, () => import('./chart.js'));
 * // render(): ${this.#chart.renderStatus((k, v) => this.t(k, v))} <div class="chart" part="chart" role="img"></div>
 * // updated(): this.#chart.draw(this.showChart ? container : null, rows, () => look);
 */
export class LazyChart<D, L> implements ReactiveController {
  /** Where the chart's code is: not asked for, on its way, here, or failed to arrive. */
  state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  /** Why it failed. */
  error = '';
  #module: ChartModule<D, L> | null = null;
  #handle: ChartHandle<D, L> | null = null;
  #key = '';
  readonly #host: ReactiveControllerHost;
  readonly #load: () => Promise<ChartModule<D, L>>;

  constructor(host: ReactiveControllerHost, load: () => Promise<ChartModule<D, L>>) {
    this.#host = host;
    this.#load = load;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.dispose();
  }

  /** Fetch the chart's code, once (again after a failure, when `retry` is set). */
  request(retry = false): void {
    if (retry && this.state === 'failed') this.state = 'idle';
    if (this.state === 'idle') void this.#fetch();
  }

  async #fetch(): Promise<void> {
    this.state = 'loading';
    try {
      this.#module = await this.#load();
      this.state = 'ready';
    } catch (e) {
      this.state = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.#host.requestUpdate();
  }

  /**
   * Draw `data` into `container` (or dispose of the chart when it is `null`): called after each
   * render; redraws only when the data or the look changed.
   */
  draw(container: HTMLElement | null, data: D, look: (container: HTMLElement) => L): void {
    if (container === null) {
      this.dispose();
      return;
    }
    if (this.state !== 'ready' || this.#module === null) return;
    if (this.#handle !== null && this.#handle.container !== container) this.dispose();
    const l = look(container);
    const key = JSON.stringify([data, l]);
    if (this.#handle === null) this.#handle = this.#module.drawChart(container, data, l);
    else if (key !== this.#key) this.#handle.update(data, l);
    this.#key = key;
  }

  /** Dispose of the chart drawn, if any. */
  dispose(): void {
    this.#handle?.dispose();
    this.#handle = null;
    this.#key = '';
  }

  /** The loading or failure message of the chart's code, in the element's language. */
  renderStatus(t: (key: MessageKey, values?: Readonly<Record<string, string>>) => string): TemplateResult | typeof nothing {
    if (this.state === 'loading') return html`<p class="muted" part="chart-status" role="status">${t('ui.loading')}</p>`;
    if (this.state === 'failed') return html`<p class="status error" part="chart-status" role="alert">${t('ui.chartFailed', { reason: this.error })}</p>`;
    return nothing;
  }
}
