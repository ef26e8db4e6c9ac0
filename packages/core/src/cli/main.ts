/// <reference types="node" />
// (The core builds without Node types; the command line is Node-only.)
/**
 * `gualian`: the 包掛聯 check for data staff who keep the rosters in spreadsheets.
 *
 *   gualian check --year 2024 --cadres 干部.csv --pairings 挂联.csv --visits 走访.xlsx [--scope 5306]
 *   gualian schema
 *
 * Exit status: 0 when no violation has error severity, 1 when some does, 2 when the input
 * cannot be used (the reason on stderr). Arguments are parsed with `node:util` alone.
 */
import { realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { DivisionCodeError, GualianError, describeError } from '../errors/index.js';
import { parseRecord } from '../errors/schema.js';
import { ENCODING_OPTIONS, type EncodingOption } from '../io/encodings.js';
import { SHEET_COLUMNS } from '../io/sheets.js';
import { levelOfCode, normalizeCode, parentOfShortCode } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { resolveLang, type Lang } from '../i18n/index.js';
import { checkPairing } from '../pairing/check.js';
import { Roster } from '../pairing/roster.js';
import { pairingPolicySchema, type PairingPolicy } from '../pairing/schema.js';
import { commonAncestor, loadDivisions } from './divisions.js';
import { UnusableInput } from './errors.js';
import { formatJson, formatText, writeWorkbook } from './format.js';
import { t } from './messages.js';
import { columnsFor, readInput } from './read.js';
import { escapeTerminal } from './terminal.js';
import { buildReport, type CheckRun } from './report.js';
import { checkReportJsonSchema } from './report-schema.js';
import { FileError } from '../io/errors.js';

/** Where the command writes. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const CHECK_OPTIONS = {
  year: { type: 'string' },
  cadres: { type: 'string' },
  pairings: { type: 'string' },
  visits: { type: 'string' },
  divisions: { type: 'string' },
  scope: { type: 'string' },
  policy: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  limit: { type: 'string' },
  strict: { type: 'boolean' },
  encoding: { type: 'string' },
  column: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Run the command with its arguments (without `node` and the script); resolves to the exit status.
 * @example
 * process.exitCode = await main(['check', '--year', '2024', '--cadres', 'c.csv', '--pairings', 'p.csv', '--visits', 'v.csv']);
 */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  // A reader that stops early (`gualian schema | head`) is not an error of the command.
  if (io === process) process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  const [command, ...rest] = argv;
  // The language is needed before anything can be said, so it is looked for first.
  const lang = langOf(argv);
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'schema':
        io.stdout.write(`${JSON.stringify(checkReportJsonSchema(), null, 2)}\n`);
        return 0;
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(`${t('usage', lang)}\n`);
        return 0;
      case '--version':
      case '-v':
        io.stdout.write(`${version()}\n`);
        return 0;
      case undefined:
        io.stderr.write(`${t('usage', lang)}\n`);
        return 2;
      default:
        throw new UnusableInput('cli.command.unknown', { value: command });
    }
  } catch (e) {
    // One family of errors, each in the reader's language; anything else is named by its kind
    // only, never with a stack trace. Values from the files are escaped for the terminal.
    io.stderr.write(`gualian: ${escapeTerminal(describeError(e, lang))}\n`);
    return 2;
  }
}

/** The `--lang` among the arguments, before they are parsed (zh-Hans when absent or unknown). */
function langOf(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return 'zh-Hans';
  const value = argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : (argv[i + 1] ?? '');
  return /^(zh|en)/i.test(value) ? resolveLang(value) : 'zh-Hans';
}

