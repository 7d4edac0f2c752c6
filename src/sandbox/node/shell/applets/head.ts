// head: the first lines (-n N, -N) or bytes (-c N) of each input, with `==> f <==` headers for
// several files.
import type { Applet } from '../command.ts';
import { perror, parseOpts, readInput } from './util.ts';

export const head: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'n:c:qv', {}, 'n');
  if (!o) return 1;
  const files = o.args.length ? o.args : ['-'];
  let status = 0;
  const n = Number(o.last('n') ?? 10);
  const bytes = o.last('c');
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if ((files.length > 1 && !o.has('q')) || o.has('v')) await io.out(`${k ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    if ((f === '-' || f === undefined) && bytes === undefined) {
      // Stop reading after N lines, so `yes | head -n 1` ends.
      let count = 0;
      let out = '';
      for (let line = n > 0 ? await io.stdin.readLine() : undefined; line !== undefined; line = ++count < n ? await io.stdin.readLine() : undefined) out += line + '\n';
      await io.out(out);
      continue;
    }
    let text: string;
    try {
      text = await readInput(io, f);
    } catch (e) {
      status = await perror(io, f, e);
      continue;
    }
    if (bytes !== undefined) {
      await io.out(text.slice(0, Number(bytes)));
      continue;
    }
    let end = 0;
    for (let i = 0; i < n && end < text.length; i++) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length : nl + 1;
    }
    await io.out(text.slice(0, end));
  }
  return status;
};
