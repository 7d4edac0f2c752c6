import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScript, ShellSyntaxError } from './parser.ts';

function syntaxError(src: string): string {
  try {
    parseScript(src);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e.message;
    throw e;
  }
  return 'parsed';
}

describe('parser', () => {
  it('reports busybox ash syntax errors', () => {
    assert.equal(syntaxError('fi'), 'unexpected "fi"');
    assert.equal(syntaxError('if true; then'), 'unexpected end of file (expecting "fi")');
    assert.equal(syntaxError('echo "abc'), 'unterminated quoted string');
    assert.equal(syntaxError("echo 'abc"), 'unterminated quoted string');
    assert.equal(syntaxError('echo $(ls'), 'unexpected end of file (expecting ")")');
    assert.equal(syntaxError('echo ${x'), "missing '}'");
    assert.equal(syntaxError('for 1 in a; do :; done'), 'bad for loop variable');
    assert.equal(syntaxError('echo a |'), 'unexpected end of file');
    assert.equal(syntaxError('(echo'), 'unexpected end of file (expecting ")")');
    assert.equal(syntaxError('f() { echo; '), 'unexpected end of file (expecting "}")');
    assert.equal(syntaxError('echo ${x!}'), 'bad substitution');
    assert.equal(syntaxError('while true; do echo; '), 'unexpected end of file (expecting "done")');
  });

  it('recognises reserved words only where a command starts', () => {
    const list = parseScript('echo if then fi; if true; then echo done; fi');
    assert.equal(list.items.length, 2);
    const first = list.items[0].andOr.first.cmds[0];
    assert.equal(first.k, 'simple');
    assert.equal(first.k === 'simple' && first.words.length, 4);
  });

  it('parses case patterns inside command substitution', () => {
    const list = parseScript('x=$(case a in a) echo A;; *) echo B;; esac)');
    const cmd = list.items[0].andOr.first.cmds[0];
    assert.ok(cmd.k === 'simple' && cmd.assigns[0].value.parts[0].k === 'cmd');
  });

  it('structures quoting: single, double, escapes, nested substitutions', () => {
    const list = parseScript(`echo 'a $b' "c $d \\$e $(echo "f")" \\g \`echo h\``);
    const cmd = list.items[0].andOr.first.cmds[0];
    assert.ok(cmd.k === 'simple');
    const kinds = cmd.words.map((w) => w.parts.map((p) => p.k).join('+'));
    assert.deepEqual(kinds, ['lit', 'sq', 'dq', 'sq', 'cmd']);
  });

  it('reads here-documents after the line, quoted ones literally', () => {
    const list = parseScript('cat <<EOF; cat <<-"END"\nhello $USER\nEOF\n\tliteral $x\n\tEND\necho after');
    assert.equal(list.items.length, 3);
    const first = list.items[0].andOr.first.cmds[0];
    const second = list.items[1].andOr.first.cmds[0];
    assert.deepEqual(first.redirs[0].body?.parts.map((p) => p.k), ['sq', 'param', 'sq']);
    assert.deepEqual(second.redirs[0].body?.parts, [{ k: 'sq', text: 'literal $x\n' }]);
  });

  it('parses functions, redirections with descriptors, background and negation', () => {
    const list = parseScript('f() { echo hi; } >/dev/null 2>&1\n! f & function g { :; }');
    assert.equal(list.items[0].andOr.first.cmds[0].k, 'func');
    assert.equal(list.items[1].background, true);
    assert.equal(list.items[1].andOr.first.negate, true);
    assert.equal(list.items[2].andOr.first.cmds[0].k, 'func');
  });

  it('keeps line numbers (0-based for sh -c, as ash)', () => {
    const list = parseScript('echo a\n\ncd /x');
    assert.equal(list.items[1].andOr.first.cmds[0].line, 2);
  });
});
