// wc: lines, words, bytes (chars with -m), longest line (-L). One count prints bare, several in
// busybox's %9u columns; a `total` line for several files.
import type { Applet } from '../command.ts';
import { perror, parseOpts, readInput } from './util.ts';

export const wc: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'lwcmL');
  if (!o) return 1;
  let which = ['l', 'w', 'c', 'm', 'L'].filter((f) => o.has(f));
  if (!which.length) which = ['l', 'w', 'c'];
  const files = o.args.length ? o.args : ['-'];
  const totals: Record<string, number> = {};
  let status = 0;
  const print = async (counts: Record<string, number>, name: string | undefined) => {
    const cols = which.map((f) => counts[f]);
    const text = which.length === 1 ? String(cols[0]) : cols.map((c, i) => (i ? ' ' : '') + String(c).padStart(9)).join('');
    await io.out(text + (name !== undefined ? ` ${name}` : '') + '\n');
  };
  for (const f of files) {
    let text: string;
    try {
      text = await readInput(io, f);
    } catch (e) {
      status = await perror(io, f, e);
      continue;
    }
    const counts: Record<string, number> = {
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter(Boolean).length,
      c: Buffer.byteLength(text),
      m: [...text].length,
      L: Math.max(0, ...text.split('\n').map((l) => l.length)),
    };
    for (const k of Object.keys(counts)) totals[k] = k === 'L' ? Math.max(totals[k] ?? 0, counts[k]) : (totals[k] ?? 0) + counts[k];
    await print(counts, f === '-' ? undefined : f);
  }
  if (files.length > 1) await print(totals, 'total');
  return status;
};
