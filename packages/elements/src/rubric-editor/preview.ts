/**
 * What a rubric would do to current data, as the rubric editor previews it: the core's
 * `scoreAll` over a fact table, then `rankSubjects` and `applyGradeQuota`, counted by grade.
 * Pure: no Lit, no DOM.
 */
import { applyGradeQuota, rankSubjects, scoreAll, type FactTable, type Rubric } from '@gualian/core/assessment';

/** A rubric's effect on a fact table. */
export interface Effect {
  rubric: Rubric;
  /** Subjects scored. */
  size: number;
  /** Subjects per grade id as scored (bands, and vetoes), before the quota. */
  scored: Map<string, number>;
  /** Subjects per grade id with the quota applied. */
  final: Map<string, number>;
  /** Each subject's grade with the quota applied. */
  gradeOf: Map<string, string>;
  /** How many the quota moved. */
  moved: number;
  /** The mean total, to two decimals. */
  mean: number;
}

/**
 * Score a fact table with a rubric and count the grades, before and after the quota.
 * @example
 * effectOf(rubric, facts).final.get('excellent'); // 37
 */
export function effectOf(rubric: Rubric, facts: FactTable): Effect {
  const scores = scoreAll(rubric, facts);
  const scored = new Map<string, number>();
  let sum = 0;
  for (let r = 0; r < scores.size; r++) {
    const id = rubric.grades[scores.grade[r]!]!.id;
    scored.set(id, (scored.get(id) ?? 0) + 1);
    sum += scores.total[r]!;
  }
  const quota = applyGradeQuota(rankSubjects(scores), rubric);
  const final = new Map<string, number>();
  const gradeOf = new Map<string, string>();
  for (const g of quota.grades) {
    final.set(g.grade, (final.get(g.grade) ?? 0) + 1);
    gradeOf.set(g.subject, g.grade);
  }
  return { rubric, size: scores.size, scored, final, gradeOf, moved: quota.moved.length, mean: scores.size === 0 ? 0 : Math.round((sum / scores.size) * 100) / 100 };
}

/**
 * How many subjects end with another grade under `next` than under `before` (grades compared
 * by id, after the quota; a subject only one of them scored counts as changed).
 * @example
 * changedGrades(effectOf(draft, facts), effectOf(loaded, facts)); // 212
 */
export function changedGrades(next: Effect, before: Effect): number {
  let changed = 0;
  for (const [subject, grade] of next.gradeOf) if (before.gradeOf.get(subject) !== grade) changed++;
  for (const subject of before.gradeOf.keys()) if (!next.gradeOf.has(subject)) changed++;
  return changed;
}
