// echo: busybox's (bash-like) echo: -n, -e, -E; escapes only with -e, \c stops all output.
import type { Applet } from '../command.ts';

export const echo: Applet = async (io) => {
  const args = io.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const c of args.shift()!.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const r = unescape(text, true);
    text = r.text;
    if (r.stop) {
      await io.out(text);
      return 0;
    }
  }
  await io.out(newline ? text + '\n' : text);
  return 0;
};

/** Backslash escapes of echo -e and printf %b (`\0NNN` octal there) or of printf formats. */
export function unescape(s: string, echoStyle: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      default:
        if (/[0-7]/.test(n)) {
          const max = echoStyle && n === '0' ? 4 : 3;
          const m = new RegExp(`^[0-7]{1,${max}}`).exec(s.slice(i));
          const digits = m![0];
          out += String.fromCharCode(parseInt(digits, 8) & 255);
          i += digits.length - 1;
        } else {
          out += '\\' + n;
        }
    }
  }
  return { text: out, stop: false };
}
