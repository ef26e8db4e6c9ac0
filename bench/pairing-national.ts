// One measurement of the national check, in a fresh process. Prints one JSON line.
//   node --import tsx bench/pairing-national.ts <gualian|gualian-findings|typed|duckdb|recheck>
import { writeFileSync } from 'node:fs';
import { isoDate, yearRange } from '../packages/core/src/index.ts';
import { PairingMonitor, Roster, checkPairing, watchPairing } from '../packages/core/src/pairing/index.ts';
import { YEAR, loadCountry, nationalColumns } from './national-roster.ts';

const mode = process.argv[2] ?? 'gualian';
const h = loadCountry();
const cols = nationalColumns(h);
const [y0, y1] = yearRange(YEAR);
const out: Record<string, unknown> = { mode, villages: cols.villages.length, pairings: cols.pairings.cadre.length, visits: cols.visits.cadre.length };
const rssBefore = process.resourceUsage().maxRSS / 1024;

if (mode === 'gualian' || mode === 'gualian-findings' || mode === 'recheck') {
  const cadreIds = (i: number) => `C${i}`;
  const roster = Roster.fromColumns(h, { cadreIds, cadreRank: cols.cadreRank, pairings: cols.pairings, visits: cols.visits });
  if (mode === 'recheck') {
    const t0 = performance.now();
    const monitor = watchPairing(roster, { year: YEAR });
    out.firstCheckMs = performance.now() - t0;
    const times: number[] = [];
    for (let k = 0; k < 2000; k++) {
      const c = (k * 7919) % cols.cadreRank.length;
      const t = performance.now();
      roster.addVisit({ id: `N${k}`, cadreId: `C${c}`, villageCode: h.codeAt(cols.villages[Math.floor(c / 3)]!), date: isoDate(y0 + (k % 300)), minutes: 120, households: 4, activities: ['law-class'] });
      monitor.totals();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.ms = times[times.length >> 1];
    out.p99Ms = times[Math.floor(times.length * 0.99)];
    out.maxMs = times[times.length - 1];
  } else if (mode === 'gualian') {
    // The check: every count and the totals of every county and township, as DuckDB's queries
    // give counts; then, apart, the report that lists every violation as an object.
    globalThis.gc?.();
    const t0 = performance.now();
    const monitor = new PairingMonitor(roster, { year: YEAR, findings: false });
    const totals = monitor.totals();
    out.ms = performance.now() - t0;
    out.villagesUnder3 = totals.villagesShort + totals.villagesUncovered;
    out.cadresUnder4 = totals.pairingsShort;
    const t1 = performance.now();
    const report = monitor.report();
    out.reportMs = performance.now() - t1;
    out.violations = report.violations.length;
    out.divisions = report.divisions.length;
  } else {
    globalThis.gc?.();
    const t0 = performance.now();
    const report = checkPairing(roster, { year: YEAR, findings: true });
    out.ms = performance.now() - t0;
    out.villagesUnder3 = report.totals.villagesShort + report.totals.villagesUncovered;
    out.cadresUnder4 = report.totals.pairingsShort;
    out.violations = report.violations.length;
  }
} else if (mode === 'typed') {
  // The floor: the same two counts by bare typed-array passes, nothing else.
  const t0 = performance.now();
  const perVillage = new Int32Array(h.size);
  const P = cols.pairings;
  for (let p = 0; p < P.cadre.length; p++) if (P.role[p] === 2) perVillage[P.target[p]!]!++;
  let villagesUnder3 = 0;
  for (const v of cols.villages) if (perVillage[v]! < 3) villagesUnder3++;
  const paired = new Uint8Array(cols.cadreRank.length);
  for (let p = 0; p < P.cadre.length; p++) if (P.role[p] === 2) paired[P.cadre[p]!] = 1;
  const perCadre = new Int32Array(cols.cadreRank.length);
  const V = cols.visits;
  for (let v = 0; v < V.cadre.length; v++) if (V.day[v]! >= y0 && V.day[v]! <= y1) perCadre[V.cadre[v]!]!++;
  let cadresUnder4 = 0;
  for (let c = 0; c < perCadre.length; c++) if (paired[c] && perCadre[c]! < 4) cadresUnder4++;
  out.ms = performance.now() - t0;
  Object.assign(out, { villagesUnder3, cadresUnder4 });
} else if (mode === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const dir = '/tmp/gualian-bench';
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const lines = (n: number, row: (i: number) => string) => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(row(i));
    return parts.join('\n') + '\n';
  };
  writeFileSync(`${dir}/villages.csv`, 'village\n' + lines(cols.villages.length, (i) => String(cols.villages[i])));
  const P = cols.pairings;
  writeFileSync(`${dir}/pairings.csv`, 'cadre,role,village\n' + lines(P.cadre.length, (i) => `${P.cadre[i]},${P.role[i]},${P.target[i]}`));
  const V = cols.visits;
  writeFileSync(`${dir}/visits.csv`, 'cadre,village,day\n' + lines(V.cadre.length, (i) => `${V.cadre[i]},${V.village[i]},${V.day[i]}`));
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const tl = performance.now();
  for (const t of ['villages', 'pairings', 'visits']) await con.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv('${dir}/${t}.csv', header = true)`);
  out.loadMs = performance.now() - tl;
  const t0 = performance.now();
  const q1 = await con.runAndReadAll(`SELECT count(*) FROM villages v LEFT JOIN (SELECT village, count(*) AS n FROM pairings WHERE role = 2 GROUP BY village) p USING (village) WHERE coalesce(p.n, 0) < 3`);
  const q2 = await con.runAndReadAll(
    `SELECT count(*) FROM pairings p LEFT JOIN (SELECT cadre, village, count(*) AS n FROM visits WHERE day BETWEEN ${y0} AND ${y1} GROUP BY cadre, village) v USING (cadre, village) WHERE p.role = 2 AND coalesce(v.n, 0) < 4`,
  );
  out.ms = performance.now() - t0;
  out.villagesUnder3 = Number(q1.getRows()[0]![0]);
  out.cadresUnder4 = Number(q2.getRows()[0]![0]);
}
out.peakRssMB = process.resourceUsage().maxRSS / 1024;
out.rssBeforeMB = rssBefore;
console.log(JSON.stringify(out));
