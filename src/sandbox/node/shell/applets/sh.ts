// sh/ash: `sh -c 'script' [arg0 [args]]`, `sh script [args]`, or commands read from standard
// input (`kubectl exec -i ... -- sh`, `echo cmd | sh`).
import { basename } from '../../fs/path.ts';
import type { Applet } from '../command.ts';
import { errText } from '../command.ts';
import { Shell } from '../interpreter.ts';
import { ShellState } from '../state.ts';

export const sh: Applet = async (io) => {
  const entry = io.sys.table.get(io.pid);
  if (!entry) return 1;
  const argv = io.argv;
  let script: string | undefined;
  let i = 1;
  const set = { errexit: false, xtrace: false, nounset: false, noglob: false };
  let interactive = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!/^[-+]/.test(a) || a.length < 2) break;
    for (const ch of a.slice(1)) {
      if (ch === 'c') script = '';
      else if (ch === 'e') set.errexit = true;
      else if (ch === 'x') set.xtrace = true;
      else if (ch === 'u') set.nounset = true;
      else if (ch === 'f') set.noglob = true;
      else if (ch === 'i') interactive = true;
      else if ('slm'.includes(ch)) continue;
      else {
        await io.stderr.write(`${argv[0]}: -${ch}: invalid option\n`);
        return 2;
      }
    }
  }
  const state = ShellState.fromEnv(io.env, io.cwd);
  Object.assign(state.opts, set);
  const fds = { 0: { input: io.stdin }, 1: { output: io.stdout }, 2: { output: io.stderr } };
  const appletName = basename(argv[0]);
  if (script !== undefined) {
    script = argv[i];
    if (script === undefined) {
      await io.stderr.write(`${argv[0]}: -c requires an argument\n`);
      return 2;
    }
    state.arg0 = argv[i + 1] ?? argv[0];
    state.positional = argv.slice(i + 2);
    const shell = new Shell(io.sys, entry, state, fds, { arg0: argv[0], appletName, lineBase: 0 });
    return shell.runScript(script);
  }
  const file = argv[i];
  if (file !== undefined) {
    let src: string;
    try {
      src = io.fs.readFile(io.path(file));
    } catch (e) {
      await io.stderr.write(`${appletName}: can't open '${file}': ${errText(e)}\n`);
      return 2;
    }
    state.arg0 = file;
    state.positional = argv.slice(i + 1);
    const shell = new Shell(io.sys, entry, state, fds, { arg0: file, appletName, scriptFile: true, lineBase: 1 });
    return shell.runScript(src);
  }
  state.arg0 = argv[0];
  const shell = new Shell(io.sys, entry, state, fds, { arg0: argv[0], appletName, lineBase: 1 });
  const prompt = interactive || io.sys.interactive ? () => `${state.cwd} ${io.ctx.identity.uid === 0 ? '#' : '$'} ` : undefined;
  return shell.runInteractive(io.stdin, prompt);
};
