// Shell arithmetic ($((...)), let-style assignments inside it): 64-bit signed integers with C's
// operators and precedence, as ash evaluates them. Variables are read and assigned through the
// callbacks; an unset or empty variable is 0. Errors carry ash's wording.

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: bigint } | { k: 'id'; v: string } | { k: 'op'; v: string } | { k: 'end' };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '^', '|', '?', ':', '=', '(', ')', ','];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < src.length && /[0-9A-Za-z_#]/.test(src[j])) j++;
      out.push({ k: 'num', v: parseNumber(src.slice(i, j)) });
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      out.push({ k: 'id', v: src.slice(i, j) });
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError('arithmetic syntax error');
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  out.push({ k: 'end' });
  return out;
}

function parseNumber(s: string): bigint {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(s))) return BigInt.asIntN(64, BigInt('0x' + m[1]));
  if (/^0[0-7]+$/.test(s)) return BigInt.asIntN(64, BigInt('0o' + s.slice(1)));
  if ((m = /^(\d+)#([0-9A-Za-z@_]+)$/.exec(s))) {
    const base = Number(m[1]);
    if (base < 2 || base > 64) throw new ArithError('arithmetic syntax error');
    let v = 0n;
    for (const ch of m[2]) {
      const d = parseInt(ch, 36);
      if (Number.isNaN(d) || d >= base) throw new ArithError('arithmetic syntax error');
      v = v * BigInt(base) + BigInt(d);
    }
    return BigInt.asIntN(64, v);
  }
  if (/^\d+$/.test(s) && !/^0\d/.test(s)) return BigInt.asIntN(64, BigInt(s));
  throw new ArithError('arithmetic syntax error');
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};

/** Evaluates an arithmetic expression; returns the decimal result. */
export function evaluateArith(src: string, vars: ArithVars, depth = 0): string {
  if (depth > 20) throw new ArithError('expression recursion loop detected');
  const toks = tokenize(src);
  if (toks.length === 1) return '0';
  let i = 0;
  let skip = 0; // > 0 while evaluating a branch whose value is discarded (no side effects)
  const peek = () => toks[i];
  const isOp = (v: string) => toks[i].k === 'op' && (toks[i] as { v: string }).v === v;

  const readVar = (name: string): bigint => {
    const v = vars.get(name);
    if (v === undefined || v === '') return 0n;
    const t = v.trim();
    if (/^-?\d+$/.test(t) || /^-?0[xX][0-9a-fA-F]+$/.test(t)) return BigInt.asIntN(64, t.startsWith('-') ? -parseNumber(t.slice(1)) : parseNumber(t));
    return BigInt(evaluateArith(t, vars, depth + 1));
  };
  const assign = (name: string, v: bigint): bigint => {
    if (!skip) vars.set(name, String(v));
    return v;
  };

  const primary = (): bigint => {
    const t = peek();
    if (t.k === 'num') {
      i++;
      return t.v;
    }
    if (t.k === 'id') {
      i++;
      const name = t.v;
      const p = peek();
      if (p.k === 'op' && (p.v === '++' || p.v === '--')) {
        i++;
        const old = readVar(name);
        assign(name, BigInt.asIntN(64, p.v === '++' ? old + 1n : old - 1n));
        return old;
      }
      if (p.k === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|='].includes(p.v)) {
        i++;
        const rhs = assignment();
        if (p.v === '=') return assign(name, rhs);
        return assign(name, binop(p.v.slice(0, -1), readVar(name), rhs));
      }
      return readVar(name);
    }
    if (t.k === 'op') {
      if (t.v === '(') {
        i++;
        const v = comma();
        if (!isOp(')')) throw new ArithError('arithmetic syntax error');
        i++;
        return v;
      }
      if (t.v === '++' || t.v === '--') {
        i++;
        const id = peek();
        if (id.k !== 'id') throw new ArithError('arithmetic syntax error');
        i++;
        return assign(id.v, BigInt.asIntN(64, readVar(id.v) + (t.v === '++' ? 1n : -1n)));
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        i++;
        const v = unary();
        if (t.v === '-') return BigInt.asIntN(64, -v);
        if (t.v === '!') return v === 0n ? 1n : 0n;
        if (t.v === '~') return ~v;
        return v;
      }
    }
    throw new ArithError('arithmetic syntax error');
  };
  const unary = primary;

  const binop = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '+': return BigInt.asIntN(64, a + b);
      case '-': return BigInt.asIntN(64, a - b);
      case '*': return BigInt.asIntN(64, a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (skip) return 0n;
          throw new ArithError('divide by zero');
        }
        return BigInt.asIntN(64, op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) throw new ArithError('exponent less than 0');
        return BigInt.asIntN(64, a ** (b > 64n ? 64n : b));
      case '<<': return BigInt.asIntN(64, a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return a & b;
      case '^': return a ^ b;
      case '|': return a | b;
    }
    throw new ArithError('arithmetic syntax error');
  };

  const binary = (minPrec: number): bigint => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.k !== 'op') return left;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < minPrec) return left;
      i++;
      if (t.v === '&&' || t.v === '||') {
        const short = t.v === '&&' ? left === 0n : left !== 0n;
        if (short) skip++;
        const right = binary(prec + 1);
        if (short) skip--;
        left = short ? (t.v === '||' ? 1n : 0n) : right !== 0n ? 1n : 0n;
        continue;
      }
      const right = t.v === '**' ? binary(prec) : binary(prec + 1);
      left = binop(t.v, left, right);
    }
  };

  const ternary = (): bigint => {
    const cond = binary(1);
    if (!isOp('?')) return cond;
    i++;
    if (cond === 0n) skip++;
    const a = assignment();
    if (cond === 0n) skip--;
    if (!isOp(':')) throw new ArithError('arithmetic syntax error');
    i++;
    if (cond !== 0n) skip++;
    const b = assignment();
    if (cond !== 0n) skip--;
    return cond !== 0n ? a : b;
  };
  const assignment = ternary;

  const comma = (): bigint => {
    let v = assignment();
    while (isOp(',')) {
      i++;
      v = assignment();
    }
    return v;
  };

  const v = comma();
  if (peek().k !== 'end') throw new ArithError('arithmetic syntax error');
  return String(v);
}
