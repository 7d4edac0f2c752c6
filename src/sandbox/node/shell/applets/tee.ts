// tee: copies standard input to standard output and to files (-a appends), as it arrives.
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { parseOpts } from './util.ts';

export const tee: Applet = async (io) => {
  const o = parseOpts(io, io.argv.slice(1), 'ai');
  if (!o) return 1;
  let status = 0;
  const targets: string[] = [];
  for (const f of o.args) {
    if (f === '-' || f === '/dev/stdout') {
      targets.push('-');
      continue;
    }
    try {
      if (!o.has('a') || !io.fs.exists(io.path(f))) io.fs.writeFile(io.path(f), '');
      targets.push(f);
    } catch (e) {
      await io.err(`${f}: ${errText(e)}`);
      status = 1;
    }
  }
  for (let c = await io.stdin.read(); c !== undefined; c = await io.stdin.read()) {
    await io.out(c);
    for (const f of targets) {
      if (f === '-') await io.out(c);
      else if (f === '/dev/stderr') await io.stderr.write(c);
      else if (f !== '/dev/null') io.fs.writeFile(io.path(f), c, { append: true });
    }
  }
  return status;
};
