// One measurement of the disputes record, in a fresh process. Prints one JSON line.
//   node --import tsx bench/disputes.ts <gualian|duckdb>
// The record: a year (2024) of dispute cases on the real Zhaotong hierarchy (1,402 villages),
// 150,000 cases generated with a seed, the first 1,000,000 events in time order (cases still
// open at the cut are part of it), hash-chained, each entry read back from its JSON line.
//   gualian: verify the chain (SHA-256 of every entry: node:crypto, the library's default in Node),
//            replay every event through its schema and the lifecycle with scope and role checks,
//            and summarise as of the last event's day.
//   duckdb:  the same rows loaded into DuckDB in memory; the same summary counts in SQL (after load).
// Both print the counts they agree on: cases by state, category, severity and level, accepted,
// resolved, resolutions by level, the median days to resolve, and reported/closed per grid
// (digested). On-time figures need the working calendar and are gualian's only.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CONCLUDED_STATUSES, EVENT_STATUS, GENESIS_HASH, canonicalJson, exportJsonl, importJsonl, replayRecord, summariseCases, verifyRecord, type CaseEvent, type CaseSummary, type RecordEntry } from '../packages/core/src/disputes/index.ts';
import { generateCases } from '../packages/core/src/demo/index.ts';
import { loadCountry } from './national-roster.ts';

const EVENTS = 1_000_000;
const CASES = 160_000;
const mode = process.argv[2] ?? 'gualian';
const h = loadCountry().subtree('5306');
const generated = generateCases(h, { scope: '5306', year: 2024, seed: 2024, cases: CASES, workOrdersPerCase: 0 });
const events = generated.events.slice(0, EVENTS);
generated.events.length = 0;
const asOf = events[events.length - 1]!.at.slice(0, 10);
const out: Record<string, unknown> = { mode, events: events.length, cases: new Set(events.map((e) => e.caseId)).size, asOf };

const civil = (at: string) => Math.floor((Date.parse(at) + 8 * 3_600_000) / 86_400_000);
const gridOf = (place: string) => place.split('-').slice(0, 2).join('-');
const digest = (rows: [string, number, number][]) => createHash('md5').update(rows.map(([g, r, c]) => `${g}:${r}:${c}`).join(',')).digest('hex');

