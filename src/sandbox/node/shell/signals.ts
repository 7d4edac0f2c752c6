// Signal names and numbers (Linux x86-64), as kill -l and exit statuses (128 + n) use them.

export const SIGNALS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12,
  PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22,
  URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, POLL: 29, PWR: 30, SYS: 31,
};

/** Signals whose default action is to do nothing. */
export const IGNORED_BY_DEFAULT = new Set(['CHLD', 'CONT', 'URG', 'WINCH']);

/** `TERM`, `SIGTERM`, `15` → `TERM`; undefined when unknown. */
export function signalName(spec: string): string | undefined {
  const s = spec.toUpperCase().replace(/^SIG/, '');
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n === 0) return 'EXIT';
    return Object.keys(SIGNALS).find((k) => SIGNALS[k] === n);
  }
  return s in SIGNALS ? s : undefined;
}
