// Label selectors (k8s.io/apimachinery/pkg/labels): the string syntax used by `-l` and
// `labelSelector=`, the structured metav1.LabelSelector, matching and printing.
import { isQualifiedName, isValidLabelValue } from './validation/names.ts';

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export type Labels = Readonly<Record<string, string>> | undefined;

export class Selector {
  /** Requirements sorted by key, as upstream keeps them. */
  constructor(readonly requirements: readonly Requirement[]) {}

  static everything(): Selector {
    return EVERYTHING;
  }

  /** A selector that matches nothing (upstream labels.Nothing(), used for a nil LabelSelector in some places). */
  static nothing(): Selector {
    return NOTHING;
  }

  isEmpty(): boolean {
    return this.requirements.length === 0 && this !== NOTHING;
  }

  matches(labels: Labels): boolean {
    if (this === NOTHING) return false;
    for (const r of this.requirements) if (!matchRequirement(r, labels)) return false;
    return true;
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }

  /** The value a requirement pins the key to (`key=value` or `key in (value)`), if any. */
  requiresExactMatch(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== key) continue;
      if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    }
    return undefined;
  }
}

const EVERYTHING = new Selector([]);
const NOTHING = new Selector([]);

function matchRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key]! : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      if (!/^-?\d+$/.test(value!)) return false;
      const lv = BigInt(value!);
      const rv = BigInt(r.values[0]!);
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${r.values.join(',')})`;
    case 'notin':
      return `${r.key} notin (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0] ?? ''}`;
  }
}

export class SelectorParseError extends Error {}

function validateKey(key: string): void {
  const errs = isQualifiedName(key);
  if (errs.length) throw new SelectorParseError(`key: Invalid value: ${JSON.stringify(key)}: ${errs.join('; ')}`);
}

function validateValue(key: string, value: string): void {
  const errs = isValidLabelValue(value);
  if (errs.length) throw new SelectorParseError(`values[0][${key}]: Invalid value: ${JSON.stringify(value)}: ${errs.join('; ')}`);
}

/** Builds and validates one requirement (upstream labels.NewRequirement). */
export function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  validateKey(key);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) throw new SelectorParseError(`values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) throw new SelectorParseError(`values: Invalid value: ${JSON.stringify(values)}: exact-match compatibility requires one single value`);
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) throw new SelectorParseError(`values: Invalid value: ${JSON.stringify(values)}: values set must be empty for exists and does not exist`);
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1 || !/^-?\d+$/.test(values[0]!))
        throw new SelectorParseError(`values: Invalid value: ${JSON.stringify(values)}: for 'Gt', 'Lt' operators, exactly one integer value is required`);
      break;
  }
  for (const v of values) if (operator !== 'gt' && operator !== 'lt') validateValue(key, v);
  return { key, operator, values: [...new Set(values)].sort() };
}

type Tok =
  | { t: 'id'; v: string }
  | { t: 'op'; v: '=' | '==' | '!=' | '>' | '<' | '!' }
  | { t: '(' | ')' | ',' | 'eos' };

const special = new Set(['=', '!', '(', ')', ',', '>', '<']);

function lex(input: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c });
      i++;
      continue;
    }
    if (c === '=' || c === '!' || c === '>' || c === '<') {
      const two = input.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        out.push({ t: 'op', v: two });
        i += 2;
      } else {
        out.push({ t: 'op', v: c as '=' | '!' | '>' | '<' });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < input.length && !special.has(input[j]!) && !/\s/.test(input[j]!)) j++;
    out.push({ t: 'id', v: input.slice(i, j) });
    i = j;
  }
  out.push({ t: 'eos' });
  return out;
}

const show = (t: Tok) => (t.t === 'id' || t.t === 'op' ? t.v : t.t === 'eos' ? '' : t.t);

