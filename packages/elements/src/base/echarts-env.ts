/**
 * ECharts' modules read `process.env.NODE_ENV`, which bundlers replace with a string. Served
 * unbundled (the test server, native ES modules with an import map) the name is undefined and
 * ECharts throws while loading. This module runs before ECharts (base/echarts.ts imports it
 * first) and, only when nothing replaced the expression, gives it the production value.
 * Where a bundler did replace it, the `try` reads a string and nothing happens.
 */
declare const process: { env: { NODE_ENV?: string } };

try {
  void process.env.NODE_ENV;
} catch {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  g.process ??= {};
  g.process.env ??= {};
  g.process.env['NODE_ENV'] ??= 'production';
}

export {};
