// A recursive-descent parser for the POSIX sh grammar that busybox ash accepts in scripts:
// lists, and-or lists, pipelines, simple commands with assignments and redirections, compound
// commands (if, while/until, for, case, { }, ( )), function definitions (`f() {...}` and
// `function f {...}`) and here-documents. Reserved words are recognised only where a command
// starts. Errors carry busybox's wording (`unexpected "fi"`, `unexpected end of file (expecting
// "done")`).
import type { AndOr, Assignment, Command, List, Pipeline, RedirOp, Redirect, Word } from './ast.ts';
import type { SubParser, Token } from './lexer.ts';
import { Lexer, ShellSyntaxError } from './lexer.ts';

export { ShellSyntaxError };

/** Parses a whole script. `line` is the number of its first line (0 for `sh -c`, as ash). */
export function parseScript(src: string, line = 0): List {
  const p = new Parser(src, 0, line);
  const list = p.parseList(new Set());
  p.expectEnd();
  return list;
}

const SUB: SubParser = {
  substitution(src, pos, line) {
    const p = new Parser(src, pos, line);
    const body = p.parseList(new Set([')']));
    const end = p.closeSubstitution();
    return { body, end };
  },
  program(src, line) {
    return parseScript(src, line);
  },
};

const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<', '<<-', '<<<']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Parser {
  private readonly lexer: Lexer;
  private peeked: Token | undefined;

  constructor(src: string, pos: number, line: number) {
    this.lexer = new Lexer(src, pos, SUB, line);
  }

  private peek(): Token {
    this.peeked ??= this.lexer.next();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.t !== 'eof') throw this.unexpected(t);
  }

  closeSubstitution(): number {
    const t = this.next();
    if (!(t.t === 'op' && t.op === ')')) throw t.t === 'eof' ? new ShellSyntaxError('unexpected end of file (expecting ")")') : this.unexpected(t);
    return this.lexer.pos;
  }

  /** A list up to (not including) a terminator: a reserved word or operator in `until`, or EOF. */
  parseList(until: Set<string>): List {
    const items: List['items'] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.t === 'eof' || this.isTerminator(t, until)) return { items };
      const andOr = this.parseAndOr();
      const sep = this.peek();
      if (sep.t === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        items.push({ andOr, background: sep.op === '&' });
      } else if (sep.t === 'nl') {
        items.push({ andOr, background: false });
      } else {
        items.push({ andOr, background: false });
        if (sep.t === 'eof' || this.isTerminator(sep, until)) return { items };
        throw this.unexpected(sep);
      }
    }
  }

  private isTerminator(t: Token, until: Set<string>): boolean {
    if (t.t === 'op') return until.has(t.op) || t.op === ')' || t.op === ';;';
    return t.t === 'word' && isReserved(t) && until.has(t.raw);
  }

  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.next();
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || (t.op !== '&&' && t.op !== '||')) return { first, rest };
      this.next();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.parsePipeline() });
    }
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    const t = this.peek();
    if (t.t === 'word' && t.raw === '!' && isReserved(t)) {
      this.next();
      negate = true;
    }
    const cmds = [this.parseCommand()];
    for (;;) {
      const p = this.peek();
      if (p.t !== 'op' || p.op !== '|') return { negate, cmds };
      this.next();
      this.skipNewlines();
      cmds.push(this.parseCommand());
    }
  }

  private parseCommand(): Command {
    const t = this.peek();
    if (t.t === 'op' && t.op === '(') {
      this.next();
      const body = this.parseList(new Set([')']));
      this.expectOp(')', t);
      return this.withRedirs({ k: 'subshell', body, redirs: [], line: t.line });
    }
    if (t.t === 'word' && isReserved(t)) {
      switch (t.raw) {
        case 'if':
          return this.withRedirs(this.parseIf());
        case 'while':
        case 'until':
          return this.withRedirs(this.parseWhile());
        case 'for':
          return this.withRedirs(this.parseFor());
        case 'case':
          return this.withRedirs(this.parseCase());
        case '{': {
          this.next();
          const body = this.parseList(new Set(['}']));
          this.expectWord('}');
          return this.withRedirs({ k: 'group', body, redirs: [], line: t.line });
        }
        case 'function': {
          this.next();
          const name = this.next();
          if (name.t !== 'word' || !NAME.test(name.raw)) throw this.unexpected(name);
          const p = this.peek();
          if (p.t === 'op' && p.op === '(') {
            this.next();
            this.expectOp(')', p);
          }
          return this.parseFunctionBody(name.raw, t.line);
        }
        case 'then': case 'else': case 'elif': case 'fi': case 'do': case 'done': case 'esac': case '}': case 'in':
          throw this.unexpected(t);
      }
    }
    return this.parseSimple();
  }

  private parseFunctionBody(name: string, line: number): Command {
    this.skipNewlines();
    const body = this.parseCommand();
    if (body.k === 'simple') throw new ShellSyntaxError(`unexpected ${describe(this.peek())}`);
    return { k: 'func', name, body, redirs: [], line };
  }

  private withRedirs<C extends Command>(cmd: C): C {
    for (;;) {
      const r = this.tryRedirect();
      if (!r) return cmd;
      cmd.redirs.push(r);
    }
  }

  private tryRedirect(): Redirect | undefined {
    const t = this.peek();
    let fd: number | undefined;
    if (t.t === 'io') {
      this.next();
      fd = t.fd;
      const op = this.peek();
      if (op.t !== 'op' || !REDIR_OPS.has(op.op)) throw this.unexpected(op);
    } else if (!(t.t === 'op' && REDIR_OPS.has(t.op))) {
      return undefined;
    }
    const op = this.next() as Extract<Token, { t: 'op' }>;
    const target = this.next();
    if (target.t !== 'word') throw this.unexpected(target);
    const redir: Redirect = { fd, op: op.op as RedirOp, target: target.word };
    if (op.op === '<<' || op.op === '<<-') this.lexer.addHeredoc(redir, target.raw, op.op === '<<-');
    return redir;
  }

  private parseSimple(): Command {
    const first = this.peek();
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const r = this.tryRedirect();
      if (r) {
        redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.t !== 'word') break;
      if (words.length === 0) {
        const a = asAssignment(t);
        if (a) {
          this.next();
          assigns.push(a);
          continue;
        }
      }
      this.next();
      words.push(t.word);
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const p = this.peek();
        if (p.t === 'op' && p.op === '(') {
          if (!NAME.test(t.raw) && !/^[A-Za-z_][\w.-]*$/.test(t.raw)) throw this.unexpected(p);
          this.next();
          this.expectOp(')', p);
          return this.parseFunctionBody(t.raw, t.line);
        }
      }
    }
    if (!assigns.length && !words.length && !redirs.length) throw this.unexpected(this.peek());
    return { k: 'simple', assigns, words, redirs, line: first.line };
  }

  private parseIf(): Command {
    const start = this.next();
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | undefined;
    const cond = this.parseList(new Set(['then']));
    this.expectWord('then');
    clauses.push({ cond, body: this.parseList(new Set(['elif', 'else', 'fi'])) });
    for (;;) {
      const t = this.next();
      if (t.t === 'word' && isReserved(t) && t.raw === 'elif') {
        const c = this.parseList(new Set(['then']));
        this.expectWord('then');
        clauses.push({ cond: c, body: this.parseList(new Set(['elif', 'else', 'fi'])) });
      } else if (t.t === 'word' && isReserved(t) && t.raw === 'else') {
        elseBody = this.parseList(new Set(['fi']));
        this.expectWord('fi');
        break;
      } else if (t.t === 'word' && isReserved(t) && t.raw === 'fi') {
        break;
      } else {
        throw t.t === 'eof' ? eof('fi') : this.unexpected(t);
      }
    }
    return { k: 'if', clauses, else: elseBody, redirs: [], line: start.line };
  }

  private parseWhile(): Command {
    const start = this.next() as Extract<Token, { t: 'word' }>;
    const cond = this.parseList(new Set(['do']));
    this.expectWord('do');
    const body = this.parseList(new Set(['done']));
    this.expectWord('done');
    return { k: 'while', until: start.raw === 'until', cond, body, redirs: [], line: start.line };
  }

  private parseFor(): Command {
    const start = this.next();
    const name = this.next();
    if (name.t !== 'word' || !NAME.test(name.raw)) throw new ShellSyntaxError('bad for loop variable');
    let items: Word[] | undefined;
    this.skipNewlines();
    const t = this.peek();
    if (t.t === 'word' && t.raw === 'in' && isReserved(t)) {
      this.next();
      items = [];
      for (;;) {
        const w = this.peek();
        if (w.t !== 'word') break;
        this.next();
        items.push(w.word);
      }
      const sep = this.next();
      if (!(sep.t === 'nl' || (sep.t === 'op' && sep.op === ';'))) throw sep.t === 'eof' ? eof('do') : this.unexpected(sep);
    } else if (t.t === 'op' && t.op === ';') {
      this.next();
    }
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseList(new Set(['done']));
    this.expectWord('done');
    return { k: 'for', name: name.raw, items, body, redirs: [], line: start.line };
  }

  private parseCase(): Command {
    const start = this.next();
    const w = this.next();
    if (w.t !== 'word') throw w.t === 'eof' ? eof(')') : this.unexpected(w);
    this.skipNewlines();
    this.expectWord('in');
    const items: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.peek();
      if (t.t === 'word' && t.raw === 'esac' && isReserved(t)) {
        this.next();
        break;
      }
      if (t.t === 'op' && t.op === '(') {
        this.next();
        t = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.t !== 'word') throw p.t === 'eof' ? eof(')') : this.unexpected(p);
        patterns.push(p.word);
        const sep = this.next();
        if (sep.t === 'op' && sep.op === '|') continue;
        if (sep.t === 'op' && sep.op === ')') break;
        throw sep.t === 'eof' ? eof(')') : this.unexpected(sep);
      }
      const body = this.parseList(new Set(['esac']));
      items.push({ patterns, body });
      const end = this.peek();
      if (end.t === 'op' && end.op === ';;') {
        this.next();
        continue;
      }
      if (end.t === 'word' && end.raw === 'esac' && isReserved(end)) continue;
      throw end.t === 'eof' ? eof('esac') : this.unexpected(end);
    }
    return { k: 'case', word: w.word, items, redirs: [], line: start.line };
  }

  private expectWord(word: string): void {
    const t = this.next();
    if (t.t === 'word' && t.raw === word && isReserved(t)) return;
    throw t.t === 'eof' ? eof(word) : this.unexpected(t);
  }

  private expectOp(op: string, _open: Token): void {
    const t = this.next();
    if (t.t === 'op' && t.op === op) return;
    throw t.t === 'eof' ? eof(op) : this.unexpected(t);
  }

  private unexpected(t: Token): ShellSyntaxError {
    return new ShellSyntaxError(t.t === 'eof' ? 'unexpected end of file' : `unexpected ${describe(t)}`);
  }
}

