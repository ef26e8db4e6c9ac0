// Builds both packages to ES modules (Lit and the core external in the npm builds, so a page
// has one copy of each), plus one minified script-tag bundle of the elements with Lit inside,
// transpiled to ES2020 for the Chromium 83 browsers of older government desktops. The gzip size
// of every output is printed.
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

// `exclude: []` so that Lit inside the script-tag bundle is transpiled too (it uses `??=`).
const ts = (target, exclude, define) => esbuild({ target, tsconfig: 'tsconfig.base.json', minify: false, legalComments: 'none', ...(exclude ? { exclude } : {}), ...(define ? { define } : {}) });

/** Empty `dir` before a build writes into it, so chunks of earlier builds (other hashes) do not pile up and get published. */
function cleanDir(dir) {
  return { name: 'clean-dir', buildStart: () => rmSync(dir, { recursive: true, force: true }) };
}

function gzipReport() {
  return {
    name: 'gzip-report',
    writeBundle(options, bundle) {
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const raw = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        console.log(`  ${(options.dir ?? '').padEnd(24)} ${file.padEnd(36)} ${(raw / 1024).toFixed(1).padStart(7)} KB  gzip ${(gz / 1024).toFixed(1).padStart(6)} KB`);
      }
    },
  };
}

const widgetDefines = readdirSync('packages/elements/src', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`packages/elements/src/${d.name}/define.ts`))
  .map((d) => d.name);

/** The widget whose define.ts a chunk holds, if any. */
const widgetOf = (chunk) => [chunk.facadeModuleId, ...chunk.moduleIds].map((id) => /src[\\/]([\w-]+)[\\/]define\.ts$/.exec(id ?? '')?.[1]).find(Boolean);
/** A widget's labels in one language (messages.zh-Hant.ts) are named after the widget: case-board.zh-Hant. */
const labelsOf = (chunk) => /src[\\/]([\w-]+)[\\/]messages\.([\w-]+)\.ts$/.exec(chunk.facadeModuleId ?? '')?.slice(1).join('.');

const external = (id) => /^(node:|exceljs$|write-excel-file|lit|@lit\/|@lit-labs\/|lit-html|lit-element|@gualian\/core|zod|echarts|pinyin-match)/.test(id);

export default [
  {
    input: { index: 'packages/core/src/index.ts', pairing: 'packages/core/src/pairing/index.ts', assessment: 'packages/core/src/assessment/index.ts', planner: 'packages/core/src/planner.ts', inspection: 'packages/core/src/inspection.ts', disputes: 'packages/core/src/disputes/index.ts', demo: 'packages/core/src/demo/index.ts', sheets: 'packages/core/src/io/sheets.ts', cli: 'packages/core/src/cli/main.ts' },
    external,
    output: { dir: 'packages/core/dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [cleanDir('packages/core/dist/chunks'), nodeResolve(), ts('es2022'), gzipReport()],
  },
  {
    input: {
      index: 'packages/elements/src/index.ts',
      define: 'packages/elements/src/define.ts',
      ...Object.fromEntries(widgetDefines.map((w) => [`${w}/define`, `packages/elements/src/${w}/define.ts`])),
    },
    external,
    output: { dir: 'packages/elements/dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [cleanDir('packages/elements/dist/chunks'), nodeResolve(), ts('es2022'), gzipReport()],
  },
  {
    // The script-tag bundle, for <script type="module" src="…"> in an old portal: a small entry
    // (autoload.ts) that imports each widget's chunk when its tag appears in the page; Lit, the
    // core and the code widgets share are chunks of their own, loaded once. What widgets load
    // only when used (ECharts, spreadsheet writers, other languages' labels) are chunks too.
    input: { 'gualian-elements.bundle': 'packages/elements/src/autoload.ts' },
    // A widget's chunk is named after it (coverage-board-….js), not after its module (define-….js),
    // also when other widgets share it (the score sheet, which the review queue shows).
    output: { dir: 'packages/elements/dist', format: 'es', sourcemap: true, chunkFileNames: (chunk) => `bundle-chunks/${widgetOf(chunk) ?? labelsOf(chunk) ?? '[name]'}-[hash].js` },
    plugins: [cleanDir('packages/elements/dist/bundle-chunks'), nodeResolve({ exportConditions: ['source', 'browser', 'import'] }), ts('es2020', [], { 'process.env.NODE_ENV': '"production"' }), terser({ ecma: 2020, module: true, format: { comments: false } }), gzipReport()],
  },
];
