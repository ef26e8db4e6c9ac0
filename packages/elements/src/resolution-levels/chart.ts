/**
 * The resolution levels' chart: for each month or quarter, the shares of resolved cases resolved
 * at village, township, county and prefecture level, stacked to 100% on a canvas drawn by
 * ECharts. Loaded through a dynamic `import()` the first time a reader opens it (see
 * base/chart-controller.ts and base/echarts.ts).
 */
import { mountChart, use } from '../base/echarts.js';
// By path rather than through the barrels: see base/echarts-modules.d.ts.
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as GridSimpleComponent } from 'echarts/lib/component/grid/installSimple.js';
import { install as LegendPlainComponent } from 'echarts/lib/component/legend/installLegendPlain.js';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import type { ChartHandle, ChartLook } from '../base/chart-controller.js';

use([BarChart, GridSimpleComponent, LegendPlainComponent]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/** The periods and, per level, the share of each period's resolutions (percentages). */
export interface LevelSeries {
  /** The periods' labels in the reader's language. */
  periods: string[];
  /** One stack per level, lowest level first. */
  levels: { name: string; shares: number[] }[];
}

/** The look of the levels chart: the shared look and a colour per level, lowest first. */
export interface LevelsLook extends ChartLook {
  colours: string[];
}

function optionFor(data: LevelSeries, look: LevelsLook): Option {
  const text = { fontFamily: look.fontFamily, fontSize: look.fontSize, color: look.color };
  return {
    animation: look.animate,
    textStyle: text,
    legend: { top: 0, left: 0, selectedMode: false, textStyle: text, itemWidth: look.fontSize, itemHeight: Math.round(look.fontSize * 0.7) },
    grid: { left: 8, right: look.fontSize, top: look.fontSize * 3, bottom: look.fontSize * 0.5, containLabel: true },
    xAxis: { type: 'category', data: data.periods, axisLabel: { ...text, color: look.mutedColor }, axisTick: { show: false }, axisLine: { lineStyle: { color: look.mutedColor } } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...text, color: look.mutedColor, formatter: '{value}%' }, splitLine: { lineStyle: { color: look.gridColor } } },
    series: data.levels.map(
      (l, i): BarSeriesOption => ({
        type: 'bar',
        name: l.name,
        stack: 'levels',
        data: l.shares,
        itemStyle: { color: look.colours[i] ?? look.color },
        barMaxWidth: look.fontSize * 3,
        emphasis: { disabled: true },
      }),
    ),
  };
}

/**
 * Draw the stacked shares into `container` (an empty element the caller keeps in the DOM).
 * @example
 * const handle = drawChart(div, { periods: ['2024年第1季度'], levels: [{ name: '村级', shares: [82.5] }] }, { ...look, colours: ['#116329'] });
 */
export function drawChart(container: HTMLElement, data: LevelSeries, look: LevelsLook): ChartHandle<LevelSeries, LevelsLook> {
  return mountChart(container, data, look, (d, l) => ({ height: Math.round(l.fontSize * 20), option: optionFor(d, l) }));
}
