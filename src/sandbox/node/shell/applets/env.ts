// env and printenv.
import type { Applet } from '../command.ts';

export const env: Applet = async (io) => {
  const args = io.argv.slice(1);
  let vars: Record<string, string> = { ...io.env };
  while (args.length) {
    const a = args[0];
    if (a === '-i' || a === '-') {
      vars = {};
      args.shift();
    } else if (a === '-u') {
      args.shift();
      delete vars[args.shift() ?? ''];
    } else if (a === '--') {
      args.shift();
      break;
    } else if (/^[^=]+=/.test(a)) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
      args.shift();
    } else if (a.startsWith('-') && a.length > 1) {
      await io.err(`invalid option -- '${a[1]}'`);
      return 1;
    } else break;
  }
  if (!args.length) {
    await io.out(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  const status = await io.spawn(args, { env: vars });
  return status;
};

export const printenv: Applet = async (io) => {
  const names = io.argv.slice(1);
  if (!names.length) {
    await io.out(Object.entries(io.env).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of names) {
    if (n in io.env) await io.out(io.env[n] + '\n');
    else status = 1;
  }
  return status;
};
