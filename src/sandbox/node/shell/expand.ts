// Word expansion in POSIX order: tilde, parameter, command substitution and arithmetic, then
// field splitting of unquoted expansion results on IFS, pathname expansion of unquoted pattern
// characters, and quote removal. "$@" yields one field per positional parameter.
import type { FileSystem } from '../fs/types.ts';
import { normalizePath } from '../fs/path.ts';
import type { List, ParamPart, Word, WordPart } from './ast.ts';
import { ArithError, evaluateArith } from './arith.ts';
import { hasGlob, patternMatch, removePrefix, removeSuffix, replacePattern } from './pattern.ts';

/** An expansion error (`x: parameter not set`): a non-interactive shell exits with status 2. */
export class ExpansionError extends Error {}

export interface ExpandHost {
  /** A variable, special parameter (`?`, `$`, `#`, `!`, `-`, `0`) or positional parameter. */
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  positional(): string[];
  readonly nounset: boolean;
  readonly noglob: boolean;
  substitute(body: List): Promise<string>;
  readonly fs: FileSystem;
  readonly cwd: string;
  home(user: string): string | undefined;
  readonly maxString: number;
}

interface Seg {
  text: string;
  quoted: boolean;
  split: boolean;
}
const BREAK = 'break' as const;
type Piece = Seg | typeof BREAK;

/** Expands words into fields (a command's arguments, a for loop's list). */
export async function expandFields(words: Word[], host: ExpandHost): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    const pieces = await expandParts(w.parts, false, host);
    for (const f of splitFields(pieces, ifs(host))) {
      if (!host.noglob && f.glob && hasGlob(f.pat)) {
        const matches = globPaths(f.pat, host.fs, host.cwd);
        if (matches.length) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.text);
    }
    checkSize(out.length, host);
  }
  return out;
}

/** Expands a word to one string: no field splitting or pathname expansion. */
export async function expandString(word: Word, host: ExpandHost): Promise<string> {
  const pieces = await expandParts(word.parts, false, host);
  let s = '';
  const positionalSep = ' ';
  for (const p of pieces) s += p === BREAK ? positionalSep : p.text;
  checkSize(s.length, host);
  return s;
}

/** Expands a word to a pattern: quoted characters are backslash-escaped, unquoted ones active. */
export async function expandPattern(word: Word, host: ExpandHost): Promise<string> {
  const pieces = await expandParts(word.parts, false, host);
  let s = '';
  for (const p of pieces) {
    if (p === BREAK) s += ' ';
    else s += p.quoted ? escapeGlob(p.text) : p.text;
  }
  return s;
}

export function escapeGlob(s: string): string {
  return s.replace(/[\\*?[\]]/g, '\\$&');
}

function ifs(host: ExpandHost): string {
  return host.getVar('IFS') ?? ' \t\n';
}

function checkSize(n: number, host: ExpandHost): void {
  if (n > host.maxString) throw new ExpansionError('out of memory');
}

async function expandParts(parts: WordPart[], inDq: boolean, host: ExpandHost): Promise<Piece[]> {
  const out: Piece[] = [];
  let size = 0;
  for (const part of parts) {
    const pieces = await expandPart(part, inDq, host);
    for (const p of pieces) if (p !== BREAK) size += p.text.length;
    checkSize(size, host);
    out.push(...pieces);
  }
  return out;
}

async function expandPart(part: WordPart, inDq: boolean, host: ExpandHost): Promise<Piece[]> {
  switch (part.k) {
    case 'lit':
      return [{ text: part.text, quoted: inDq, split: false }];
    case 'sq':
      return [{ text: part.text, quoted: true, split: false }];
    case 'dq': {
      if (part.parts.length === 1 && part.parts[0].k === 'param' && part.parts[0].name === '@' && !part.parts[0].op && host.positional().length === 0) return [];
      const inner = await expandParts(part.parts, true, host);
      return inner.length ? inner : [{ text: '', quoted: true, split: false }];
    }
    case 'tilde': {
      const home = part.user ? host.home(part.user) : (host.getVar('HOME') ?? host.home('root'));
      if (home === undefined) return [{ text: '~' + part.user, quoted: true, split: false }];
      return [{ text: home, quoted: true, split: false }];
    }
    case 'cmd': {
      const text = (await host.substitute(part.body)).replace(/\n+$/, '');
      return [{ text, quoted: inDq, split: !inDq }];
    }
    case 'arith': {
      const expr = await expandString(part.expr, host);
      try {
        const text = evaluateArith(expr, { get: (n) => host.getVar(n), set: (n, v) => host.setVar(n, v) });
        return [{ text, quoted: inDq, split: !inDq }];
      } catch (e) {
        if (e instanceof ArithError) throw new ExpansionError(e.message);
        throw e;
      }
    }
    case 'param':
      return expandParam(part, inDq, host);
  }
}

