// Tokens of a POSIX sh script: words (with their quoting and expansions already structured),
// operators, newlines, IO numbers, and here-document bodies read after the newline that ends
// the line holding their `<<`. Command substitutions are parsed here, through the parser passed
// in, because where `$(` ends depends on the grammar (`case` patterns end in `)`).
import type { List, ParamOp, ParamPart, Redirect, Word, WordPart } from './ast.ts';

export type Token =
  | { t: 'word'; word: Word; raw: string; line: number }
  | { t: 'op'; op: string; line: number }
  | { t: 'io'; fd: number; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

/** A syntax error; the message is busybox's text after `sh: syntax error: `. */
export class ShellSyntaxError extends Error {}

export interface SubParser {
  /** Parses a command list starting at `pos` up to its unmatched `)`; `end` is after it. */
  substitution(src: string, pos: number, line: number): { body: List; end: number };
  program(src: string, line: number): List;
}

const OPS = ['&&', '||', ';;', '<<-', '<<<', '<<', '>>', '<&', '>&', '<>', '>|', ';', '&', '|', '(', ')', '<', '>'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const SPECIAL_PARAMS = new Set(['?', '$', '#', '!', '@', '*', '-']);

interface PendingHeredoc {
  redir: Redirect;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

type Mode = 'word' | 'brace' | 'heredoc';

export class Lexer {
  private heredocs: PendingHeredoc[] = [];

  constructor(
    readonly src: string,
    public pos: number,
    private readonly sub: SubParser,
    public line = 0,
  ) {}

  next(): Token {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else break;
    }
    if (this.src[this.pos] === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
    const line = this.line;
    if (this.pos >= this.src.length) return { t: 'eof', line };
    if (this.src[this.pos] === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocs();
      return { t: 'nl', line };
    }
    for (const op of OPS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'op', op, line };
      }
    }
    const start = this.pos;
    const parts = this.scanParts('word', (ch) => META.has(ch));
    const raw = this.src.slice(start, this.pos);
    if (/^\d+$/.test(raw) && (this.src[this.pos] === '<' || this.src[this.pos] === '>')) return { t: 'io', fd: Number(raw), line };
    return { t: 'word', word: { parts }, raw, line };
  }

  /** Registers a here-document whose body follows the next newline. */
  addHeredoc(redir: Redirect, rawDelim: string, strip: boolean): void {
    const quoted = /['"\\]/.test(rawDelim);
    const delim = rawDelim.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
    this.heredocs.push({ redir, delim, strip, quoted });
  }

  hasPendingHeredocs(): boolean {
    return this.heredocs.length > 0;
  }

  private readHeredocs(): void {
    const pending = this.heredocs;
    this.heredocs = [];
    for (const h of pending) {
      let body = '';
      while (this.pos < this.src.length) {
        let nl = this.src.indexOf('\n', this.pos);
        if (nl < 0) nl = this.src.length;
        let text = this.src.slice(this.pos, nl);
        this.pos = Math.min(nl + 1, this.src.length);
        this.line++;
        if (h.strip) text = text.replace(/^\t+/, '');
        if (text === h.delim) break;
        body += text + '\n';
      }
      h.redir.body = h.quoted ? { parts: [{ k: 'sq', text: body }] } : { parts: new Lexer(body, 0, this.sub, this.line).scanParts('heredoc', () => false) };
    }
  }

  /** Scans word parts up to a character `stop` accepts (outside quotes and expansions). */
  scanParts(mode: Mode, stop: (ch: string) => boolean): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const litKind = mode === 'heredoc' ? 'sq' : 'lit';
    const flush = () => {
      if (lit) parts.push({ k: litKind, text: lit });
      lit = '';
    };
    const src = this.src;
    if (mode === 'word' && src[this.pos] === '~') {
      let j = this.pos + 1;
      while (j < src.length && /[A-Za-z0-9_.-]/.test(src[j])) j++;
      if (j >= src.length || src[j] === '/' || stop(src[j])) {
        parts.push({ k: 'tilde', user: src.slice(this.pos + 1, j) });
        this.pos = j;
      }
    }
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (stop(c)) break;
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === undefined) {
          lit += '\\';
          this.pos++;
        } else if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else if (mode === 'heredoc' && !'$`\\'.includes(n)) {
          lit += '\\';
          this.pos++;
        } else {
          flush();
          parts.push({ k: 'sq', text: n });
          this.pos += 2;
        }
      } else if (c === "'" && mode !== 'heredoc') {
        const end = src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        flush();
        const text = src.slice(this.pos + 1, end);
        this.line += countNewlines(text);
        parts.push({ k: 'sq', text });
        this.pos = end + 1;
      } else if (c === '"' && mode !== 'heredoc') {
        flush();
        parts.push(this.scanDoubleQuoted());
      } else if (c === '$') {
        const p = this.scanDollar(false);
        if (p) {
          flush();
          parts.push(p);
        } else {
          lit += '$';
        }
      } else if (c === '`') {
        flush();
        parts.push(this.scanBacktick(false));
      } else {
        if (c === '\n') this.line++;
        lit += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private scanDoubleQuoted(): WordPart {
    const src = this.src;
    this.pos++;
    const parts: WordPart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ k: 'sq', text });
      text = '';
    };
    for (;;) {
      if (this.pos >= src.length) throw new ShellSyntaxError('unterminated quoted string');
      const c = src[this.pos];
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else if (n !== undefined && '$`"\\'.includes(n)) {
          text += n;
          this.pos += 2;
        } else {
          text += '\\';
          this.pos++;
        }
      } else if (c === '$') {
        const p = this.scanDollar(true);
        if (p) {
          flush();
          parts.push(p);
        } else text += '$';
      } else if (c === '`') {
        flush();
        parts.push(this.scanBacktick(true));
      } else {
        if (c === '\n') this.line++;
        text += c;
        this.pos++;
      }
    }
    flush();
    return { k: 'dq', parts };
  }

  /** At a `$`: the expansion it starts, or undefined for a literal dollar sign. */
  private scanDollar(inDq: boolean): WordPart | undefined {
    const src = this.src;
    const n = src[this.pos + 1];
    if (n === '{') return this.scanBraceParam(inDq);
    if (n === '(' && src[this.pos + 2] === '(') {
      const start = this.pos + 3;
      let depth = 0;
      let i = start;
      for (; i < src.length; i++) {
        if (src[i] === '(') depth++;
        else if (src[i] === ')') {
          if (depth === 0 && src[i + 1] === ')') break;
          depth--;
        }
      }
      if (i >= src.length) throw new ShellSyntaxError('unexpected end of file (expecting "))")');
      const text = src.slice(start, i);
      this.pos = i + 2;
      const expr = new Lexer(text, 0, this.sub, this.line).scanParts('heredoc', () => false);
      this.line += countNewlines(text);
      return { k: 'arith', expr: { parts: expr } };
    }
    if (n === '(') {
      const { body, end } = this.sub.substitution(src, this.pos + 2, this.line);
      this.line += countNewlines(src.slice(this.pos, end));
      this.pos = end;
      return { k: 'cmd', body };
    }
    if (n !== undefined && (SPECIAL_PARAMS.has(n) || /[0-9]/.test(n))) {
      this.pos += 2;
      return { k: 'param', name: n };
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      let j = this.pos + 1;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      const name = src.slice(this.pos + 1, j);
      this.pos = j;
      return { k: 'param', name };
    }
    this.pos++;
    return undefined;
  }

  private scanBraceParam(inDq: boolean): ParamPart {
    const src = this.src;
    this.pos += 2;
    let length = false;
    if (src[this.pos] === '#' && src[this.pos + 1] !== '}' && src[this.pos + 1] !== undefined) {
      length = true;
      this.pos++;
    }
    let name: string;
    const c = src[this.pos];
    if (c === undefined) throw new ShellSyntaxError("missing '}'");
    if (/[A-Za-z_]/.test(c)) {
      let j = this.pos;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      name = src.slice(this.pos, j);
      this.pos = j;
    } else if (/[0-9]/.test(c)) {
      let j = this.pos;
      while (j < src.length && /[0-9]/.test(src[j])) j++;
      name = src.slice(this.pos, j);
      this.pos = j;
    } else if (SPECIAL_PARAMS.has(c)) {
      name = c;
      this.pos++;
    } else {
      throw new ShellSyntaxError('bad substitution');
    }
    if (length) {
      this.expect('}');
      return { k: 'param', name, op: 'length' };
    }
    const o = src[this.pos];
    if (o === '}') {
      this.pos++;
      return { k: 'param', name };
    }
    if (o === undefined) throw new ShellSyntaxError("missing '}'");
    const argUntil = (stops: string) => ({ parts: this.scanParts('brace', (ch) => stops.includes(ch)) });
    void inDq;
    if (o === ':' && '-=?+'.includes(src[this.pos + 1] ?? '')) {
      const op = src[this.pos + 1] as ParamOp;
      this.pos += 2;
      const arg = argUntil('}');
      this.expect('}');
      return { k: 'param', name, op, colon: true, arg };
    }
    if (o === ':') {
      this.pos++;
      const arg = argUntil(':}');
      let arg2: Word | undefined;
      if (src[this.pos] === ':') {
        this.pos++;
        arg2 = argUntil('}');
      }
      this.expect('}');
      return { k: 'param', name, op: 'substr', arg, arg2 };
    }
    if ('-=?+'.includes(o)) {
      this.pos++;
      const arg = argUntil('}');
      this.expect('}');
      return { k: 'param', name, op: o as ParamOp, arg };
    }
    if (o === '#' || o === '%') {
      const double = src[this.pos + 1] === o;
      this.pos += double ? 2 : 1;
      const arg = argUntil('}');
      this.expect('}');
      return { k: 'param', name, op: (double ? o + o : o) as ParamOp, arg };
    }
    if (o === '/') {
      let op: ParamOp = '/';
      this.pos++;
      const m = src[this.pos];
      if (m === '/' || m === '#' || m === '%') {
        op = ('/' + m) as ParamOp;
        this.pos++;
      }
      const arg = argUntil('/}');
      let arg2: Word | undefined;
      if (src[this.pos] === '/') {
        this.pos++;
        arg2 = argUntil('}');
      }
      this.expect('}');
      return { k: 'param', name, op, arg, arg2 };
    }
    throw new ShellSyntaxError('bad substitution');
  }

  private expect(ch: string): void {
    if (this.src[this.pos] !== ch) throw new ShellSyntaxError(this.pos >= this.src.length ? "missing '}'" : 'bad substitution');
    this.pos++;
  }

  private scanBacktick(inDq: boolean): WordPart {
    const src = this.src;
    let i = this.pos + 1;
    let inner = '';
    for (;;) {
      if (i >= src.length) throw new ShellSyntaxError('unterminated quoted string');
      const c = src[i];
      if (c === '`') break;
      if (c === '\\' && i + 1 < src.length && ('$`\\'.includes(src[i + 1]) || (inDq && src[i + 1] === '"'))) {
        inner += src[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    const body = this.sub.program(inner, this.line);
    this.line += countNewlines(src.slice(this.pos, i));
    this.pos = i + 1;
    return { k: 'cmd', body };
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
