/**
 * What the coverage board and the tree badges show, read from a core `CoverageReport`: the
 * report indexed by division (children, totals, violations), percentages as they are displayed,
 * and the coverage state of one village, which a report holds only as its violations. Pure: no
 * Lit, no DOM. The rules themselves (who counts as covered, what is a violation) stay in the core.
 */
import { parentCode, type Lang } from '@gualian/core';
import { emptyTotals, type CoverageReport, type CoverageTotals, type DivisionTotals, type Violation } from '@gualian/core/pairing';

/** How a figure reads at a glance. */
export type Tone = 'ok' | 'warn' | 'bad';

/** The coverage state of one village, from the violations attributed to it. */
export interface VillageState {
  code: string;
  /** No paired cadre at all. */
  uncovered: boolean;
  /** Cadres missing against the policy's number (0 when covered or uncovered). */
  short: number;
  errors: number;
  warnings: number;
  infos: number;
  /** The violations attributed to the village, in report order. */
  violations: readonly Violation[];
}

/**
 * A share as the percentage people read: rounded down to `digits` decimals, so 1,401 of 1,402
 * villages never shows as 100%, and a share above zero never shows as 0%. `null` when there is
 * nothing to count.
 * @example
 * displayPercent(1395, 1402);   // 99.5
 * displayPercent(1401, 1402, 0); // 99, not 100
 * displayPercent(1, 5000);       // 0.1, not 0
 */
export function displayPercent(part: number, whole: number, digits = 1): number | null {
  if (whole <= 0) return null;
  if (part >= whole) return 100;
  if (part <= 0) return 0;
  const scale = 10 ** digits;
  const floored = Math.floor((part / whole) * 100 * scale) / scale;
  return Math.min(100 - 1 / scale, Math.max(1 / scale, floored));
}

/**
 * The share of villages with enough paired cadres.
 * @example
 * coveragePercent(report.totals); // 99.5 for Zhaotong's demo roster
 */
export function coveragePercent(t: CoverageTotals, digits = 1): number | null {
  return displayPercent(t.villagesCovered, t.villages, digits);
}

/**
 * The share of village pairings whose visits reach the required number.
 * @example
 * compliancePercent(report.totals); // 99.7
 */
export function compliancePercent(t: CoverageTotals, digits = 1): number | null {
  return displayPercent(t.pairingsCompliant, t.villagePairings, digits);
}

/**
 * The tone of a county's or township's figures: bad while a village has no cadre at all (the
 * campaign's first promise is 全覆盖), a warning while anything else is an error, else ok.
 * @example
 * divisionTone({ ...totals, villagesUncovered: 1 }); // 'bad'
 */
export function divisionTone(t: CoverageTotals): Tone {
  if (t.villagesUncovered > 0) return 'bad';
  if (t.villagesShort > 0 || t.errors > 0 || t.pairingsShort > 0) return 'warn';
  return 'ok';
}

/**
 * The tone of a village: bad when it lacks cadres or has errors, a warning for warnings only.
 * @example
 * villageTone(index.village('530602001017')); // 'bad' (uncovered)
 */
export function villageTone(v: VillageState): Tone {
  if (v.uncovered || v.short > 0 || v.errors > 0) return 'bad';
  return v.warnings > 0 ? 'warn' : 'ok';
}

/**
 * The totals of several divisions together (every field is a count, so they add).
 * @example
 * sumTotals(index.childrenOf('5306').map((d) => d.totals)).villages; // 1402
 */
export function sumTotals(parts: readonly CoverageTotals[]): CoverageTotals {
  const out = emptyTotals();
  for (const t of parts) for (const k of Object.keys(out) as (keyof CoverageTotals)[]) out[k] += t[k];
  return out;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * A count in the reader's language (`1,402`).
 * @example
 * formatCount(4206, 'zh-Hans'); // '4,206'
 */
export function formatCount(n: number, lang: Lang): string {
  const key = `${lang}:0`;
  let f = formats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    formats.set(key, f);
  }
  return f.format(n);
}

/**
 * A percentage from {@link displayPercent} as text (`99.5%`), or `—` for nothing to count.
 * @example
 * formatPercent(99.5, 'en'); // '99.5%'
 */
