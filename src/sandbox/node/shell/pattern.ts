// Shell pattern matching (case patterns, pathname expansion, ${var#pattern}, [[ == ]]): `*`,
// `?`, bracket expressions with `!` or `^`, backslash-quoted characters. Patterns compile to the
// linear-time VM of regex.ts, so no pattern can take more than time proportional to its input.
import type { Program, RNode } from './regex.ts';
import { compile, execRegex, matchEnds, parseBracket } from './regex.ts';

const cache = new Map<string, { fwd: Program; rev: Program }>();

function compilePattern(pattern: string) {
  let c = cache.get(pattern);
  if (c) return c;
  const xs: RNode[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i];
    if (ch === '*') {
      xs.push({ t: 'rep', x: { t: 'set', test: () => true }, min: 0, max: Infinity });
      i++;
    } else if (ch === '?') {
      xs.push({ t: 'set', test: () => true });
      i++;
    } else if (ch === '[') {
      const b = parseBracket(pattern, i + 1, false, true);
      if (b) {
        xs.push(b.node);
        i = b.end;
      } else {
        xs.push({ t: 'set', test: (x) => x === '[' });
        i++;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      const n = pattern[i + 1];
      xs.push({ t: 'set', test: (x) => x === n });
      i += 2;
    } else {
      xs.push({ t: 'set', test: (x) => x === ch });
      i++;
    }
  }
  c = {
    fwd: compile({ t: 'cat', xs }, 0),
    rev: compile({ t: 'cat', xs: [...xs].reverse() }, 0),
  };
  if (cache.size > 500) cache.clear();
  cache.set(pattern, c);
  return c;
}

/** True when `pattern` has an unquoted `*`, `?` or `[`. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Whole-string match. Newlines are ordinary characters. */
export function patternMatch(pattern: string, s: string): boolean {
  const { fwd } = compilePattern(pattern);
  return matchEnds(fwd, s).includes(s.length);
}

/** ${x#p} / ${x##p}: removes the shortest (longest) matching prefix. */
export function removePrefix(pattern: string, s: string, longest: boolean): string {
  const ends = matchEnds(compilePattern(pattern).fwd, s);
  if (!ends.length) return s;
  return s.slice(longest ? ends[ends.length - 1] : ends[0]);
}

/** ${x%p} / ${x%%p}: removes the shortest (longest) matching suffix. */
export function removeSuffix(pattern: string, s: string, longest: boolean): string {
  const r = [...s].reverse().join('');
  const ends = matchEnds(compilePattern(pattern).rev, r);
  if (!ends.length) return s;
  const cut = longest ? ends[ends.length - 1] : ends[0];
  return s.slice(0, s.length - cut);
}

/** ${x/p/r} and friends: first, all, anchored at the start or at the end. */
export function replacePattern(pattern: string, s: string, rep: string, mode: 'first' | 'all' | 'prefix' | 'suffix'): string {
  const { fwd } = compilePattern(pattern);
  if (mode === 'prefix') {
    const ends = matchEnds(fwd, s);
    return ends.length ? rep + s.slice(ends[ends.length - 1]) : s;
  }
  if (mode === 'suffix') {
    for (let i = 0; i <= s.length; i++) if (matchEnds(fwd, s, i).includes(s.length)) return s.slice(0, i) + rep;
    return s;
  }
  let out = '';
  let pos = 0;
  while (pos <= s.length) {
    const m = execRegex(fwd, s, pos);
    if (!m || m[1] === m[0]) {
      if (!m) break;
      // an empty match: keep the character and move on
      if (m[0] >= s.length) break;
      out += s.slice(pos, m[0] + 1);
      pos = m[0] + 1;
      continue;
    }
    out += s.slice(pos, m[0]) + rep;
    pos = m[1];
    if (mode === 'first') break;
  }
  return out + s.slice(pos);
}
