// Bundles (min+gzip), a section of `npm run bench`, also runnable alone: `node bench/bundles.mjs`.
// Sizes are bytes after gzip -9, printed in KB of 1,024 bytes, as the build's gzip report prints them.
//
// - The core: its `index` entry (the foundation: what `import … from '@gualian/core'` can pull in,
//   everything it exports) bundled with zod inside and minified by esbuild (ES2020, the `source` condition,
//   so the TypeScript sources as they are now). The other entries are shown beside it, and the
//   index without zod for reference (zod is a dependency a page may already have).
// - The script-tag bundle, as `npm run build` wrote it (rollup + terser): what a page loads up
//   front is the entry and every chunk it imports statically; each chunk reached only through a
//   dynamic `import()` is lazy (loaded when used) and listed on its own.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const CORE_TARGET = 25 * 1024;
const BUNDLE_TARGET = 60 * 1024;
const BUNDLE = 'packages/elements/dist/gualian-elements.bundle.js';

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
const line = (label, n, extra = '') => console.log(`  ${label.padEnd(64)}${kb(n)}${extra}`);

async function coreEntry(entry, external = []) {
  const out = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', target: 'es2020', conditions: ['source'], external, write: false, logLevel: 'silent', legalComments: 'none' });
  return { raw: out.outputFiles[0].contents.length, gzip: gz(out.outputFiles[0].contents) };
}

/** Newest modification time of the files under `dir`. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The built files reachable from the bundle, with how each is first reached: statically or lazily. */
async function bundleGraph() {
  // esbuild reads the built modules only to report their imports; nothing is written.
  const out = await build({ entryPoints: [BUNDLE], bundle: true, splitting: true, format: 'esm', outdir: 'bench/.out/bundle-graph', write: false, metafile: true, logLevel: 'silent' });
  const inputs = out.metafile.inputs;
  const upFront = new Set();
  const visit = (file, into) => {
    if (into.has(file)) return;
    into.add(file);
    for (const i of inputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path, into);
  };
  visit(BUNDLE, upFront);
  const lazy = new Map();
  const lazyRoots = (files) => [...files].flatMap((f) => (inputs[f]?.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
  const queue = lazyRoots(upFront);
  while (queue.length > 0) {
    const root = queue.shift();
    if (upFront.has(root) || lazy.has(root)) continue;
    const files = new Set();
    visit(root, files);
    for (const f of upFront) files.delete(f);
    lazy.set(root, files);
    queue.push(...lazyRoots(files));
  }
  return { upFront, lazy };
}

export async function runBundleBench() {
  const results = {};
  console.log('\nBundles (min+gzip): gzip -9 of minified code, KB = 1,024 bytes');

  const index = await coreEntry('packages/core/src/index.ts');
  const indexNoZod = await coreEntry('packages/core/src/index.ts', ['zod']);
  results.core = { index: index.gzip, indexWithoutZod: indexNoZod.gzip, target: CORE_TARGET };
  line('@gualian/core index entry, zod inside (esbuild --minify)', index.gzip, `   (target ≤ 25 KB: ${index.gzip <= CORE_TARGET ? 'met' : 'NOT MET'}; ${kb(index.raw).trim()} before gzip)`);
  line('  the same without zod, for reference', indexNoZod.gzip);
  for (const [name, entry] of [['pairing', 'packages/core/src/pairing/index.ts'], ['assessment', 'packages/core/src/assessment/index.ts'], ['disputes', 'packages/core/src/disputes/index.ts'], ['planner', 'packages/core/src/planner.ts'], ['inspection', 'packages/core/src/inspection.ts'], ['demo', 'packages/core/src/demo/index.ts']]) {
    const e = await coreEntry(entry);
    results.core[name] = e.gzip;
    line(`  @gualian/core/${name} entry (alone, zod inside)`, e.gzip);
  }

  if (!existsSync(BUNDLE)) {
    console.log(`  script-tag bundle: ${BUNDLE} is missing; run \`npm run build\` first`);
    results.bundle = null;
    return results;
  }
  const stale = newest('packages/elements/src') > statSync(BUNDLE).mtimeMs || newest('packages/core/src') > statSync(BUNDLE).mtimeMs;
  const { upFront, lazy } = await bundleGraph();
  const sizeOf = async (files) => {
    let total = 0;
    for (const f of files) total += gz(await readFile(f));
    return total;
  };
  const front = await sizeOf(upFront);
  results.bundle = { upFront: front, target: BUNDLE_TARGET, files: [...upFront], widgets: {}, lazy: {} };
  line(`script-tag bundle, loaded up front (${upFront.size} file${upFront.size === 1 ? '' : 's'}: the autoloader)`, front);
  // A widget's chunk (named after it by rollup.config.mjs) is what the autoloader imports when the
  // widget's tag appears: a page showing that widget loads the entry, the chunk and every chunk
  // the chunk imports statically (Lit, the core, shared code). Its lazy chunks (charts, other
  // languages, spreadsheet writers) are listed apart: loaded only when used.
  const WIDGETS = new Set(readdirSync('packages/elements/src', { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(`packages/elements/src/${d.name}/define.ts`)).map((d) => d.name));
  const chunkName = (file) => file.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '');
  const everyWidget = new Set(upFront);
  let largest = 0;
  for (const [root, files] of lazy) {
    const name = chunkName(root);
    if (!WIDGETS.has(name)) continue;
    const page = new Set([...upFront, ...files]);
    for (const f of page) everyWidget.add(f);
    const size = await sizeOf(page);
    largest = Math.max(largest, size);
    results.bundle.widgets[name] = size;
    line(`  a page with <gualian-${name}> loads`, size, `   (target ≤ 60 KB: ${size <= BUNDLE_TARGET ? 'met' : 'NOT MET'})`);
  }
  // A bundle without widget chunks carries every widget up front: each page loads all of it.
  if (largest === 0) largest = front;
  const all = await sizeOf(everyWidget);
  results.bundle.largestPage = largest;
  results.bundle.allWidgets = all;
  line(`  the largest of those pages`, largest, `   (target ≤ 60 KB: ${largest <= BUNDLE_TARGET ? 'met' : 'NOT MET'})`);
  line(`  a page with every widget at once (${everyWidget.size} files)`, all);
  // Labels in zh-Hant and en (the shared ones and each widget's) load when a widget first speaks
  // that language: one line for them all.
  const labels = [];
  for (const [root, files] of lazy) {
    const name = chunkName(root);
    if (WIDGETS.has(name)) continue;
    const size = await sizeOf(files);
    results.bundle.lazy[name] = size;
    if (/\.(zh-Hant|en)$/.test(name)) labels.push(size);
    else line(`  lazy chunk ${name} (${root.replace(/^packages\/elements\/dist\//, '')}), loaded only when used`, size);
  }
  if (labels.length > 0) line(`  labels in zh-Hant or en (${labels.length} chunks, loaded when first spoken), the largest`, Math.max(...labels));
  if (stale) console.log('  (the bundle is older than the sources: run `npm run build` for current figures)');
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runBundleBench();
