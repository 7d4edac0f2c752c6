// Regular expressions for grep, sed, expr and shell patterns, matched by a Pike VM: time is
// linear in the input for a given expression, so a participant's `(a+)+$` cannot hang the
// sandbox as a backtracking engine would. POSIX basic (BRE, with GNU's \+ \? \|) and extended
// (ERE) syntax, bracket expressions with classes, anchors, groups, intervals; case folding.
// Differences from POSIX: the leftmost match is chosen with Perl's priorities (greedy
// repetition, first alternative first) rather than leftmost-longest, and back-references are
// not supported (they are not regular).

export class RegexError extends Error {}

export type RNode =
  | { t: 'set'; test: (c: string) => boolean }
  | { t: 'cat'; xs: RNode[] }
  | { t: 'alt'; xs: RNode[] }
  | { t: 'rep'; x: RNode; min: number; max: number }
  | { t: 'group'; x: RNode; n: number }
  | { t: 'bol' }
  | { t: 'eol' };

type Inst =
  | { op: 'set'; test: (c: string) => boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number }
  | { op: 'bol' }
  | { op: 'eol' }
  | { op: 'match' };

export interface Program {
  insts: Inst[];
  groups: number;
}

const CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => c >= '0' && c <= '9',
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => c >= 'A' && c <= 'Z',
  lower: (c) => c >= 'a' && c <= 'z',
  space: (c) => /[ \t\n\r\f\v]/.test(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  print: (c) => c >= ' ' && c !== '\x7f',
  graph: (c) => c > ' ' && c !== '\x7f',
  cntrl: (c) => c < ' ' || c === '\x7f',
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};

const lit = (ch: string, icase: boolean): RNode =>
  icase && ch.toLowerCase() !== ch.toUpperCase() ? { t: 'set', test: (c) => c.toLowerCase() === ch.toLowerCase() } : { t: 'set', test: (c) => c === ch };
const ANY: RNode = { t: 'set', test: (c) => c !== '\n' };

/** Parses a bracket expression starting after `[`; returns the node and the index after `]`. */
export function parseBracket(src: string, i: number, icase: boolean, bang = false): { node: RNode; end: number } | undefined {
  let negate = false;
  if (src[i] === '^' || (bang && src[i] === '!')) {
    negate = true;
    i++;
  }
  const tests: ((c: string) => boolean)[] = [];
  let first = true;
  for (;;) {
    if (i >= src.length) return undefined;
    const c = src[i];
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && src[i + 1] === ':') {
      const end = src.indexOf(':]', i + 2);
      if (end < 0) return undefined;
      const name = src.slice(i + 2, end);
      const cls = CLASSES[name];
      if (!cls) throw new RegexError(`Invalid character class name`);
      tests.push(cls);
      i = end + 2;
      continue;
    }
    let lo = c;
    if (c === '\\' && bang && i + 1 < src.length) {
      lo = src[i + 1];
      i++;
    }
    i++;
    if (src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']') {
      const hi = src[i + 1];
      i += 2;
      tests.push((x) => x >= lo && x <= hi);
    } else {
      tests.push((x) => x === lo);
    }
  }
  const match = (c: string) => tests.some((t) => t(c)) || (icase && (tests.some((t) => t(c.toLowerCase())) || tests.some((t) => t(c.toUpperCase()))));
  return { node: { t: 'set', test: negate ? (c) => !match(c) : match }, end: i };
}

