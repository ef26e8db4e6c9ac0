/**
 * A fast yes for valid records: the record's zod schema compiled once into plain checks, so
 * that a bulk path (a replay of a million events, a chain of a day's events) validates every
 * record exactly as `applyEvent` does without zod's cost for each (about 6 µs an event).
 *
 * The compiled check answers only "certainly valid": when it says no, or meets a part of a
 * schema it does not know, the schema itself is asked, so the verdict and the issues are always
 * zod's. The parts it knows are the ones record schemas use (strings with lengths, patterns and
 * refinements, numbers, booleans, enums, literals, strict and plain objects, arrays, optional
 * fields, discriminated unions); any other part is checked by its own schema, so a schema that
 * grows new kinds of parts stays exact.
 * @internal
 */
import type * as z from 'zod/mini';

/** A compiled check: true only for a value the schema accepts. @internal */
export type FastCheck = (value: unknown) => boolean;

interface ZodLike {
  _zod: { def: Def };
  safeParse(value: unknown): { success: boolean };
}
interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  [key: string]: unknown;
}

const compiled = new WeakMap<object, Map<string, FastCheck>>();

/**
 * The compiled check of a schema (compiled once, then kept). `extraKeys` are keys the top-level
 * object (each option of a union) may carry beside the schema's own, unchecked: a record
 * entry's `seq`, `prev` and `hash`, checked by the chain.
 * @example
 * const valid = fastCheck(caseEventSchema);
 * if (!valid(event)) issues.push(...recordIssues(caseEventSchema.safeParse(event).error.issues, event, 'case-event', i));
 * @internal
 */
export function fastCheck(schema: z.ZodMiniType, extraKeys: readonly string[] = []): FastCheck {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new Map()));
  const key = extraKeys.join('\u0000');
  let f = bySchema.get(key);
  if (!f) bySchema.set(key, (f = compile(schema as unknown as ZodLike, extraKeys)));
  return f;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