function eof(expecting: string): ShellSyntaxError {
  return new ShellSyntaxError(`unexpected end of file (expecting "${expecting}")`);
}

function describe(t: Token): string {
  switch (t.t) {
    case 'word':
      return `"${t.raw}"`;
    case 'op':
      return `"${t.op}"`;
    case 'io':
      return `"${t.fd}"`;
    case 'nl':
      return 'newline';
    case 'eof':
      return 'end of file';
  }
}

function isReserved(t: Extract<Token, { t: 'word' }>): boolean {
  return t.word.parts.length === 1 && t.word.parts[0].k === 'lit';
}

function asAssignment(t: Extract<Token, { t: 'word' }>): Assignment | undefined {
  const first = t.word.parts[0];
  if (!first || first.k !== 'lit') return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return undefined;
  const rest = first.text.slice(m[0].length);
  const parts = [...(rest ? [{ k: 'lit' as const, text: rest }] : []), ...t.word.parts.slice(1)];
  if (parts[0]?.k === 'lit' && parts[0].text.startsWith('~')) {
    const text = parts[0].text;
    const slash = text.indexOf('/');
    const user = slash < 0 ? text.slice(1) : text.slice(1, slash);
    if (/^[A-Za-z0-9_.-]*$/.test(user)) {
      const after = slash < 0 ? '' : text.slice(slash);
      parts.splice(0, 1, { k: 'tilde', user }, ...(after ? [{ k: 'lit' as const, text: after }] : []));
    }
  }
  return { name: m[1], value: { parts } };
}
