/**
 * Types of the ECharts modules the charts import by path. ECharts ships types for its barrel
 * entries (`echarts/core`, `echarts/charts`, …) only; the barrels are not used because Rollup
 * keeps every module they re-export (it applies ECharts' `sideEffects` list to the bare import
 * only, not to the modules behind it), which put every chart type into the chart's chunk.
 */
type EChartsInstaller = Extract<Parameters<typeof import('echarts/core').use>[0], (...args: never[]) => void>;

declare module 'echarts/lib/core/echarts.js' {
  export { init, getInstanceByDom } from 'echarts/core';
}
declare module 'echarts/lib/extension.js' {
  export { use } from 'echarts/core';
}
declare module 'echarts/lib/chart/bar/install.js' {
  export const install: EChartsInstaller;
}
declare module 'echarts/lib/chart/line/install.js' {
  export const install: EChartsInstaller;
}
declare module 'echarts/lib/component/grid/installSimple.js' {
  export const install: EChartsInstaller;
}
declare module 'echarts/lib/component/legend/installLegendPlain.js' {
  export const install: EChartsInstaller;
}
declare module 'echarts/lib/renderer/installCanvasRenderer.js' {
  export const install: EChartsInstaller;
}
