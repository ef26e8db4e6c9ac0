/**
 * What value a declared fact may take, in one place, so that a manual entry
 * (`computeFacts({ manual })`, `FactTable.withEntries`) and a review's adjustment refuse the
 * same values for the same reason.
 */
import type { FactDeclaration } from './schema.js';

/**
 * Why a value does not fit a declared fact, as a message key (`assessment.value.count`, …), or
 * null when it fits: a count is a whole number ≥ 0, a flag 0 or 1, any value finite, and within
 * the declaration's `min` and `max` when it has them.
 * @example
 * factValueProblem({ name: 'tasksCompleted', type: 'count', source: 'manual', default: 0 }, 2.5); // 'assessment.value.count'
 * factValueProblem({ name: 'evaluation', type: 'number', source: 'manual', default: 0, max: 100 }, 120); // 'assessment.value.max'
 */
export function factValueProblem(declaration: Pick<FactDeclaration, 'type'> & { min?: number | undefined; max?: number | undefined }, value: unknown): FactValueProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'assessment.value.number';
  if (declaration.type === 'count' && (!Number.isInteger(value) || value < 0)) return 'assessment.value.count';
  if (declaration.type === 'flag' && value !== 0 && value !== 1) return 'assessment.value.flag';
  if (declaration.min !== undefined && value < declaration.min) return 'assessment.value.min';
  if (declaration.max !== undefined && value > declaration.max) return 'assessment.value.max';
  return null;
}

/** The reasons {@link factValueProblem} gives (message keys, read in three languages). */
export type FactValueProblem = 'assessment.value.number' | 'assessment.value.count' | 'assessment.value.flag' | 'assessment.value.min' | 'assessment.value.max';
