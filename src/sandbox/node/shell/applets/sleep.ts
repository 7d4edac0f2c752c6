// sleep and usleep on the simulated clock: `5`, `0.5`, `1m`, `2h`, `1d`, several summed, `inf`.
// Killing the process (or aborting the container) ends the sleep at once.
import type { Applet } from '../command.ts';
import { usage } from './util.ts';

const UNIT: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const sleep: Applet = async (io) => {
  const args = io.argv.slice(1);
  if (!args.length) return usage(io, 'sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays');
  let ms = 0;
  for (const a of args) {
    if (/^inf(inity)?$/i.test(a)) {
      ms = Infinity;
      continue;
    }
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      await io.err(`invalid number '${a}'`);
      return 1;
    }
    ms += Number(m[1]) * UNIT[m[2]];
  }
  if (ms === Infinity) {
    await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
    await io.sleep(0);
    return 0;
  }
  await io.sleep(Math.round(ms));
  return 0;
};

export const usleep: Applet = async (io) => {
  const n = io.argv[1];
  if (n === undefined || !/^\d+$/.test(n)) return usage(io, 'usleep N\n\nPause for N microseconds');
  await io.sleep(Math.round(Number(n) / 1000));
  return 0;
};