/** Parses a POSIX regular expression. */
export function parseRegex(src: string, opts: { extended?: boolean; icase?: boolean } = {}): Program {
  const ere = !!opts.extended;
  const icase = !!opts.icase;
  let i = 0;
  let groups = 0;

  const parseAlt = (depth: number): RNode => {
    const xs = [parseCat(depth)];
    for (;;) {
      if (ere && src[i] === '|') {
        i++;
        xs.push(parseCat(depth));
      } else if (!ere && src[i] === '\\' && src[i + 1] === '|') {
        i += 2;
        xs.push(parseCat(depth));
      } else break;
    }
    return xs.length === 1 ? xs[0] : { t: 'alt', xs };
  };

  const atEnd = (depth: number) =>
    i >= src.length || (ere ? src[i] === '|' || (depth > 0 && src[i] === ')') : src.startsWith('\\|', i) || (depth > 0 && src.startsWith('\\)', i)));

  const parseCat = (depth: number): RNode => {
    const xs: RNode[] = [];
    const start = i;
    while (!atEnd(depth)) {
      let atom: RNode;
      const c = src[i];
      if (c === '^' && (ere || i === start)) {
        i++;
        xs.push({ t: 'bol' });
        continue;
      }
      if (c === '$' && (ere || i + 1 === src.length || src.startsWith('\\)', i + 1) || src.startsWith('\\|', i + 1))) {
        i++;
        xs.push({ t: 'eol' });
        continue;
      }
      if (c === '*' && !ere && xs.length === 0) {
        i++;
        xs.push(lit('*', icase));
        continue;
      }
      if (ere && c === '(') {
        i++;
        const n = ++groups;
        const x = parseAlt(depth + 1);
        if (src[i] !== ')') throw new RegexError('Missing \')\'');
        i++;
        atom = { t: 'group', x, n };
      } else if (!ere && c === '\\' && src[i + 1] === '(') {
        i += 2;
        const n = ++groups;
        const x = parseAlt(depth + 1);
        if (!src.startsWith('\\)', i)) throw new RegexError('Unmatched ( or \\(');
        i += 2;
        atom = { t: 'group', x, n };
      } else if (c === '.') {
        i++;
        atom = ANY;
      } else if (c === '[') {
        const b = parseBracket(src, i + 1, icase);
        if (!b) throw new RegexError('Unmatched [, [^, [:, [., or [=');
        atom = b.node;
        i = b.end;
      } else if (c === '\\') {
        const n = src[i + 1];
        if (n === undefined) throw new RegexError('Trailing backslash');
        i += 2;
        if (/[1-9]/.test(n)) throw new RegexError('Invalid back reference');
        if (n === 'w') atom = { t: 'set', test: (x) => /\w/.test(x) };
        else if (n === 'W') atom = { t: 'set', test: (x) => !/\w/.test(x) };
        else if (n === 's') atom = { t: 'set', test: (x) => /\s/.test(x) };
        else if (n === 'S') atom = { t: 'set', test: (x) => !/\s/.test(x) };
        else if (n === 'n') atom = lit('\n', false);
        else if (n === 't') atom = lit('\t', false);
        else atom = lit(n, icase);
      } else if (ere && c === ')' && depth === 0) {
        i++;
        atom = lit(')', icase);
      } else {
        i++;
        atom = lit(c, icase);
      }
      // postfix operators
      for (;;) {
        const q = src[i];
        let min = -1;
        let max = -1;
        if (q === '*') {
          min = 0;
          max = Infinity;
          i++;
        } else if (ere && q === '+') {
          min = 1;
          max = Infinity;
          i++;
        } else if (ere && q === '?') {
          min = 0;
          max = 1;
          i++;
        } else if (!ere && q === '\\' && src[i + 1] === '+') {
          min = 1;
          max = Infinity;
          i += 2;
        } else if (!ere && q === '\\' && src[i + 1] === '?') {
          min = 0;
          max = 1;
          i += 2;
        } else if ((ere && q === '{' && /\d/.test(src[i + 1] ?? '')) || (!ere && q === '\\' && src[i + 1] === '{')) {
          const open = ere ? i + 1 : i + 2;
          const close = ere ? src.indexOf('}', open) : src.indexOf('\\}', open);
          if (close < 0) throw new RegexError('Unmatched \\{');
          const m = /^(\d+)(,(\d*))?$/.exec(src.slice(open, close));
          if (!m) throw new RegexError('Invalid content of \\{\\}');
          min = Number(m[1]);
          max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
          if (max < min || min > 255 || (max !== Infinity && max > 255)) throw new RegexError('Invalid content of \\{\\}');
          i = close + (ere ? 1 : 2);
        } else break;
        atom = { t: 'rep', x: atom, min, max };
      }
      xs.push(atom);
    }
    return xs.length === 1 ? xs[0] : { t: 'cat', xs };
  };

  const node = parseAlt(0);
  if (i < src.length) throw new RegexError(ere ? 'Unmatched ) or \\)' : 'Unmatched ) or \\)');
  return compile(node, groups);
}

