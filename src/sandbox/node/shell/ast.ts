// The syntax tree of a POSIX sh script, as parser.ts builds it and interpreter.ts runs it.

export type WordPart =
  /** Unquoted text: field splitting does not apply, pathname expansion does. */
  | { k: 'lit'; text: string }
  /** Quoted text ('...', a backslash-escaped character, literal text inside "..."). */
  | { k: 'sq'; text: string }
  | { k: 'dq'; parts: WordPart[] }
  | ParamPart
  /** $(...) or `...` */
  | { k: 'cmd'; body: List }
  /** $((...)): the expression text after expansion is evaluated. */
  | { k: 'arith'; expr: Word }
  /** ~ or ~user at the start of a word. */
  | { k: 'tilde'; user: string };

export type ParamOp =
  | '-' | '=' | '?' | '+'
  | '#' | '##' | '%' | '%%'
  | '/' | '//' | '/#' | '/%'
  | 'substr'
  | 'length';

export interface ParamPart {
  k: 'param';
  name: string;
  op?: ParamOp;
  /** `:` given: `-=?+` also apply to an empty value. */
  colon?: boolean;
  arg?: Word;
  /** Replacement of `/`, length of `substr`. */
  arg2?: Word;
}

export interface Word {
  parts: WordPart[];
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-' | '<<<';

export interface Redirect {
  fd?: number;
  op: RedirOp;
  target: Word;
  /** Here-document body (for << and <<-). */
  body?: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

interface Base {
  redirs: Redirect[];
  line: number;
}

export type Command =
  | (Base & { k: 'simple'; assigns: Assignment[]; words: Word[] })
  | (Base & { k: 'group'; body: List })
  | (Base & { k: 'subshell'; body: List })
  | (Base & { k: 'if'; clauses: { cond: List; body: List }[]; else?: List })
  | (Base & { k: 'while'; until: boolean; cond: List; body: List })
  | (Base & { k: 'for'; name: string; items?: Word[]; body: List })
  | (Base & { k: 'case'; word: Word; items: { patterns: Word[]; body: List }[] })
  | (Base & { k: 'func'; name: string; body: Command });

export interface Pipeline {
  negate: boolean;
  cmds: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface List {
  items: { andOr: AndOr; background: boolean }[];
}
