// The tree benchmark in headless Chromium (Debian's package): gualian's tree with the whole
// country expanded (665,276 rows) against a bare @lit-labs/virtualizer flat list of the same
// rows, and Shoelace's tree at 1,000 and 10,000 items (where it still finishes).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json', '.map': 'application/json' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runTreeBench(runs = 3) {
  const pages = ['gualian-tree', 'virtualizer-list', 'shoelace-tree'];
  await build({
    entryPoints: Object.fromEntries(pages.map((p) => [p, `bench/browser/${p}.ts`])),
    outdir: 'bench/.out',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let path = url.pathname;
    if (path.startsWith('/page/')) {
      const name = path.slice(6);
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(`<!doctype html><meta charset="utf-8"><title>${name}</title><style>body{margin:0;font:14px sans-serif} gualian-hierarchy-tree,lit-virtualizer{display:block;height:600px}</style><script type="module" src="/bench/.out/${name}.js"></script>`);
      return;
    }
    try {
      const file = normalize(join(process.cwd(), decodeURIComponent(path)));
      if (!file.startsWith(process.cwd())) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const measure = async (page, query = '', timeout = 240_000) => {
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const tab = await ctx.newPage();
    const cdp = await ctx.newCDPSession(tab);
    try {
      await tab.goto(`${base}/page/${page}${query}`);
      const result = await tab.evaluate(() => window.__bench, undefined, { timeout });
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const { nodes } = await cdp.send('Memory.getDOMCounters');
      return { ...result, heapMB: usedSize / 2 ** 20, domNodes: nodes };
    } finally {
      await ctx.close();
    }
  };
  const out = {};
  const seriesOf = async (label, page, query, n = runs) => {
    const rs = [];
    for (let i = 0; i < n; i++) {
      const r = await measure(page, query);
      if (r.error) throw new Error(`${label}: ${r.error}`);
      rs.push(r);
    }
    const r = { firstPaintMs: median(rs.map((x) => x.firstPaint)), heapMB: median(rs.map((x) => x.heapMB)), domNodes: median(rs.map((x) => x.domNodes)), runs: rs.map((x) => Math.round(x.firstPaint)), detail: rs[0] };
    out[label] = r;
    console.log(`  ${label.padEnd(52)} first paint ${String(Math.round(r.firstPaintMs)).padStart(6)} ms (runs ${r.runs.join(', ')})  DOM nodes ${r.domNodes}  JS heap ${r.heapMB.toFixed(0)} MB`);
    return r;
  };
  try {
    console.log(`\nTree with the whole country in headless Chromium (data loaded before the clock), medians of ${runs}`);
    const list = await seriesOf('peer: @lit-labs/virtualizer flat list, 665,276 rows', 'virtualizer-list', '');
    const tree = await seriesOf('gualian-hierarchy-tree, all expanded, 665,276 rows', 'gualian-tree', '');
    await seriesOf('gualian-hierarchy-tree, collapsed (31 provinces)', 'gualian-tree', '?expand=none');
    console.log(`  ratio gualian tree / flat list first paint: ${(tree.firstPaintMs / list.firstPaintMs).toFixed(2)}×   (target ≤ 1×)`);
    for (const n of [1000, 10000]) {
      try {
        await seriesOf(`peer: Shoelace 2 <sl-tree>, ${n.toLocaleString('en')} items expanded`, 'shoelace-tree', `?n=${n}`, n > 1000 ? 1 : runs);
      } catch (e) {
        console.log(`  Shoelace at ${n}: gave up (${String(e.message).slice(0, 80)})`);
      }
    }
    console.log('  Shoelace is not measured beyond 10,000 items: it creates every item in the DOM (about 50 nodes each).');
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