async function check(args: readonly string[], io: Io): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: CHECK_OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UnusableInput('cli.option.parse', { reason: e instanceof Error ? e.message : String(e) });
  }
  const lang = values.lang === undefined ? 'zh-Hans' : /^(zh|en)/i.test(values.lang) ? resolveLang(values.lang) : bad('lang', values.lang, 'cli.expected.lang');
  if (values.help) {
    io.stdout.write(`${t('usage', lang)}\n`);
    return 0;
  }
  // Messages of the schemas (policy errors, value checks) in the reader's language.
  z.config(lang === 'en' ? z.locales.en() : lang === 'zh-Hant' ? z.locales.zhTW() : z.locales.zhCN());
  const year = need('year', values.year);
  if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) bad('year', year, 'cli.expected.year');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'xlsx') bad('format', format, 'cli.expected.format');
  if (format === 'xlsx' && values.out === undefined) throw new UnusableInput('cli.expected.out');
  const limit = values.limit === undefined ? 10 : /^\d+$/.test(values.limit) ? Number(values.limit) : bad('limit', values.limit, 'cli.expected.limit');
  let scopeGiven: string | null = null;
  if (values.scope !== undefined) {
    try {
      scopeGiven = normalizeCode(values.scope);
    } catch (e) {
      if (e instanceof DivisionCodeError) bad('scope', values.scope, 'cli.expected.scope');
      throw e;
    }
  }
  const encoding = values.encoding === undefined ? undefined : (ENCODING_OPTIONS as readonly string[]).includes(values.encoding.toLowerCase()) ? (values.encoding.toLowerCase() as EncodingOption) : bad('encoding', values.encoding, 'cli.expected.encoding');
  const mappings = columnMappings(values.column ?? []);
  const policy = values.policy === undefined ? pairingPolicySchema.parse({}) : await readPolicy(values.policy);

  const options = (input: 'cadres' | 'pairings' | 'visits') => ({ ...(encoding ? { encoding } : {}), columns: columnsFor(input, mappings) });
  const [cadres, pairings, visits] = await Promise.all([
    readInput(need('cadres', values.cadres), 'cadres', options('cadres')),
    readInput(need('pairings', values.pairings), 'pairings', options('pairings')),
    readInput(need('visits', values.visits), 'visits', options('visits')),
  ]);
  const inferred = scopeGiven === null ? commonAncestor(pairings.records.map((p) => p.code)) : null;
  const referenced = function* () {
    for (const c of cadres.records) if (c.homeCode !== undefined) yield c.homeCode;
    for (const p of pairings.records) yield p.code;
    for (const v of visits.records) yield v.villageCode;
  };
  let divisions = await loadDivisions(values.divisions, scopeGiven ?? inferred, referenced(), encoding);
  if (scopeGiven === null && inferred !== null && values.divisions === undefined && !divisions.hierarchy.has(inferred)) {
    // The pairings share a code that is not a division: check its nearest real ancestor, whose
    // townships and villages were not all read the first time.
    divisions = await loadDivisions(undefined, nearestKnown(divisions.hierarchy, inferred), referenced());
  }
  const h = divisions.hierarchy;
  let scope = scopeGiven;
  if (scope !== null && !h.has(scope)) throw new UnusableInput('cli.scope.unknown', { value: values.scope ?? scope });
  if (scope === null) scope = nearestKnown(h, inferred);
  const roster = Roster.from(h, { cadres: cadres.records, pairings: pairings.records, visits: visits.records });
  const coverage = checkPairing(roster, { year: Number(year), policy, ...(scope !== null ? { scope } : {}) });
  const run: CheckRun = {
    lang,
    year: Number(year),
    strict: values.strict === true,
    scope: scope === null ? null : { code: scope, name: h.get(scope)!.name, level: levelOfCode(scope), inferred: scopeGiven === null },
    policy,
    divisions,
    cadres,
    pairings,
    visits,
    coverage,
  };
  const report = buildReport(run);
  const out = values.out;
  try {
    if (format === 'xlsx') await writeWorkbook(report, run, out!);
    else {
      // JSON escapes control characters itself; the text report is meant for a terminal.
      const text = format === 'json' ? formatJson(report) : escapeTerminal(formatText(report, limit));
      if (out === undefined) io.stdout.write(text);
      else await writeFile(out, text, 'utf8');
    }
  } catch (e) {
    throw new UnusableInput('cli.write', { file: out ?? '-', reason: e instanceof Error ? e.message : String(e) });
  }
  return report.exitCode;
}

function need(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UnusableInput('cli.option.required', { name });
  return value;
}

function bad(name: string, value: string, expected: `cli.expected.${string}`): never {
  // The expectation is put into words where the error is printed, in the reader's language.
  throw new UnusableInput('cli.option.bad', { name, value, expected });
}

async function readPolicy(file: string): Promise<PairingPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UnusableInput('cli.file.missing', { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UnusableInput('cli.file.input', { file }, undefined, new FileError('file.json', { source: file, reason: e instanceof Error ? e.message : String(e) }));
  }
  try {
    return parseRecord(pairingPolicySchema, json, 'pairing-policy');
  } catch (e) {
    if (e instanceof GualianError) throw new UnusableInput('cli.policy.bad', { file }, undefined, e);
    throw e;
  }
}

/**
 * The `--column 表头=field` options as a mapping; a field no input has is a bad option.
 */
function columnMappings(options: readonly string[]): Record<string, string> {
  const fields = new Set(Object.values(SHEET_COLUMNS).flatMap((specs) => specs.map((c) => c.field)));
  const out: Record<string, string> = {};
  for (const option of options) {
    const at = option.lastIndexOf('=');
    const header = option.slice(0, at).trim();
    const field = option.slice(at + 1).trim();
    if (at <= 0 || header === '' || !fields.has(field)) bad('column', option, 'cli.expected.column');
    out[header] = field;
  }
  return out;
}

/** The scope inferred from the pairings, or its nearest ancestor in the divisions; null for all. */
function nearestKnown(h: Hierarchy, code: string | null): string | null {
  for (let c = code; c !== null; c = parentOfShortCode(c)) if (h.has(c)) return c;
  return null;
}

function version(): string {
  try {
    return String((createRequire(import.meta.url)('@gualian/core/package.json') as { version?: string }).version);
  } catch {
    return 'unknown';
  }
}

function isEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run from source (`node --import tsx packages/core/src/cli/main.ts check …`); the built
// command runs through bin/gualian.mjs, which calls main() itself.
if (isEntry()) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
