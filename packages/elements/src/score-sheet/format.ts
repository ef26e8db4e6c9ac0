/**
 * How the assessment widgets write numbers, times, periods and a rubric's labels in the reader's
 * language. Presentation only: every figure comes from the core's sheet as it is.
 */
import { translate, type Lang } from '@gualian/core';
import { DEFAULT_GRADES, type GradeBand, type Period, type Rubric, type RubricInput } from '@gualian/core/assessment';

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the language writes it, to two decimals at most (the core keeps points to two);
 * `signed` puts + before a positive value, as an addition or deduction is read.
 * @example
 * formatNumber('en', 1234.5); // '1,234.5'
 * formatNumber('zh-Hans', -5, true); // '-5'
 */
export function formatNumber(lang: Lang, value: number, signed = false): string {
  const key = `${lang}|${signed ? 's' : ''}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, ...(signed ? { signDisplay: 'exceptZero' as const } : {}) })));
  // −0 would print as "-0" with a sign.
  return f.format(value + 0);
}

const timeFormats = new Map<Lang, Intl.DateTimeFormat>();
const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * A review step's time as it was recorded: the wall-clock time of its own offset, not shifted
 * into the reader's zone (a step taken at 09:30 in Zhaotong reads 09:30 everywhere).
 * @example
 * formatStamp('zh-Hans', '2025-01-06T09:30:00+08:00'); // '2025/01/06 09:30'
 */
export function formatStamp(lang: Lang, at: string): string {
  const m = STAMP.exec(at);
  if (!m) return at;
  let f = timeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
    timeFormats.set(lang, f);
  }
  return f.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

/**
 * A moment as the core's review wants it: ISO 8601 with the offset of the clock that read it.
 * @example
 * stampOf(new Date()); // '2025-01-06T09:30:12+08:00' in Zhaotong
 */
export function stampOf(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

const monthFormats = new Map<Lang, Intl.DateTimeFormat>();

/** The values a period's label is filled with: year, index and the month's name. @internal */
export function periodValues(lang: Lang, p: Period): Record<string, string | number> {
  let f = monthFormats.get(lang);
  if (!f) monthFormats.set(lang, (f = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' })));
  return { year: p.year, index: p.index, month: f.format(Date.UTC(p.year, p.kind === 'month' ? p.index - 1 : 0, 15)) };
}

type Labelled = { label: string; labels?: { 'zh-Hans'?: string | undefined; 'zh-Hant'?: string | undefined; en?: string | undefined } | undefined };

/** A rubric's wording in a language: its `labels` for that language, else its own `label`. */
const labelIn = (x: Labelled, lang: Lang) => x.labels?.[lang] || x.label;

/**
 * A rubric's words in the reader's language: sections, items, their descriptions, grades and
 * declared facts, falling back to the sheet's own wording (the place's) and the core's fact labels.
 * @internal
 */
export class RubricWords {
  readonly #rubric: Rubric | RubricInput | null;
  readonly #lang: Lang;

  constructor(rubric: Rubric | RubricInput | null, lang: Lang) {
    this.#rubric = rubric;
    this.#lang = lang;
  }

  section(id: string, fallback: string): string {
    const s = this.#rubric?.sections.find((x) => x.id === id);
    return s ? labelIn(s, this.#lang) : fallback;
  }

  item(section: string, id: string, fallback: string): string {
    const item = this.#item(section, id);
    return item ? labelIn(item, this.#lang) : fallback;
  }

  /** The standard's own wording of an item (评分细则), when the rubric is known. */
  description(section: string, id: string): string {
    return this.#item(section, id)?.description ?? '';
  }

  grade(id: string): string {
    const grades: readonly GradeBand[] = (this.#rubric?.grades as GradeBand[] | undefined) ?? DEFAULT_GRADES;
    const g = grades.find((x) => x.id === id) ?? DEFAULT_GRADES.find((x) => x.id === id);
    return g ? labelIn(g, this.#lang) : id;
  }

  fact(name: string): string {
    const declared = this.#rubric?.facts?.find((f) => f.name === name);
    if (declared?.label) return labelIn(declared as Labelled, this.#lang);
    const key = `fact.${name}`;
    const known = translate(key, this.#lang);
    return known === key ? name : known;
  }

  /** Whether a fact is one reviewers enter by hand (declared `source: 'manual'`). */
  manualFacts(): Array<{ name: string; type: 'count' | 'number' | 'flag'; label: string }> {
    return (this.#rubric?.facts ?? []).filter((f) => f.source === 'manual').map((f) => ({ name: f.name, type: f.type ?? 'count', label: this.fact(f.name) }));
  }

  #item(section: string, id: string) {
    return this.#rubric?.sections.find((x) => x.id === section)?.items.find((x) => x.id === id);
  }
}
