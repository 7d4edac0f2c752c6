// tail: the last lines (-n N, -n +N from line N) or bytes (-c); -f follows files, polling once
// per simulated second as busybox does, until the process is killed.
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { lines, parseOpts } from './util.ts';

export const tail: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'n:c:fFqvs:', {}, 'n');
  if (!o) return 1;
  const files = o.args.length ? o.args : ['-'];
  const nSpec = o.last('n') ?? '10';
  const follow = o.has('f') || o.has('F');
  const pick = (text: string): string => {
    const c = o.last('c');
    if (c !== undefined) return c.startsWith('+') ? text.slice(Number(c.slice(1)) - 1) : text.slice(Math.max(0, text.length - Number(c)));
    const all = lines(text);
    const trailing = text.endsWith('\n') ? '\n' : '';
    const sel = nSpec.startsWith('+') ? all.slice(Math.max(0, Number(nSpec.slice(1)) - 1)) : Number(nSpec) === 0 ? [] : all.slice(-Number(nSpec));
    if (!sel.length) return '';
    return sel.join('\n') + (sel[sel.length - 1] === all[all.length - 1] ? trailing : '\n');
  };
  let status = 0;
  const opened: { f: string; size: number }[] = [];
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    if (files.length > 1 && !o.has('q')) await io.out(`${k ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    let text: string;
    if (f === '-') {
      text = await io.stdin.readAll(io.sys.limits.maxString);
    } else {
      try {
        text = io.fs.readFile(io.path(f));
      } catch (e) {
        await io.err(`can't open '${f}': ${errText(e)}`);
        status = 1;
        continue;
      }
      opened.push({ f, size: text.length });
    }
    await io.out(pick(text));
  }
  if (!opened.length && files.every((f) => f !== '-')) {
    await io.err('no files');
    return 1;
  }
  if (!follow) return status;
  for (;;) {
    await io.sleep(1000);
    for (const entry of opened) {
      let text: string;
      try {
        text = io.fs.readFile(io.path(entry.f));
      } catch {
        continue;
      }
      if (text.length < entry.size) {
        await io.err(`${entry.f}: file truncated`);
        entry.size = 0;
      }
      if (text.length > entry.size) {
        await io.out(text.slice(entry.size));
        entry.size = text.length;
      }
    }
  }
};
