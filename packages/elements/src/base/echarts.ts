/**
 * What every chart of the widgets shares, on the ECharts side: the environment fix, the canvas
 * renderer, and mounting a chart that follows its container's size. Only the widgets' chart
 * modules import it, and they are only ever loaded through a dynamic `import()` when a reader
 * opens a chart, so ECharts (hundreds of KB) stays out of every page that never shows one.
 *
 * Strict CSP: ECharts' canvas renderer sizes and positions its elements through CSSOM
 * (`element.style.x = …`, `style.cssText = …`), which `style-src-attr 'none'` allows; it never
 * parses a style attribute. The HTML tooltip would (its markup carries `style="…"`), so no chart
 * uses the tooltip component: values are drawn as labels and listed in each chart's data table.
 */
// First, so it runs before any ECharts module reads process.env.NODE_ENV.
import './echarts-env.js';
// By path rather than through the barrels: see echarts-modules.d.ts for why.
import { init } from 'echarts/lib/core/echarts.js';
import { use } from 'echarts/lib/extension.js';
import { install as CanvasRenderer } from 'echarts/lib/renderer/installCanvasRenderer.js';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import type { ChartHandle } from './chart-controller.js';

use([CanvasRenderer]);

export { use };

/**
 * Draw an ECharts option into `container` (an empty element the caller keeps in the DOM), at the
 * given height in px, redrawn when the container is resized. The option and height are made
 * again from the data and look on every update.
 * @example
 * export const drawChart = (container, rows, look) => mountChart(container, rows, look, (r, l) => ({ height: 300, option: optionFor(r, l) }));
 */
export function mountChart<D, L>(container: HTMLElement, data: D, look: L, layout: (data: D, look: L) => { height: number; option: EChartsCoreOption }): ChartHandle<D, L> {
  const first = layout(data, look);
  // The height follows the data and the text size; set through CSSOM, which a strict CSP
  // allows (a style attribute it would not).
  container.style.height = `${first.height}px`;
  const chart: EChartsType = init(container, null, { renderer: 'canvas' });
  chart.setOption(first.option);
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(container);
  return {
    container,
    update(nextData, nextLook) {
      const next = layout(nextData, nextLook);
      container.style.height = `${next.height}px`;
      chart.resize();
      chart.setOption(next.option, { notMerge: true });
    },
    dispose() {
      resize.disconnect();
      chart.dispose();
    },
  };
}
