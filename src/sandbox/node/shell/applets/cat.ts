// cat: concatenates files (`-` is standard input) in 64 KiB chunks, so a large file streams
// through a pipe; -n numbers lines.
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { parseOpts } from './util.ts';

const CHUNK = 65536;

export const cat: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'nbvteAsu');
  if (!o) return 1;
  const files = o.args.length ? o.args : ['-'];
  let status = 0;
  let lineNo = 0;
  let atLineStart = true;
  const emit = async (text: string) => {
    if (!o.has('n') && !o.has('b')) return io.out(text);
    let out = '';
    for (const ch of text.split(/(?<=\n)/)) {
      if (atLineStart && !(o.has('b') && ch === '\n')) out += `${String(++lineNo).padStart(6)}\t`;
      out += ch;
      atLineStart = ch.endsWith('\n');
    }
    return io.out(out);
  };
  for (const f of files) {
    if (f === '-' || f === '/dev/stdin') {
      for (let c = await io.stdin.read(); c !== undefined; c = await io.stdin.read()) await emit(c);
      continue;
    }
    if (f === '/dev/null') continue;
    let text: string;
    try {
      const st = io.fs.stat(io.path(f));
      if (st.type === 'dir') {
        await io.err('read error: Is a directory');
        status = 1;
        continue;
      }
      text = io.fs.readFile(io.path(f));
    } catch (e) {
      await io.err(`can't open '${f}': ${errText(e)}`);
      status = 1;
      continue;
    }
    for (let i = 0; i < text.length; i += CHUNK) await emit(text.slice(i, i + CHUNK));
  }
  return status;
};

