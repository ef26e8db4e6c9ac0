#!/usr/bin/env node
// Serves the built docs site (`site/`, written by `npm run build`) on http://localhost:8080/
// (PORT overrides), with no dependencies: node:http, correct MIME types, gzip for large text
// when the client accepts it, and on every response the strict Content-Security-Policy the
// widgets promise to work under, so the docs prove it page by page.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(process.env.SITE_DIR ?? 'site');
const PORT = Number(process.env.PORT ?? 8080);
const HOST = process.env.HOST ?? 'localhost';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'none'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

// The API reference is typedoc's generated HTML, which the strict policy would break in two
// places: every page carries one small inline <script> (it restores the saved colour theme
// before first paint), and typedoc's main.js creates a <style> element at run time to apply the
// member filters. So /api/ allows exactly those inline scripts by their SHA-256 hashes
// (computed from each page as it is served), and inline <style> elements (not style=""
// attributes, which stay forbidden). Everything else keeps the strict policy.
const apiCsp = (scriptHashes) =>
  STRICT_CSP.replace("script-src 'self'", `script-src 'self'${scriptHashes.map((h) => ` 'sha256-${h}'`).join('')}`).replace(
    "style-src 'self';",
    "style-src 'self'; style-src-elem 'self' 'unsafe-inline';",
  );

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.md': 'text/plain; charset=utf-8', // shown in the browser rather than downloaded
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.csv', '.md', '.txt']);
const GZIP_MIN_BYTES = 1024;

/**
 * An HTML page's Content-Type names the charset its <meta charset> declares: a header charset
 * would override the meta tag, and the GBK example page must be decoded as GBK.
 */
function htmlType(body) {
  // Browsers look for the declaration in the first 1024 bytes, outside comments.
  const head = body.subarray(0, 1024).toString('latin1').replace(/<!--[\s\S]*?(-->|$)/g, '');
  const m = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head);
  return `text/html; charset=${(m?.[1] ?? 'utf-8').toLowerCase()}`;
}

function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1].trim() !== '') hashes.add(createHash('sha256').update(m[1], 'utf8').digest('base64'));
  }
  return [...hashes];
}

// Files are read once per modification time; gzip is done once, not per request.
const cache = new Map();
async function load(file, stat) {
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit;
  const body = await readFile(file);
  const ext = extname(file).toLowerCase();
  const entry = {
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    body,
    type: ext === '.html' ? htmlType(body) : (TYPES[ext] ?? 'application/octet-stream'),
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
    gzip: COMPRESSIBLE.has(ext) && body.length >= GZIP_MIN_BYTES ? gzipSync(body, { level: 6 }) : null,
    scriptHashes: ext === '.html' ? inlineScriptHashes(body.toString('utf8')) : [],
  };
  cache.set(file, entry);
  return entry;
}

/** Maps a URL path to a file under ROOT, or null when it would leave ROOT. */
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(ROOT, decoded));
  return file === ROOT || file.startsWith(ROOT + sep) ? file : null;
}

function send(req, res, status, headers, body) {
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function handle(req, res) {
  // A path such as `//x` would be read as a host: resolve the path alone.
  const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'http://localhost');
  const isApi = url.pathname.startsWith('/api/');
  const base = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': STRICT_CSP,
  };
  const plain = (status, text) =>
    send(req, res, status, { ...base, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, `${status} ${text}\n`);

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return plain(405, 'Method Not Allowed');
  }
  let file = resolvePath(url.pathname);
  if (file === null) return plain(400, 'Bad Request');
  let stat = existsSync(file) ? statSync(file) : null;
  if (stat?.isDirectory()) {
    // A directory without its trailing slash would break the page's relative links.
    if (!url.pathname.endsWith('/')) {
      return send(req, res, 301, { ...base, Location: `${url.pathname}/${url.search}`, 'Content-Type': 'text/plain; charset=utf-8' }, 'Moved\n');
    }
    file = join(file, 'index.html');
    stat = existsSync(file) ? statSync(file) : null;
  }
  if (!stat?.isFile()) return plain(404, `Not Found: ${url.pathname}`);

  const entry = await load(file, stat);
  const headers = {
    ...base,
    'Content-Type': entry.type,
    ETag: entry.etag,
    'Last-Modified': new Date(entry.mtimeMs).toUTCString(),
    // The docs change with every build: always revalidate (cheap with the ETag).
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
  };
  if (isApi && entry.type.startsWith('text/html')) headers['Content-Security-Policy'] = apiCsp(entry.scriptHashes);
  if (req.headers['if-none-match'] === entry.etag) return send(req, res, 304, headers);
  const gzip = entry.gzip !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? entry.gzip : entry.body;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = body.length;
  send(req, res, 200, headers, body);
}

if (!existsSync(join(ROOT, 'index.html'))) {
  console.error(`serve: ${ROOT}/index.html is missing; run \`npm run build\` first.`);
  process.exit(1);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(`serve: ${req.method} ${req.url}:`, error);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': STRICT_CSP });
    res.end('500 Internal Server Error\n');
  });
});
server.on('error', (error) => {
  console.error(error.code === 'EADDRINUSE' ? `serve: port ${PORT} is in use; try PORT=8081 npm start` : `serve: ${error.message}`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  const { port } = server.address();
  console.log(`\ngualian docs: http://localhost:${port}/\n(serving ${ROOT}; Ctrl+C to stop)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