if (mode === 'gualian') {
  // Chained here with node:crypto's SHA-256 of the same canonical JSON (the library's hashes),
  // written as JSON Lines, and read back with importJsonl (each line checked: canonical, schema,
  // chain fields; entries frozen), as a record read from storage would be. The import is timed
  // apart (importMs); the replay below then trusts the entries importJsonl checked and froze.
  let prev = GENESIS_HASH;
  let jsonl = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as RecordEntry<CaseEvent>;
    e.seq = i;
    e.prev = prev;
    prev = e.hash = createHash('sha256').update(canonicalJson(e)).digest('hex');
    jsonl += canonicalJson(e) + '\n';
    events[i] = undefined as unknown as CaseEvent;
  }
  globalThis.gc?.();
  const ti = performance.now();
  const imported = importJsonl(jsonl);
  out.importMs = performance.now() - ti;
  if (imported.issues.length > 0) throw new Error(`import: ${JSON.stringify(imported.issues[0])}`);
  const entries = imported.entries;
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const t0 = performance.now();
  const check = await verifyRecord(entries);
  const t1 = performance.now();
  const { states, refused } = replayRecord(entries, { hierarchy: h });
  const t2 = performance.now();
  const summary: CaseSummary = summariseCases(states.values(), { asOf });
  const t3 = performance.now();
  if (!check.ok) throw new Error(`chain: ${JSON.stringify(check)}`);
  if (refused.length > 0) throw new Error(`refused: ${refused[0]!.error.message}`);
  Object.assign(out, { ms: t3 - t0, verifyMs: t1 - t0, replayMs: t2 - t1, summaryMs: t3 - t2, rssBeforeMB: rssBefore, heapAfterMB: process.memoryUsage().heapUsed / 2 ** 20 });
  // The peak of the measured phases, before the comparisons below allocate on their own.
  out.peakRssMB = process.resourceUsage().maxRSS / 1024;
  // The comparisons below (Web Crypto, verification's parts) are left out with BENCH_DISPUTES_QUICK=1.
  if (!process.env.BENCH_DISPUTES_QUICK) {
    // The same verification with Web Crypto's SHA-256 passed as the digest (a browser's), for comparison.
    const t4 = performance.now();
    const again = await verifyRecord(entries, { digest: (b) => crypto.subtle.digest('SHA-256', b) });
    out.verifyWebCryptoMs = performance.now() - t4;
    if (!again.ok) throw new Error('chain (Web Crypto)');
    // Where verification's time goes: the same verification with the digests known beforehand
    // (canonical bytes, comparisons and links only), and the floor Web Crypto itself sets: bare
    // digest calls on a buffer of the mean entry's size, in the same windows (200,000, scaled).
    const known32 = new Uint8Array(32);
    let k = 0;
    const nibble = (c: number) => (c <= 57 ? c - 48 : c - 87);
    const knownDigest = () => {
      const hash = entries[k++]!.hash;
      for (let i = 0; i < 32; i++) known32[i] = (nibble(hash.charCodeAt(2 * i)) << 4) | nibble(hash.charCodeAt(2 * i + 1));
      return known32;
    };
    const t5 = performance.now();
    const known = await verifyRecord(entries, { digest: knownDigest, batch: 1 });
    out.verifyKnownDigestsMs = performance.now() - t5;
    if (!known.ok) throw new Error('chain (known digests)');
    // A JSON line less its `,"hash":"…"` (74 bytes) and newline: the bytes hashed for an entry.
    const bytes = new Uint8Array(Math.round(Buffer.byteLength(exportJsonl(entries.slice(0, 10_000))) / 10_000) - 75);
    const calls = 200_000;
    const t6 = performance.now();
    for (let from = 0; from < calls; from += 256) {
      const window: Promise<ArrayBuffer>[] = [];
      for (let i = from; i < Math.min(calls, from + 256); i++) window.push(crypto.subtle.digest('SHA-256', bytes));
      await Promise.all(window);
    }
    out.webCryptoFloorMs = ((performance.now() - t6) * entries.length) / calls;
  }
  const grids = Object.entries(summary.byGrid).map(([g, c]) => [g, c.reported, c.closed] as [string, number, number]);
  out.counts = counts({
    byStatus: summary.byStatus,
    byCategory: summary.byCategory,
    bySeverity: summary.bySeverity,
    byLevel: summary.byLevel,
    accepted: summary.accepted,
    resolved: summary.resolved,
    resolvedByLevel: summary.resolvedByLevel,
    medianDaysToResolve: summary.medianDaysToResolve,
    grids: grids.length,
    gridDigest: digest(grids),
  });
  Object.assign(out, { resolutionRate: summary.resolutionRate, onTimeRate: summary.onTimeRate, overdue: summary.overdue, villageShare: summary.resolutionLevelShares.village });
  // The replay of the same events as plain parsed objects (JSON.parse of each line, nothing
  // checked before): the replay checks each against its schema itself.
  states.clear();
  const plain = jsonl.split('\n', entries.length).map((l) => JSON.parse(l) as RecordEntry<CaseEvent>);
  jsonl = '';
  globalThis.gc?.();
  const tp = performance.now();
  const plainReplay = replayRecord(plain, { hierarchy: h });
  out.replayUncheckedInputMs = performance.now() - tp;
  if (plainReplay.states.size !== summary.cases) throw new Error('plain replay');
} else if (mode === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const dir = '/tmp/gualian-bench';
  mkdirSync(dir, { recursive: true });
  const field = (x: string | undefined) => (x === undefined ? '' : x);
  const lines: string[] = ['seq,case_id,type,day,place,category,severity,level,to_level'];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const p = e.payload as { place?: string; category?: string; severity?: string; level?: string; to?: string };
    const reg = e.type === 'registered';
    const to = e.type === 'escalated' || e.type === 'sent-down' ? p.to : undefined;
    lines.push(`${i},${e.caseId},${e.type},${civil(e.at)},${reg ? p.place : ''},${reg ? p.category : ''},${reg ? p.severity : ''},${reg ? p.level : ''},${field(to)}`);
  }
  writeFileSync(`${dir}/dispute-events.csv`, lines.join('\n') + '\n');
  lines.length = 0;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const tl = performance.now();
  await con.run(
    `CREATE TABLE ev AS SELECT * FROM read_csv('${dir}/dispute-events.csv', header = true, columns = {'seq': 'INTEGER', 'case_id': 'VARCHAR', 'type': 'VARCHAR', 'day': 'INTEGER', 'place': 'VARCHAR', 'category': 'VARCHAR', 'severity': 'VARCHAR', 'level': 'VARCHAR', 'to_level': 'VARCHAR'})`,
  );
  // The state each event type leads to, and the concluded states, as data given to SQL.
  const statusOf = Object.entries(EVENT_STATUS).filter(([, s]) => s !== null);
  await con.run(`CREATE TABLE status_of AS SELECT * FROM (VALUES ${statusOf.map(([t, s]) => `('${t}', '${s}')`).join(', ')}) v(type, status)`);
  await con.run(`CREATE TABLE concluded AS SELECT * FROM (VALUES ${[...CONCLUDED_STATUSES].map((s) => `('${s}')`).join(', ')}) v(status)`);
  out.loadMs = performance.now() - tl;
  const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRows();
  const t0 = performance.now();
  await con.run(`CREATE TEMP TABLE per_case AS
    WITH lv AS (
      SELECT e.case_id, e.seq, e.type, e.day, s.status,
        last_value(CASE WHEN e.type = 'registered' THEN e.level WHEN e.type IN ('escalated', 'sent-down') THEN e.to_level END IGNORE NULLS)
          OVER (PARTITION BY e.case_id ORDER BY e.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS lvl
      FROM ev e LEFT JOIN status_of s USING (type))
    SELECT case_id,
      arg_max(status, seq) FILTER (WHERE status IS NOT NULL) AS status,
      arg_max(lvl, seq) AS level,
      bool_or(type = 'accepted') AS accepted,
      max(seq) FILTER (WHERE type = 'agreement-reached') AS a_seq,
      max(seq) FILTER (WHERE type = 'confirmation-refused') AS r_seq,
      arg_max(lvl, seq) FILTER (WHERE type = 'agreement-reached') AS a_level,
      arg_max(day, seq) FILTER (WHERE type = 'agreement-reached') AS a_day,
      min(day) FILTER (WHERE type = 'registered') AS reg_day
    FROM lv GROUP BY case_id`);
  const byStatus = await rows(`SELECT status, count(*) FROM per_case GROUP BY 1`);
  const byCategory = await rows(`SELECT category, count(*) FROM ev WHERE type = 'registered' GROUP BY 1`);
  const bySeverity = await rows(`SELECT severity, count(*) FROM ev WHERE type = 'registered' GROUP BY 1`);
  const byLevel = await rows(`SELECT level, count(*) FROM per_case GROUP BY 1`);
  const accepted = await rows(`SELECT count(*) FROM per_case WHERE accepted`);
  const resolved = `a_seq IS NOT NULL AND (r_seq IS NULL OR a_seq > r_seq)`;
  const byResolution = await rows(`SELECT a_level, count(*) FROM per_case WHERE ${resolved} GROUP BY 1`);
  const median = await rows(`SELECT count(*), median(a_day - reg_day) FROM per_case WHERE ${resolved}`);
  const grids = await rows(`
    SELECT grid, count(*) AS reported, count(*) FILTER (WHERE c.status IS NOT NULL) AS closed
    FROM (SELECT p.case_id, CASE WHEN strpos(r.place, '-') = 0 THEN r.place ELSE array_to_string(string_split(r.place, '-')[1:2], '-') END AS grid, p.status
          FROM per_case p JOIN ev r ON r.case_id = p.case_id AND r.type = 'registered') x
    LEFT JOIN concluded c USING (status)
    GROUP BY grid ORDER BY grid`);
  out.ms = performance.now() - t0;
  const record = (rs: unknown[][]) => Object.fromEntries(rs.map(([k, v]) => [String(k), Number(v)]));
  const gridRows = grids.map(([g, r, c]) => [String(g), Number(r), Number(c)] as [string, number, number]);
  out.counts = counts({
    byStatus: record(byStatus),
    byCategory: record(byCategory),
    bySeverity: record(bySeverity),
    byLevel: record(byLevel),
    accepted: Number(accepted[0]![0]),
    resolved: Number(median[0]![0]),
    resolvedByLevel: record(byResolution),
    medianDaysToResolve: Number(median[0]![1]),
    grids: gridRows.length,
    gridDigest: digest(gridRows),
  });
}
out.peakRssMB ??= process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));

/** The counts both sides give, with zero entries dropped and keys sorted, as one string to compare. */
function counts(c: Record<string, unknown>): string {
  const norm = (v: unknown): unknown =>
    v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v as Record<string, number>)
            .filter(([, n]) => n !== 0)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v;
  return JSON.stringify(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, norm(v)])));
}