function compile(schema: ZodLike, extraKeys: readonly string[] = []): FastCheck {
  const def = schema._zod.def;
  const whole: FastCheck = (v) => schema.safeParse(v).success;
  // Extra keys are only known to the top-level objects: anything else is checked whole, without them.
  if (extraKeys.length > 0 && def.type !== 'object' && def.type !== 'union') return () => false;
  switch (def.type) {
    case 'string': {
      const checks = stringChecks(def);
      if (!checks) return whole;
      return (v) => typeof v === 'string' && checks(v);
    }
    case 'number': {
      const checks = numberChecks(def);
      if (!checks) return whole;
      return (v) => typeof v === 'number' && Number.isFinite(v) && checks(v);
    }
    case 'boolean':
      return def.checks?.length ? whole : (v) => typeof v === 'boolean';
    case 'enum': {
      if (def.checks?.length) return whole;
      const values = new Set(Object.values(def['entries'] as Record<string, unknown>));
      return (v) => values.has(v);
    }
    case 'literal': {
      if (def.checks?.length) return whole;
      const values = new Set(def['values'] as unknown[]);
      return (v) => values.has(v);
    }
    case 'optional': {
      if (def.checks?.length) return whole;
      const inner = compile(def['innerType'] as ZodLike);
      return (v) => v === undefined || inner(v);
    }
    case 'array': {
      const element = compile(def['element'] as ZodLike);
      const checks = lengthChecks(def);
      if (!checks) return whole;
      return (v) => {
        if (!Array.isArray(v) || !checks(v.length)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return objectCheck(def, extraKeys) ?? (extraKeys.length > 0 ? () => false : whole);
    case 'union': {
      const key = def['discriminator'];
      const none: FastCheck = extraKeys.length > 0 ? () => false : whole;
      if (typeof key !== 'string' || def.checks?.length) return none;
      const byValue = new Map<unknown, FastCheck>();
      for (const option of def['options'] as ZodLike[]) {
        const tag = (option._zod.def['shape'] as Record<string, ZodLike> | undefined)?.[key]?._zod.def;
        if (!tag || tag.type !== 'literal') return none;
        const check = compile(option, extraKeys);
        for (const value of tag['values'] as unknown[]) {
          if (byValue.has(value)) return none;
          byValue.set(value, check);
        }
      }
      return (v) => {
        if (!isPlainObject(v)) return false;
        const check = byValue.get(v[key]);
        return check !== undefined && check(v);
      };
    }
    default:
      return whole;
  }
}

function objectCheck(def: Def, extraKeys: readonly string[]): FastCheck | undefined {
  const catchall = (def['catchall'] as ZodLike | undefined)?._zod.def.type;
  // A strict object refuses unknown keys; a plain one strips them (they are not checked).
  if (catchall !== undefined && catchall !== 'never') return undefined;
  const strict = catchall === 'never';
  const shape = def['shape'] as Record<string, ZodLike>;
  // One pass over the object's own keys, each looked up here: V8 loads `v[k]` inside
  // `for (k in v)` from the enum cache, where a loop over the shape's keys would do a
  // megamorphic keyed load for each (events have a dozen shapes).
  const byKey = new Map<string, { check: FastCheck; required: number }>();
  let required = 0;
  for (const k of Object.keys(shape)) {
    const field = shape[k]!;
    const isRequired = field._zod.def.type === 'optional' ? 0 : 1;
    byKey.set(k, { check: compile(field), required: isRequired });
    required += isRequired;
  }
  for (const k of extraKeys) if (!byKey.has(k)) byKey.set(k, { check: () => true, required: 0 });
  const refinements: ((v: unknown) => unknown)[] = [];
  for (const c of def.checks ?? []) {
    const cd = c._zod.def;
    if (cd.check === 'describe') continue;
    if (cd.check !== 'custom' || typeof cd['fn'] !== 'function') return undefined;
    refinements.push(cd['fn'] as (v: unknown) => unknown);
  }
  return (v) => {
    if (!isPlainObject(v)) return false;
    let present = 0;
    for (const k in v) {
      const field = byKey.get(k);
      if (field === undefined) {
        if (strict) return false;
        continue;
      }
      if (!field.check(v[k])) return false;
      present += field.required;
    }
    // A required key absent (an optional one may be); said no to, zod is asked.
    if (present !== required) return false;
    for (let i = 0; i < refinements.length; i++) if (refinements[i]!(v) !== true) return false;
    return true;
  };
}

function lengthChecks(def: Def): ((n: number) => boolean) | undefined {
  let min = 0;
  let max = Infinity;
  for (const c of def.checks ?? []) {
    const cd = c._zod.def;
    if (cd.check === 'min_length') min = Math.max(min, cd['minimum'] as number);
    else if (cd.check === 'max_length') max = Math.min(max, cd['maximum'] as number);
    else if (cd.check === 'length_equals') {
      min = Math.max(min, cd['length'] as number);
      max = Math.min(max, cd['length'] as number);
    } else if (cd.check !== 'describe') return undefined;
  }
  return (n) => n >= min && n <= max;
}

/** The largest number of distinct strings a refinement's answers are kept for. */
const MEMO = 65_536;

function stringChecks(def: Def): ((s: string) => boolean) | undefined {
  let min = 0;
  let max = Infinity;
  const tests: ((s: string) => boolean)[] = [];
  for (const c of def.checks ?? []) {
    const cd = c._zod.def;
    switch (cd.check) {
      case 'describe':
        break;
      case 'min_length':
        min = Math.max(min, cd['minimum'] as number);
        break;
      case 'max_length':
        max = Math.min(max, cd['maximum'] as number);
        break;
      case 'string_format': {
        if (cd['format'] !== 'regex' || !(cd['pattern'] instanceof RegExp)) return undefined;
        const pattern = cd['pattern'];
        tests.push((s) => {
          pattern.lastIndex = 0;
          return pattern.test(s);
        });
        break;
      }
      case 'custom': {
        if (typeof cd['fn'] !== 'function') return undefined;
        // Refinements of strings (a real time, a division code) are pure: the answer for a
        // string that recurs (a division) is kept, within a bound; where strings rarely recur
        // (times), the keeping is given up after a while, as it only costs.
        const fn = cd['fn'] as (s: string) => unknown;
        const memo = new Map<string, boolean>();
        let asked = 0;
        let found = 0;
        let keep = true;
        tests.push((s) => {
          if (!keep) return fn(s) === true;
          let ok = memo.get(s);
          asked++;
          if (ok === undefined) {
            ok = fn(s) === true;
            if (memo.size < MEMO) memo.set(s, ok);
          } else found++;
          if (asked === 4096 && found < 1024) {
            keep = false;
            memo.clear();
          }
          return ok;
        });
        break;
      }
      default:
        return undefined;
    }
  }
  if (tests.length === 0) return (s) => s.length >= min && s.length <= max;
  if (tests.length === 1) {
    const only = tests[0]!;
    return (s) => s.length >= min && s.length <= max && only(s);
  }
  return (s) => {
    if (s.length < min || s.length > max) return false;
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(s)) return false;
    return true;
  };
}

function numberChecks(def: Def): ((n: number) => boolean) | undefined {
  const tests: ((n: number) => boolean)[] = [];
  for (const c of def.checks ?? []) {
    const cd = c._zod.def;
    switch (cd.check) {
      case 'describe':
        break;
      case 'number_format':
        if (cd['format'] === 'safeint') tests.push(Number.isSafeInteger);
        else return undefined;
        break;
      case 'greater_than': {
        const value = cd['value'] as number;
        tests.push(cd['inclusive'] ? (n) => n >= value : (n) => n > value);
        break;
      }
      case 'less_than': {
        const value = cd['value'] as number;
        tests.push(cd['inclusive'] ? (n) => n <= value : (n) => n < value);
        break;
      }
      default:
        return undefined;
    }
  }
  return (n) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(n)) return false;
    return true;
  };
}