export function formatPercent(p: number | null, lang: Lang, digits = 1): string {
  if (p === null) return '—';
  const key = `${lang}:p${digits}`;
  let f = formats.get(key);
  if (f === undefined) {
    // The value has at most `digits` decimals already (rounded down), so nothing rounds here.
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return `${f.format(p)}%`;
}

/**
 * Whether a code is `scope` or lies below it (`null` or `''`: everything). Codes in short form.
 * @example
 * within('530627100201', '530627'); // true
 * within('530602', '5306');         // true
 * within('530602', '530627');       // false
 */
export function within(code: string, scope: string | null): boolean {
  if (scope === null || scope === '') return true;
  return code.startsWith(scope) && (code.length === scope.length || !scope.includes('-') || code[scope.length] === '-');
}

/**
 * A report indexed for drilling down: each county's and township's totals, the divisions under
 * each (down to townships; villages come from the hierarchy), and the violations by the
 * division they are attributed to. Built once per report ({@link indexReport}).
 */
export class ReportIndex {
  readonly report: CoverageReport;
  readonly #totals = new Map<string, DivisionTotals>();
  readonly #children = new Map<string, DivisionTotals[]>();
  readonly #at = new Map<string, Violation[]>();
  readonly #within = new Map<string, Violation[]>();
  readonly #villages = new Map<string, VillageState>();

  constructor(report: CoverageReport) {
    this.report = report;
    for (const d of report.divisions) this.#totals.set(d.code, d);
    const scopes = new Set(report.scopes.filter((s) => s !== ''));
    for (const d of report.divisions) {
      // The nearest ancestor the report has totals for, or the scope: a province's report has
      // no prefecture rows, and its counties hang from the province itself.
      let p = parentCode(d.code);
      while (p !== null && !this.#totals.has(p) && !scopes.has(p)) p = parentCode(p);
      const key = p ?? '';
      let list = this.#children.get(key);
      if (list === undefined) this.#children.set(key, (list = []));
      list.push(d);
    }
    for (const v of report.violations) {
      const at = v.divisions[0] ?? '';
      let list = this.#at.get(at);
      if (list === undefined) this.#at.set(at, (list = []));
      list.push(v);
    }
  }

  /** The scope the report was computed for, or `null` for a merged or whole-hierarchy report. */
  get scope(): string | null {
    const s = this.report.scopes;
    return s.length === 1 && s[0] !== '' ? s[0]! : null;
  }

  /** A county's or township's entry, or the report's totals for its own scope (or `null` for the whole report). */
  totalsOf(code: string | null): CoverageTotals | undefined {
    if (code === null || code === this.scope) return this.#totals.get(code ?? '')?.totals ?? this.report.totals;
    return this.#totals.get(code)?.totals;
  }

  /** The report's entry of a county or township. */
  division(code: string): DivisionTotals | undefined {
    return this.#totals.get(code);
  }

  /** The counties or townships right under `code` (`null`: the top of the report), in code order. */
  childrenOf(code: string | null): readonly DivisionTotals[] {
    return this.#children.get(code ?? '') ?? (code === null && this.scope !== null ? (this.#children.get(this.scope) ?? []) : []);
  }

  /** Violations attributed to exactly this division. */
  violationsAt(code: string): readonly Violation[] {
    return this.#at.get(code) ?? [];
  }

  /** Violations attributed to this division or any below it (`null`: all), in report order. */
  violationsWithin(code: string | null): readonly Violation[] {
    if (code === null || code === '') return this.report.violations;
    let list = this.#within.get(code);
    if (list === undefined) {
      list = this.report.violations.filter((v) => within(v.divisions[0] ?? '', code));
      this.#within.set(code, list);
    }
    return list;
  }

  /** The coverage state of a village, from its violations (the report has no village rows). */
  village(code: string): VillageState {
    let state = this.#villages.get(code);
    if (state === undefined) {
      const violations = this.violationsAt(code);
      let uncovered = false;
      let short = 0;
      let errors = 0;
      let warnings = 0;
      let infos = 0;
      for (const v of violations) {
        if (v.code === 'village.uncovered') uncovered = true;
        if (v.code === 'village.short') short = Math.max(0, Number(v.details['required']) - Number(v.details['count'])) || 1;
        if (v.severity === 'error') errors++;
        else if (v.severity === 'warning') warnings++;
        else infos++;
      }
      state = { code, uncovered, short, errors, warnings, infos, violations };
      this.#villages.set(code, state);
    }
    return state;
  }

  /** Whether a code lies inside what the report covers. */
  covers(code: string): boolean {
    const scopes = this.report.scopes;
    return scopes.some((s) => s === '' || within(code, s));
  }
}

const indexes = new WeakMap<CoverageReport, ReportIndex>();

/**
 * The index of a report, built on first use and kept as long as the report lives.
 * @example
 * const index = indexReport(report);
 * index.childrenOf('5306').map((d) => d.name); // the 11 counties of 昭通市
 */
export function indexReport(report: CoverageReport): ReportIndex {
  let index = indexes.get(report);
  if (index === undefined) {
    index = new ReportIndex(report);
    indexes.set(report, index);
  }
  return index;
}
