// seq [-w] [-s SEP] [FIRST [INC]] LAST, integers or decimals (the most decimals of the operands).
import type { Applet } from '../command.ts';
import { usage } from './util.ts';

export const seq: Applet = async (io) => {
  const args = io.argv.slice(1);
  let sep = '\n';
  let width = false;
  while (args.length && /^-[ws]/.test(args[0]) && !/^-\d/.test(args[0])) {
    const a = args.shift()!;
    if (a === '-w') width = true;
    else if (a === '-s') sep = args.shift() ?? '';
    else if (a.startsWith('-s')) sep = a.slice(2);
  }
  if (args.length < 1 || args.length > 3) return usage(io, 'seq [-w] [-s SEP] [FIRST [INC]] LAST');
  for (const a of args) {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(a)) {
      await io.err(`invalid number '${a}'`);
      return 1;
    }
  }
  const nums = args.map(Number);
  const [first, inc, last] = args.length === 1 ? [1, 1, nums[0]] : args.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
  const decimals = Math.max(...args.map((a) => (a.includes('.') ? a.length - a.indexOf('.') - 1 : 0)));
  if (inc === 0) return 0;
  const fmt = (v: number) => v.toFixed(decimals);
  const w = width ? Math.max(fmt(first).length, fmt(last).length) : 0;
  let out = '';
  let firstOut = true;
  for (let i = 0; ; i++) {
    const v = first + i * inc;
    if (inc > 0 ? v > last + 1e-9 : v < last - 1e-9) break;
    out += (firstOut ? '' : sep) + (width ? fmt(v).padStart(w, '0') : fmt(v));
    firstOut = false;
    if (out.length > 8192) {
      await io.out(out);
      out = '';
    }
  }
  if (!firstOut) out += '\n';
  await io.out(out);
  return 0;
};