/** Parses the string form (`a=b,c!=d,e in (x,y),!f,g,h>3`). Throws SelectorParseError with upstream wording. */
export function parseSelector(input: string): Selector {
  const toks = lex(input);
  let p = 0;
  const reqs: Requirement[] = [];
  const fail = (msg: string): never => {
    throw new SelectorParseError(`unable to parse requirement: ${msg}`);
  };
  if (toks[0]!.t === 'eos') return Selector.everything();
  for (;;) {
    const t = toks[p]!;
    if (t.t === 'id' || (t.t === 'op' && t.v === '!')) {
      reqs.push(parseRequirement());
      const n = toks[p]!;
      if (n.t === 'eos') break;
      if (n.t === ',') {
        p++;
        const after = toks[p]!;
        if (after.t !== 'id' && !(after.t === 'op' && after.v === '!'))
          fail(`found '${show(after)}', expected: identifier after ','`);
        continue;
      }
      fail(`found '${show(n)}', expected: ',' or 'end of string'`);
    } else if (t.t === 'eos') {
      break;
    } else {
      fail(`found '${show(t)}', expected: !, identifier, or 'end of string'`);
    }
  }
  return new Selector(reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));

  function parseRequirement(): Requirement {
    let t = toks[p]!;
    let doesNotExist = false;
    if (t.t === 'op' && t.v === '!') {
      doesNotExist = true;
      p++;
      t = toks[p]!;
    }
    if (t.t !== 'id') fail(`found '${show(t)}', expected: identifier`);
    const key = (t as { v: string }).v;
    p++;
    try {
      validateKey(key);
    } catch (e) {
      fail((e as Error).message);
    }
    if (doesNotExist) return newRequirement(key, '!', []);
    const n = toks[p]!;
    if (n.t === ',' || n.t === 'eos') return newRequirement(key, 'exists', []);
    let op: Operator;
    if (n.t === 'id' && (n.v === 'in' || n.v === 'notin')) op = n.v;
    else if (n.t === 'op' && n.v !== '!') op = n.v === '>' ? 'gt' : n.v === '<' ? 'lt' : n.v;
    else return fail(`found '${show(n)}', expected: in, notin, =, ==, !=, gt, lt`);
    p++;
    let values: string[];
    if (op === 'in' || op === 'notin') {
      if (toks[p]!.t !== '(') fail(`found '${show(toks[p]!)}', expected: '('`);
      p++;
      values = [];
      for (;;) {
        const v = toks[p]!;
        if (v.t === 'id') {
          values.push(v.v);
          p++;
        } else if (v.t === ',') {
          // empty value between commas
          values.push('');
        } else if (v.t === ')') {
          if (values.length === 0) values.push('');
        } else {
          fail(`found '${show(v)}', expected: ',', ')' or identifier`);
        }
        const sep = toks[p]!;
        if (sep.t === ',') {
          p++;
          continue;
        }
        if (sep.t === ')') {
          p++;
          break;
        }
        fail(`found '${show(sep)}', expected: ',' or ')'`);
      }
    } else {
      const v = toks[p]!;
      if (v.t === 'id') {
        values = [v.v];
        p++;
      } else if (v.t === ',' || v.t === 'eos') values = [''];
      else return fail(`found '${show(v)}', expected: identifier`);
    }
    try {
      return newRequirement(key, op, values);
    } catch (e) {
      return fail((e as Error).message);
    }
  }
}

const operatorNames: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** metav1.LabelSelectorAsSelector: nil → nothing, empty → everything. */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return Selector.nothing();
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push(newRequirement(k, '=', [v]));
  for (const e of ls.matchExpressions ?? []) {
    const op = operatorNames[e.operator];
    if (!op) throw new SelectorParseError(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? []));
  }
  if (reqs.length === 0) return Selector.everything();
  return new Selector(reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/** metav1.FormatLabelSelector, as printed in SELECTOR columns. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  if (!ls) return '<none>';
  let s: string;
  try {
    s = labelSelectorAsSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s.length === 0 ? '<none>' : s;
}

/** A plain label map (e.g. a Service selector) as a selector; empty or missing map selects everything. */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  if (!set) return Selector.everything();
  const reqs = Object.keys(set)
    .sort()
    .map((k) => ({ key: k, operator: '=' as Operator, values: [set[k]!] }));
  return new Selector(reqs);
}

/** labels.Set.String(): `a=b,c=d` sorted by key. */
export function formatLabels(set: Record<string, string> | undefined): string {
  if (!set || Object.keys(set).length === 0) return '<none>';
  return Object.keys(set)
    .sort()
    .map((k) => `${k}=${set[k]}`)
    .join(',');
}