async function expandParam(p: ParamPart, inDq: boolean, host: ExpandHost): Promise<Piece[]> {
  const name = p.name;
  const isAt = name === '@' || name === '*';
  if (p.op === 'length') {
    const v = isAt ? String(host.positional().length) : String([...(host.getVar(name) ?? '')].length);
    if (!isAt && host.nounset && host.getVar(name) === undefined && !/^[?$#!\-@*0]$/.test(name)) throw new ExpansionError(`${name}: parameter not set`);
    return [{ text: v, quoted: inDq, split: !inDq }];
  }
  if (isAt && !p.op) {
    const params = host.positional();
    if (name === '*' && inDq) return [{ text: params.join(ifs(host).slice(0, 1)), quoted: true, split: false }];
    const out: Piece[] = [];
    params.forEach((v, i) => {
      if (i) out.push(BREAK);
      out.push({ text: v, quoted: inDq, split: !inDq });
    });
    return out;
  }
  let v = isAt ? (host.positional().length ? host.positional().join(' ') : undefined) : host.getVar(name);
  const set = v !== undefined;
  const nonEmpty = set && v !== '';
  const useArg = p.colon ? !nonEmpty : !set;
  const argPieces = async (): Promise<Piece[]> => {
    const pieces = await expandParts(p.arg?.parts ?? [], inDq, host);
    return pieces.map((x) => (x === BREAK ? x : x.quoted ? x : { ...x, split: !inDq }));
  };
  switch (p.op) {
    case undefined:
      if (!set && host.nounset && !/^[?$#!\-@*0]$/.test(name)) throw new ExpansionError(`${name}: parameter not set`);
      break;
    case '-':
      if (useArg) return argPieces();
      break;
    case '=':
      if (useArg) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ExpansionError(`${name}: bad variable name`);
        v = p.arg ? await expandString(p.arg, host) : '';
        host.setVar(name, v);
      }
      break;
    case '?':
      if (useArg) {
        const msg = p.arg && p.arg.parts.length ? await expandString(p.arg, host) : p.colon ? 'parameter not set or null' : 'parameter not set';
        throw new ExpansionError(`${name}: ${msg}`);
      }
      break;
    case '+':
      return (p.colon ? nonEmpty : set) ? argPieces() : [];
    case '#':
    case '##':
      v = removePrefix(await expandPattern(p.arg ?? { parts: [] }, host), v ?? '', p.op === '##');
      break;
    case '%':
    case '%%':
      v = removeSuffix(await expandPattern(p.arg ?? { parts: [] }, host), v ?? '', p.op === '%%');
      break;
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const pat = await expandPattern(p.arg ?? { parts: [] }, host);
      const rep = p.arg2 ? await expandString(p.arg2, host) : '';
      const mode = p.op === '/' ? 'first' : p.op === '//' ? 'all' : p.op === '/#' ? 'prefix' : 'suffix';
      if (pat) v = replacePattern(pat, v ?? '', rep, mode);
      break;
    }
    case 'substr': {
      const chars = [...(v ?? '')];
      const arith = async (w: Word) => {
        try {
          return Number(evaluateArith(await expandString(w, host), { get: (n) => host.getVar(n), set: (n, x) => host.setVar(n, x) }));
        } catch (e) {
          if (e instanceof ArithError) throw new ExpansionError(e.message);
          throw e;
        }
      };
      let off = p.arg ? await arith(p.arg) : 0;
      if (off < 0) off = Math.max(0, chars.length + off);
      let len = p.arg2 ? await arith(p.arg2) : chars.length;
      if (len < 0) len = Math.max(0, chars.length - off + len);
      v = chars.slice(off, off + len).join('');
      break;
    }
  }
  return [{ text: v ?? '', quoted: inDq, split: !inDq }];
}

interface Field {
  text: string;
  pat: string;
  glob: boolean;
  started: boolean;
}

function splitFields(pieces: Piece[], ifsChars: string): Field[] {
  const fields: Field[] = [];
  let cur: Field = { text: '', pat: '', glob: false, started: false };
  const push = (force: boolean) => {
    if (cur.started || force) fields.push(cur);
    cur = { text: '', pat: '', glob: false, started: false };
  };
  for (const p of pieces) {
    if (p === BREAK) {
      push(true);
      continue;
    }
    if (p.split && !p.quoted) {
      for (const ch of p.text) {
        if (ifsChars.includes(ch)) {
          if (ch === ' ' || ch === '\t' || ch === '\n') push(false);
          else push(true);
        } else {
          cur.text += ch;
          cur.pat += ch;
          cur.glob = true;
          cur.started = true;
        }
      }
      continue;
    }
    cur.text += p.text;
    if (p.quoted) {
      cur.pat += escapeGlob(p.text);
      cur.started = true;
    } else {
      cur.pat += p.text;
      if (p.text) {
        cur.glob = true;
        cur.started = true;
      }
    }
  }
  push(false);
  return fields;
}

/** Pathname expansion: the sorted existing paths matching `pat` (hidden names only for a leading dot). */
export function globPaths(pat: string, fs: FileSystem, cwd: string): string[] {
  const absolute = pat.startsWith('/');
  const comps = pat.split('/').filter((c) => c !== '');
  let prefixes = [absolute ? '/' : ''];
  for (let i = 0; i < comps.length; i++) {
    const comp = comps[i];
    const next: string[] = [];
    const last = i === comps.length - 1;
    for (const prefix of prefixes) {
      const join = (name: string) => (prefix === '' ? name : prefix === '/' ? '/' + name : prefix + '/' + name);
      if (!hasGlob(comp)) {
        next.push(join(comp.replace(/\\(.)/g, '$1')));
        continue;
      }
      let entries: string[];
      try {
        entries = fs.readDir(normalizePath(prefix || '.', cwd)).map((e) => e.name);
      } catch {
        continue;
      }
      for (const name of entries.sort()) {
        if (name.startsWith('.') && !comp.startsWith('.') && !comp.startsWith('\\.')) continue;
        if (!patternMatch(comp, name)) continue;
        if (!last) {
          try {
            if (fs.stat(normalizePath(join(name), cwd)).type !== 'dir') continue;
          } catch {
            continue;
          }
        }
        next.push(join(name));
      }
    }
    prefixes = next;
    if (!prefixes.length) return [];
  }
  const exists = (p: string) => {
    try {
      (fs.lstat ?? fs.stat).call(fs, normalizePath(p, cwd));
      return true;
    } catch {
      return false;
    }
  };
  return prefixes.filter(exists).map((p) => (pat.endsWith('/') ? p + '/' : p));
}

