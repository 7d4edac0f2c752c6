// The JSONPath dialect of client-go's util/jsonpath as additionalPrinterColumns use it
// (`.spec.replicas`, `.status.conditions[?(@.type=="Ready")].status`, `.items[*].name`,
// `['a.b']`, `[0:2]`, `..name`), evaluated with missing keys allowed: a path that leads nowhere
// yields no results.
import { deepEqual, isPlainObject } from '../../../apimachinery/object.ts';

type Literal = string | number | boolean | null;

type Segment =
  | { kind: 'field'; names: string[] }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; left: Segment[]; op?: string; right?: Literal | Segment[] };

export class JSONPathError extends Error {}

export interface JSONPath {
  /** The values the path selects in `obj`, in document order. */
  find(obj: unknown): unknown[];
}

const IDENT = /^[^.[\]\s()=!<>'"@,*]+/;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parsePath(stopAt: (c: string) => boolean = () => false): Segment[] {
    const out: Segment[] = [];
    while (this.i < this.s.length && !stopAt(this.s[this.i]!)) {
      const c = this.s[this.i]!;
      if (c === '.') {
        if (this.s[this.i + 1] === '.') {
          this.i += 2;
          out.push({ kind: 'recursive' });
          if (this.s[this.i] === '[') continue;
        } else this.i++;
        if (this.s[this.i] === '*') {
          this.i++;
          out.push({ kind: 'wildcard' });
          continue;
        }
        const m = IDENT.exec(this.s.slice(this.i));
        if (!m) {
          if (this.i >= this.s.length || stopAt(this.s[this.i]!)) break;
          continue;
        }
        this.i += m[0].length;
        out.push({ kind: 'field', names: [m[0]] });
      } else if (c === '[') {
        out.push(this.parseBracket());
      } else if (c === ' ') {
        this.i++;
      } else {
        const m = IDENT.exec(this.s.slice(this.i));
        if (!m) throw new JSONPathError(`unrecognized character in action: ${JSON.stringify(c)}`);
        this.i += m[0].length;
        out.push({ kind: 'field', names: [m[0]] });
      }
    }
    return out;
  }

  private parseBracket(): Segment {
    this.i++;
    const close = this.findClose();
    const body = this.s.slice(this.i, close).trim();
    this.i = close + 1;
    if (body === '*') return { kind: 'wildcard' };
    if (body.startsWith('?(') && body.endsWith(')')) return parseFilter(body.slice(2, -1));
    if (/^['"]/.test(body)) {
      const names = [...body.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2] ?? '');
      return { kind: 'field', names };
    }
    if (body.includes(':')) {
      const [a, b, c] = body.split(':').map((x) => x.trim());
      const num = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
      return { kind: 'slice', start: num(a), end: num(b), step: num(c) };
    }
    const indexes = body.split(',').map((x) => Number(x.trim()));
    if (indexes.some((n) => !Number.isInteger(n))) throw new JSONPathError(`invalid array index ${body}`);
    return { kind: 'index', indexes };
  }

  private findClose(): number {
    let depth = 0;
    let quote = '';
    for (let j = this.i; j < this.s.length; j++) {
      const c = this.s[j]!;
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === ']') {
        if (depth === 0) return j;
        depth--;
      }
    }
    throw new JSONPathError('unterminated array');
  }
}

function parseLiteral(text: string): Literal | Segment[] {
  const t = text.trim();
  if (t.startsWith('@')) return new Parser(t.slice(1)).parsePath();
  if (/^'.*'$|^".*"$/s.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null' || t === 'nil') return null;
  const n = Number(t);
  if (t !== '' && !Number.isNaN(n)) return n;
  throw new JSONPathError(`unrecognized filter operand ${t}`);
}

function parseFilter(expr: string): Segment {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/s.exec(expr);
  if (!m) {
    const t = expr.trim();
    if (!t.startsWith('@')) throw new JSONPathError(`unrecognized filter ${expr}`);
    return { kind: 'filter', left: new Parser(t.slice(1)).parsePath() };
  }
  const left = parseLiteral(m[1]!);
  if (!Array.isArray(left)) throw new JSONPathError(`unrecognized filter ${expr}`);
  return { kind: 'filter', left, op: m[2], right: parseLiteral(m[3]!) };
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.keys(v).sort().map((k) => v[k]);
  return [];
}

function descendants(v: unknown, out: unknown[]): void {
  out.push(v);
  for (const c of children(v)) descendants(c, out);
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    default: {
      if (typeof a === 'number' && typeof b === 'number') {
        return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
      }
      if (typeof a === 'string' && typeof b === 'string') {
        return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
      }
      return false;
    }
  }
}

function apply(segments: readonly Segment[], inputs: unknown[]): unknown[] {
  let cur = inputs;
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (seg.kind) {
        case 'field':
          if (isPlainObject(v)) for (const n of seg.names) if (Object.prototype.hasOwnProperty.call(v, n)) next.push(v[n]);
          break;
        case 'wildcard':
          next.push(...children(v));
          break;
        case 'recursive':
          descendants(v, next);
          break;
        case 'index':
          if (Array.isArray(v)) {
            for (const i of seg.indexes) {
              const j = i < 0 ? v.length + i : i;
              if (j >= 0 && j < v.length) next.push(v[j]);
            }
          }
          break;
        case 'slice':
          if (Array.isArray(v)) {
            const len = v.length;
            const norm = (x: number | undefined, d: number) => (x === undefined ? d : x < 0 ? Math.max(0, len + x) : Math.min(x, len));
            const step = seg.step ?? 1;
            for (let i = norm(seg.start, 0); i < norm(seg.end, len); i += step > 0 ? step : 1) next.push(v[i]);
          }
          break;
        case 'filter':
          for (const item of Array.isArray(v) ? v : [v]) {
            const left = apply(seg.left, [item]);
            if (seg.op === undefined) {
              if (left.length > 0) next.push(item);
              continue;
            }
            const right = Array.isArray(seg.right) ? apply(seg.right, [item]) : [seg.right];
            if (left.length > 0 && right.length > 0 && compare(left[0], seg.op, right[0])) next.push(item);
          }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

/** Parses `{.a.b}` or a bare `.a.b`. Throws JSONPathError on syntax errors. */
export function parseJSONPath(expression: string): JSONPath {
  let e = expression.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1).trim();
  if (e.startsWith('$')) e = e.slice(1);
  const segments = new Parser(e).parsePath();
  return { find: (obj) => apply(segments, [obj]) };
}
