// Helpers shared by applets: busybox-style option parsing, reading input files, number formats.
import { FsError } from '../../fs/types.ts';
import type { CommandIo } from '../command.ts';
import { errText } from '../command.ts';

export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.';

export interface Opts {
  flags: Map<string, string[]>;
  args: string[];
  has(f: string): boolean;
  last(f: string): string | undefined;
  count(f: string): number;
}

export class UsageError extends Error {}

/**
 * Parses short options as busybox's getopt32: `spec` lists the letters, a letter followed by `:`
 * takes a value (`-n5`, `-n 5`). Options may follow operands (GNU permutation); `--` ends them.
 * Long options map to letters through `long` (`--max-time` → `m`).
 */
export function parseOpts(io: CommandIo, argv: string[], spec: string, long: Record<string, string> = {}, numericShorthand?: string): Opts | undefined {
  const takes = new Map<string, boolean>();
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === ':') continue;
    takes.set(spec[i], spec[i + 1] === ':');
  }
  const flags = new Map<string, string[]>();
  const args: string[] = [];
  const add = (f: string, v: string) => flags.set(f, [...(flags.get(f) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const letter = long[name];
      if (letter === undefined) {
        void io.err(`unrecognized option '${a}'`);
        return undefined;
      }
      if (takes.get(letter)) add(letter, eq >= 0 ? a.slice(eq + 1) : (argv[++i] ?? ''));
      else add(letter, '');
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (numericShorthand && /^-\d+$/.test(a)) {
        add(numericShorthand, a.slice(1));
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (!takes.has(c)) {
          void io.err(`invalid option -- '${c}'`);
          return undefined;
        }
        if (takes.get(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) {
            void io.err(`option requires an argument -- '${c}'`);
            return undefined;
          }
          add(c, v);
          break;
        }
        add(c, '');
      }
      continue;
    }
    args.push(a);
  }
  return {
    flags,
    args,
    has: (f) => flags.has(f),
    last: (f) => flags.get(f)?.at(-1),
    count: (f) => flags.get(f)?.length ?? 0,
  };
}

/** Prints busybox's usage banner to stderr; returns status 1. */
export async function usage(io: CommandIo, text: string): Promise<number> {
  await io.stderr.write(`${BUSYBOX_BANNER}\n\nUsage: ${text}\n`);
  return 1;
}

/** The content of an input operand: `-` or none is standard input. */
export async function readInput(io: CommandIo, file: string | undefined): Promise<string> {
  if (file === undefined || file === '-' || file === '/dev/stdin') return io.stdin.readAll(io.sys.limits.maxString);
  if (file === '/dev/null') return '';
  const p = io.path(file);
  const st = io.fs.stat(p);
  if (st.type === 'dir') throw new FsError('EISDIR', p);
  const text = io.fs.readFile(p);
  if (text.length > io.sys.limits.maxString) throw new Error('out of memory');
  return text;
}

/** Lines of a text, without the trailing empty string after a final newline. */
export function lines(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** `<applet>: <file>: <error>` and status 1, busybox's bb_simple_perror_msg(file). */
export async function perror(io: CommandIo, file: string, e: unknown): Promise<number> {
  await io.err(`${file}: ${errText(e)}`);
  return 1;
}

/** A user or group name from /etc/passwd or /etc/group, or undefined. */
export function nameOf(io: CommandIo, file: '/etc/passwd' | '/etc/group', id: number): string | undefined {
  try {
    for (const line of io.fs.readFile(file).split('\n')) {
      const f = line.split(':');
      if (f.length > 2 && Number(f[2]) === id && f[2] !== '') return f[0];
    }
  } catch {
    // no such file in the image
  }
  return undefined;
}

export function idOf(io: CommandIo, file: '/etc/passwd' | '/etc/group', name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  try {
    for (const line of io.fs.readFile(file).split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f.length > 2) return Number(f[2]);
    }
  } catch {
    // no such file in the image
  }
  return undefined;
}

/** `1.5K`-style sizes as busybox's make_human_readable_str (1024-based, one decimal below 10). */
export function human(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return String(bytes);
  return `${v.toFixed(1)}${units[u]}`;
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const p2 = (n: number) => String(n).padStart(2, '0');
