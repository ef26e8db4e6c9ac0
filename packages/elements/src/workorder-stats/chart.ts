/**
 * The work-order stats' chart: the on-time completion and satisfaction rates of a unit (or of
 * all units) by month, two lines on a canvas drawn by ECharts. Loaded through a dynamic
 * `import()` the first time a reader opens it (see base/chart-controller.ts and base/echarts.ts).
 */
import { mountChart, use } from '../base/echarts.js';
// By path rather than through the barrels: see base/echarts-modules.d.ts.
import { install as LineChart } from 'echarts/lib/chart/line/install.js';
import { install as GridSimpleComponent } from 'echarts/lib/component/grid/installSimple.js';
import { install as LegendPlainComponent } from 'echarts/lib/component/legend/installLegendPlain.js';
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import type { ChartHandle, ChartLook } from '../base/chart-controller.js';

use([LineChart, GridSimpleComponent, LegendPlainComponent]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption>;

/** The months and the two rates in each, as percentages (`null` where there was nothing to rate). */
export interface RateSeries {
  /** The months' labels in the reader's language. */
  months: string[];
  onTime: (number | null)[];
  satisfaction: (number | null)[];
}

/** The look of the rates chart: the shared look, the lines' colours and names. */
export interface RatesLook extends ChartLook {
  onTimeColor: string;
  satisfactionColor: string;
  onTimeLabel: string;
  satisfactionLabel: string;
}

/**
 * Where the rate axis starts: rates of hotlines sit in the nineties, where a 0–100% axis would
 * flatten every change; the axis starts at the ten below the lowest rate less five (its labels
 * say so), and at 0 when a rate falls that low.
 */
function floorOf(data: RateSeries): number {
  const rates = [...data.onTime, ...data.satisfaction].filter((v): v is number => v !== null);
  return rates.length === 0 ? 0 : Math.max(0, Math.floor((Math.min(...rates) - 5) / 10) * 10);
}

function optionFor(data: RateSeries, look: RatesLook): Option {
  const text = { fontFamily: look.fontFamily, fontSize: look.fontSize, color: look.color };
  const line = (name: string, color: string, values: (number | null)[], symbol: string): LineSeriesOption => ({
    type: 'line',
    name,
    // A month without a rate is a gap in the line, not a zero.
    data: values.map((v) => (v === null ? '-' : v)),
    itemStyle: { color },
    lineStyle: { color, width: Math.max(2, Math.round(look.fontSize / 8)) },
    symbol,
    symbolSize: Math.round(look.fontSize * 0.5),
    connectNulls: false,
    label: { show: data.months.length <= 6, position: 'top', ...text, formatter: '{c}%' },
    emphasis: { disabled: true },
  });
  return {
    animation: look.animate,
    textStyle: text,
    legend: { top: 0, left: 0, selectedMode: false, textStyle: text, itemWidth: look.fontSize * 1.5, itemHeight: Math.round(look.fontSize * 0.7) },
    grid: { left: 8, right: look.fontSize * 2, top: look.fontSize * 3, bottom: look.fontSize * 0.5, containLabel: true },
    xAxis: { type: 'category', data: data.months, axisLabel: { ...text, color: look.mutedColor }, axisLine: { lineStyle: { color: look.mutedColor } } },
    yAxis: { type: 'value', min: floorOf(data), max: 100, axisLabel: { ...text, color: look.mutedColor, formatter: '{value}%' }, splitLine: { lineStyle: { color: look.gridColor } } },
    series: [line(look.onTimeLabel, look.onTimeColor, data.onTime, 'circle'), line(look.satisfactionLabel, look.satisfactionColor, data.satisfaction, 'diamond')],
  };
}

/**
 * Draw the rates chart into `container` (an empty element the caller keeps in the DOM).
 * @example
 * const handle = drawChart(div, { months: ['1月', '2月'], onTime: [97.5, 98.1], satisfaction: [96, null] }, look);
 */
export function drawChart(container: HTMLElement, data: RateSeries, look: RatesLook): ChartHandle<RateSeries, RatesLook> {
  return mountChart(container, data, look, (d, l) => ({ height: Math.round(l.fontSize * 20), option: optionFor(d, l) }));
}