/** Compiles a node to VM instructions; group 0 is the whole match. */
export function compile(node: RNode, groups: number): Program {
  const insts: Inst[] = [];
  const emit = (n: RNode): void => {
    switch (n.t) {
      case 'set':
        insts.push({ op: 'set', test: n.test });
        return;
      case 'bol':
        insts.push({ op: 'bol' });
        return;
      case 'eol':
        insts.push({ op: 'eol' });
        return;
      case 'cat':
        for (const x of n.xs) emit(x);
        return;
      case 'group':
        insts.push({ op: 'save', n: 2 * n.n });
        emit(n.x);
        insts.push({ op: 'save', n: 2 * n.n + 1 });
        return;
      case 'alt': {
        const jumps: { op: 'jmp'; x: number }[] = [];
        for (let k = 0; k < n.xs.length; k++) {
          if (k < n.xs.length - 1) {
            const split: Inst = { op: 'split', x: insts.length + 1, y: 0 };
            insts.push(split);
            emit(n.xs[k]);
            const j = { op: 'jmp' as const, x: 0 };
            insts.push(j);
            jumps.push(j);
            split.y = insts.length;
          } else emit(n.xs[k]);
        }
        for (const j of jumps) j.x = insts.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) emit(n.x);
        if (n.max === Infinity) {
          const split: Inst = { op: 'split', x: insts.length + 1, y: 0 };
          const loop = insts.length;
          insts.push(split);
          emit(n.x);
          insts.push({ op: 'jmp', x: loop });
          split.y = insts.length;
        } else {
          const splits: { op: 'split'; x: number; y: number }[] = [];
          for (let k = n.min; k < n.max; k++) {
            const split = { op: 'split' as const, x: insts.length + 1, y: 0 };
            insts.push(split);
            splits.push(split);
            emit(n.x);
          }
          for (const s of splits) s.y = insts.length;
        }
        return;
      }
    }
  };
  insts.push({ op: 'save', n: 0 });
  emit(node);
  insts.push({ op: 'save', n: 1 });
  insts.push({ op: 'match' });
  return { insts, groups };
}

interface Thread {
  pc: number;
  caps: number[];
}

/**
 * The leftmost match at or after `from` (only at `from` when anchored): capture offsets, [start,
 * end] of the whole match at 0 and 1, then each group's; -1 where a group did not take part.
 */
export function execRegex(prog: Program, input: string, from = 0, anchored = false): number[] | null {
  const { insts } = prog;
  const ncap = 2 * (prog.groups + 1);
  let clist: Thread[] = [];
  let matched: number[] | null = null;
  const seen = new Int32Array(insts.length).fill(-1);
  let gen = 0;

  const add = (list: Thread[], pc: number, caps: number[], pos: number): void => {
    if (seen[pc] === gen) return;
    seen[pc] = gen;
    const inst = insts[pc];
    switch (inst.op) {
      case 'jmp':
        add(list, inst.x, caps, pos);
        return;
      case 'split':
        add(list, inst.x, caps, pos);
        add(list, inst.y, caps, pos);
        return;
      case 'save': {
        const c = caps.slice();
        c[inst.n] = pos;
        add(list, pc + 1, c, pos);
        return;
      }
      case 'bol':
        if (pos === 0 || input[pos - 1] === '\n') add(list, pc + 1, caps, pos);
        return;
      case 'eol':
        if (pos === input.length || input[pos] === '\n') add(list, pc + 1, caps, pos);
        return;
      default:
        list.push({ pc, caps });
    }
  };

  gen++;
  for (let pos = from; pos <= input.length; pos++) {
    // The new start thread has the lowest priority; `seen` still holds this step's generation.
    if (!matched && (!anchored || pos === from)) add(clist, 0, new Array<number>(ncap).fill(-1), pos);
    if (!clist.length) {
      if (matched || anchored) break;
      continue;
    }
    gen++;
    const nlist: Thread[] = [];
    const ch = input[pos];
    for (const t of clist) {
      const inst = insts[t.pc];
      if (inst.op === 'match') {
        matched = t.caps;
        break;
      }
      if (inst.op === 'set' && pos < input.length && inst.test(ch)) add(nlist, t.pc + 1, t.caps, pos + 1);
    }
    clist = nlist;
  }
  return matched;
}

/** Every end offset of a match of `prog` anchored at `from` (ascending). */
export function matchEnds(prog: Program, input: string, from = 0): number[] {
  const ends: number[] = [];
  const { insts } = prog;
  let clist: number[] = [];
  const seen = new Int32Array(insts.length).fill(-1);
  let gen = 0;
  const add = (list: number[], pc: number, pos: number): void => {
    if (seen[pc] === gen) return;
    seen[pc] = gen;
    const inst = insts[pc];
    if (inst.op === 'jmp') add(list, inst.x, pos);
    else if (inst.op === 'split') {
      add(list, inst.x, pos);
      add(list, inst.y, pos);
    } else if (inst.op === 'save') add(list, pc + 1, pos);
    else if (inst.op === 'bol') {
      if (pos === 0 || input[pos - 1] === '\n') add(list, pc + 1, pos);
    } else if (inst.op === 'eol') {
      if (pos === input.length || input[pos] === '\n') add(list, pc + 1, pos);
    } else list.push(pc);
  };
  gen++;
  add(clist, 0, from);
  for (let pos = from; pos <= input.length && clist.length; pos++) {
    if (clist.some((pc) => insts[pc].op === 'match')) ends.push(pos);
    gen++;
    const nlist: number[] = [];
    for (const pc of clist) {
      const inst = insts[pc];
      if (inst.op === 'set' && pos < input.length && inst.test(input[pos])) add(nlist, pc + 1, pos + 1);
    }
    clist = nlist;
  }
  return ends;
}
