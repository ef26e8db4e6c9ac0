/**
 * The formulas of rubric items: a tiny expression language over named facts, parsed by hand and
 * evaluated by a tree of closures, never by `eval` or `new Function` (the widgets run under a
 * strict Content-Security-Policy, and a rubric is data that anyone may have written).
 *
 * Grammar (whitespace is free):
 * ```
 * formula    := comparison
 * comparison := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?   → 1 when true, 0 when false
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/') unary)*                              → x / 0 is 0
 * unary      := '-' unary | primary
 * primary    := number | fact | ('min' | 'max') '(' formula (',' formula)* ')' | '(' formula ')'
 * fact       := a letter or _, then letters, digits, _ or .   (visits, activity.lawClass)
 * ```
 */
import { AssessmentError } from './errors.js';

/** A parsed formula. */
export type FormulaNode =
  | { type: 'number'; value: number }
  | { type: 'fact'; name: string }
  | { type: 'negate'; arg: FormulaNode }
  | { type: 'binary'; op: BinaryOp; left: FormulaNode; right: FormulaNode }
  | { type: 'call'; fn: 'min' | 'max'; args: FormulaNode[] };

/** The binary operators of a formula. */
export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A formula longer than this is refused. */
const MAX_LENGTH = 1000;
/** Nesting deeper than this is refused (no stack overflow on hostile input). */
const MAX_DEPTH = 48;
const FUNCTIONS = new Set(['min', 'max']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

interface Token {
  kind: 'number' | 'name' | 'op' | 'end';
  text: string;
  at: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(ch) || (ch === '.' && isDigit(text[i + 1] ?? ''))) {
      while (i < text.length && isDigit(text[i]!)) i++;
      if (text[i] === '.') {
        i++;
        while (i < text.length && isDigit(text[i]!)) i++;
      }
      out.push({ kind: 'number', text: text.slice(start, i), at: start });
      continue;
    }
    if (isNameStart(ch)) {
      while (i < text.length && (isNameStart(text[i]!) || isDigit(text[i]!) || text[i] === '.')) i++;
      if (text[i - 1] === '.') throw new AssessmentError('formula.syntax', { formula: text, position: i, found: '.' });
      out.push({ kind: 'name', text: text.slice(start, i), at: start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (COMPARISONS.has(two)) {
      out.push({ kind: 'op', text: two, at: start });
      i += 2;
      continue;
    }
    if ('+-*/()<>,'.includes(ch)) {
      out.push({ kind: 'op', text: ch, at: start });
      i++;
      continue;
    }
    throw new AssessmentError('formula.syntax', { formula: text, position: i + 1, found: ch });
  }
  out.push({ kind: 'end', text: '', at: text.length });
  return out;
}

const isDigit = (ch: string) => ch >= '0' && ch <= '9';
const isNameStart = (ch: string) => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';

/**
 * Parse a formula; a mistake is refused with its position (1-based) and what was found there.
 * @example
 * parseFormula('10 * min(1, pairedVisits / max(visitsRequired, 1))');
 * parseFormula('visits >= 4'); // 1 when true, 0 when false
 * parseFormula('visits +'); // throws AssessmentError 'formula.syntax' (position 9)
 */
export function parseFormula(text: string): FormulaNode {
  if (text.length > MAX_LENGTH) throw new AssessmentError('formula.too-long', { formula: text.slice(0, 40) + '…', max: MAX_LENGTH });
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k]!;
  const fail = (t: Token): never => {
    throw new AssessmentError('formula.syntax', { formula: text, position: t.at + 1, found: t.kind === 'end' ? '(end)' : t.text });
  };
  const expect = (op: string) => {
    const t = peek();
    if (t.kind !== 'op' || t.text !== op) fail(t);
    k++;
  };
  const comparison = (depth: number): FormulaNode => {
    if (depth > MAX_DEPTH) throw new AssessmentError('formula.too-deep', { formula: text.slice(0, 40), max: MAX_DEPTH });
    const left = sum(depth);
    const t = peek();
    if (t.kind === 'op' && COMPARISONS.has(t.text)) {
      k++;
      return { type: 'binary', op: t.text as BinaryOp, left, right: sum(depth) };
    }
    return left;
  };
  const sum = (depth: number): FormulaNode => {
    let node = product(depth);
    for (let t = peek(); t.kind === 'op' && (t.text === '+' || t.text === '-'); t = peek()) {
      k++;
      node = { type: 'binary', op: t.text, left: node, right: product(depth) };
    }
    return node;
  };
  const product = (depth: number): FormulaNode => {
    let node = unary(depth);
    for (let t = peek(); t.kind === 'op' && (t.text === '*' || t.text === '/'); t = peek()) {
      k++;
      node = { type: 'binary', op: t.text, left: node, right: unary(depth) };
    }
    return node;
  };
  const unary = (depth: number): FormulaNode => {
    const t = peek();
    if (t.kind === 'op' && t.text === '-') {
      if (depth > MAX_DEPTH) throw new AssessmentError('formula.too-deep', { formula: text.slice(0, 40), max: MAX_DEPTH });
      k++;
      return { type: 'negate', arg: unary(depth + 1) };
    }
    return primary(depth);
  };
  const primary = (depth: number): FormulaNode => {
    const t = peek();
    if (t.kind === 'number') {
      k++;
      return { type: 'number', value: Number(t.text) };
    }
    if (t.kind === 'name') {
      k++;
      const next = peek();
      if (next.kind === 'op' && next.text === '(') {
        if (!FUNCTIONS.has(t.text)) throw new AssessmentError('formula.function', { formula: text, name: t.text, position: t.at + 1 });
        k++;
        const args = [comparison(depth + 1)];
        while (peek().kind === 'op' && peek().text === ',') {
          k++;
          args.push(comparison(depth + 1));
        }
        expect(')');
        return { type: 'call', fn: t.text as 'min' | 'max', args };
      }
      if (FUNCTIONS.has(t.text)) throw new AssessmentError('formula.arity', { formula: text, name: t.text, position: t.at + 1 });
      return { type: 'fact', name: t.text };
    }
    if (t.kind === 'op' && t.text === '(') {
      k++;
      const inner = comparison(depth + 1);
      expect(')');
      return inner;
    }
    return fail(t);
  };
  const node = comparison(0);
  if (peek().kind !== 'end') fail(peek());
  return node;
}

/**
 * The facts a formula reads, each once, in order of first use.
 * @example
 * factsOfFormula(parseFormula('2 * (activity.lawClass + activity.legalEducation)')); // ['activity.lawClass', 'activity.legalEducation']
 */
export function factsOfFormula(node: FormulaNode): string[] {
  const out: string[] = [];
  const walk = (n: FormulaNode): void => {
    if (n.type === 'fact') {
      if (!out.includes(n.name)) out.push(n.name);
    } else if (n.type === 'negate') walk(n.arg);
    else if (n.type === 'binary') {
      walk(n.left);
      walk(n.right);
    } else if (n.type === 'call') n.args.forEach(walk);
  };
  walk(node);
  return out;
}

/**
 * Evaluate a formula with the facts' values (a fact missing from `values` is 0; `x / 0` is 0;
 * comparisons give 1 or 0).
 * @example
 * evaluateFormula(parseFormula('10 * min(1, pairedVisits / max(visitsRequired, 1))'), { pairedVisits: 3, visitsRequired: 4 }); // 7.5
 */
export function evaluateFormula(node: FormulaNode, values: Readonly<Record<string, number>>): number {
  const names = factsOfFormula(node);
  const slots = new Map(names.map((n, i) => [n, i]));
  return compileFormula(node, (name) => slots.get(name)!)(names.map((n) => (hasOwn(values, n) ? values[n]! : 0)));
}

/**
 * A formula as a closure over a vector of fact values (`slotOf` gives each fact's position):
 * built once per rubric, run once per subject.
 * @internal
 */
export function compileFormula(node: FormulaNode, slotOf: (name: string) => number): (values: ArrayLike<number>) => number {
  switch (node.type) {
    case 'number': {
      const v = node.value;
      return () => v;
    }
    case 'fact': {
      const slot = slotOf(node.name);
      return (values) => values[slot]!;
    }
    case 'negate': {
      const arg = compileFormula(node.arg, slotOf);
      return (values) => -arg(values);
    }
    case 'call': {
      const args = node.args.map((a) => compileFormula(a, slotOf));
      const pick = node.fn === 'min' ? Math.min : Math.max;
      if (args.length === 1) return args[0]!;
      if (args.length === 2) {
        const [a, b] = args as [(v: ArrayLike<number>) => number, (v: ArrayLike<number>) => number];
        return (values) => pick(a(values), b(values));
      }
      return (values) => {
        let r = args[0]!(values);
        for (let k = 1; k < args.length; k++) r = pick(r, args[k]!(values));
        return r;
      };
    }
    case 'binary': {
      const a = compileFormula(node.left, slotOf);
      const b = compileFormula(node.right, slotOf);
      switch (node.op) {
        case '+':
          return (v) => a(v) + b(v);
        case '-':
          return (v) => a(v) - b(v);
        case '*':
          return (v) => a(v) * b(v);
        case '/':
          return (v) => {
            const d = b(v);
            return d === 0 ? 0 : a(v) / d;
          };
        case '<':
          return (v) => (a(v) < b(v) ? 1 : 0);
        case '<=':
          return (v) => (a(v) <= b(v) ? 1 : 0);
        case '>':
          return (v) => (a(v) > b(v) ? 1 : 0);
        case '>=':
          return (v) => (a(v) >= b(v) ? 1 : 0);
        case '==':
          return (v) => (a(v) === b(v) ? 1 : 0);
        case '!=':
          return (v) => (a(v) !== b(v) ? 1 : 0);
      }
    }
  }
}

/** `Object.hasOwn`, which Chromium 83 lacks. @internal */
export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
