// Completion indexes of Indexed Jobs as upstream keeps them (indexed_job_utils.go): ordered,
// merged intervals, printed as `1,3-5,7` in status.completedIndexes, and the first indexes that
// still need a pod.

export interface Interval {
  first: number;
  last: number;
}

export type Intervals = Interval[];

export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** The pod's completion index annotation, or undefined when missing or malformed. */
export function completionIndexOf(annotations: Record<string, string> | undefined): number | undefined {
  const v = annotations?.[COMPLETION_INDEX_KEY];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n < 0 ? undefined : n;
}

/** Parses `1,3-5,7`, dropping indexes at or beyond `completions`. */
export function parseIndexes(s: string | undefined, completions: number): Intervals {
  if (!s) return [];
  const out: Intervals = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-');
    if (!a || !/^\d+$/.test(a)) continue;
    const first = Number(a);
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      if (!/^\d+$/.test(b)) continue;
      last = Math.min(Number(b), completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

/** Merges two ordered interval lists. */
export function mergeIntervals(a: Intervals, b: Intervals): Intervals {
  const all = [...a, ...b].map((i) => ({ ...i })).sort((x, y) => x.first - y.first);
  const out: Intervals = [];
  for (const iv of all) {
    const prev = out[out.length - 1];
    if (!prev || iv.first > prev.last + 1) out.push(iv);
    else if (prev.last < iv.last) prev.last = iv.last;
  }
  return out;
}

export function withIndexes(a: Intervals, indexes: Iterable<number>): Intervals {
  return mergeIntervals(a, [...indexes].map((i) => ({ first: i, last: i })));
}

export function totalIndexes(iv: Intervals): number {
  return iv.reduce((n, i) => n + i.last - i.first + 1, 0);
}

export function hasIndex(iv: Intervals, ix: number): boolean {
  return iv.some((i) => i.first <= ix && ix <= i.last);
}

/** `0,1,2,4` → "0-2,4"; two consecutive numbers are listed, three or more compressed. */
export function formatIndexes(iv: Intervals): string {
  return iv.map((i) => (i.last === i.first ? `${i.first}` : i.last === i.first + 1 ? `${i.first},${i.last}` : `${i.first}-${i.last}`)).join(',');
}

/** The first `count` indexes below `completions` not in `taken` (firstPendingIndexes). */
export function firstPendingIndexes(taken: Intervals, count: number, completions: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!hasIndex(taken, i)) out.push(i);
  return out;
}
