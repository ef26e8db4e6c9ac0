/**
 * The coverage board's bar chart, drawn by ECharts on a canvas. This module is only ever loaded
 * through a dynamic `import()` when a reader opens the chart (see base/chart-controller.ts);
 * base/echarts.ts holds what the widgets' charts share, and why they pass a strict CSP.
 */
import { mountChart, use } from '../base/echarts.js';
// By path rather than through the `echarts/charts` and `echarts/components` barrels: see
// base/echarts-modules.d.ts for why. The types still come from the barrels (types only, erased).
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as GridSimpleComponent } from 'echarts/lib/component/grid/installSimple.js';
import { install as LegendPlainComponent } from 'echarts/lib/component/legend/installLegendPlain.js';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import type { ChartHandle, ChartLook as BaseLook } from '../base/chart-controller.js';

use([BarChart, GridSimpleComponent, LegendPlainComponent]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/** One bar group: a division and its two percentages (`null` when there is nothing to count). */
export interface ChartRow {
  name: string;
  coverage: number | null;
  compliance: number | null;
}

/** What the chart borrows from the element, so it looks like the text around it. */
export interface ChartLook extends BaseLook {
  coverageColor: string;
  complianceColor: string;
  /** The series names in the reader's language. */
  coverageLabel: string;
  complianceLabel: string;
}

/** The height the chart needs: two bars and a gap per row, plus the legend and the axis. */
function heightFor(rows: number, look: ChartLook): number {
  return Math.round(Math.max(1, rows) * look.fontSize * 2.6 + look.fontSize * 6);
}

function optionFor(rows: readonly ChartRow[], look: ChartLook): Option {
  const text = { fontFamily: look.fontFamily, fontSize: look.fontSize, color: look.color };
  const percent = (p: number | null) => (p === null ? '—' : `${p}%`);
  const series = (name: string, color: string, values: (number | null)[]): BarSeriesOption => ({
    type: 'bar',
    name,
    data: values.map((v) => v ?? 0),
    itemStyle: { color },
    barMaxWidth: Math.round(look.fontSize * 1.1),
    label: {
      show: true,
      position: 'right',
      ...text,
      // Formatter output is drawn on the canvas as text: no markup is ever parsed.
      formatter: (p) => percent(values[p.dataIndex] ?? null),
    },
    emphasis: { disabled: true },
  });
  return {
    animation: look.animate,
    textStyle: text,
    legend: { top: 0, left: 0, selectedMode: false, textStyle: text, itemWidth: look.fontSize, itemHeight: Math.round(look.fontSize * 0.7) },
    grid: { left: 8, right: look.fontSize * 4, top: look.fontSize * 2.5, bottom: look.fontSize * 0.5, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { ...text, color: look.mutedColor, formatter: '{value}%' },
      splitLine: { lineStyle: { color: look.gridColor } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { ...text, interval: 0 },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: look.mutedColor } },
    },
    series: [
      series(look.coverageLabel, look.coverageColor, rows.map((r) => r.coverage)),
      series(look.complianceLabel, look.complianceColor, rows.map((r) => r.compliance)),
    ],
  };
}

/**
 * Draw the chart into `container` (an empty element the caller keeps in the DOM).
 * @example
 * const handle = drawChart(div, [{ name: '镇雄县', coverage: 99.6, compliance: 99.7 }], look);
 * handle.update(rows, { ...look, fontSize: 24 });
 * handle.dispose();
 */
export function drawChart(container: HTMLElement, rows: readonly ChartRow[], look: ChartLook): ChartHandle<readonly ChartRow[], ChartLook> {
  return mountChart(container, rows, look, (r, l) => ({ height: heightFor(r.length, l), option: optionFor(r, l) }));
}
