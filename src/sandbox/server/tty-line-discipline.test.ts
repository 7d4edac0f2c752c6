import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TtyLineDiscipline } from './tty-line-discipline.ts';

describe('TtyLineDiscipline', () => {
  it('echoes keystrokes and hands over the line on Enter (ICRNL)', () => {
    const tty = new TtyLineDiscipline();
    assert.deepEqual(tty.keys('ls'), { echo: 'ls', input: [], eof: false });
    assert.deepEqual(tty.keys(' /\r'), { echo: ' /\r\n', input: ['ls /\n'], eof: false });
  });

  it('erases with Backspace or DEL and kills the line with Ctrl-U', () => {
    const tty = new TtyLineDiscipline();
    assert.deepEqual(tty.keys('lx\x7fs\r'), { echo: 'lx\b \bs\r\n', input: ['ls\n'], eof: false });
    assert.deepEqual(tty.keys('\x7f'), { echo: '', input: [], eof: false }, 'nothing to erase');
    assert.deepEqual(tty.keys('abc\x15pwd\n'), { echo: `abc${'\b \b'.repeat(3)}pwd\r\n`, input: ['pwd\n'], eof: false });
  });

  it('ends input with Ctrl-D on an empty line, flushes a partial one otherwise', () => {
    const tty = new TtyLineDiscipline();
    assert.deepEqual(tty.keys('ab\x04'), { echo: 'ab', input: ['ab'], eof: false });
    assert.deepEqual(tty.keys('\x04'), { echo: '', input: [], eof: true });
  });

  it('drops the line on Ctrl-C and swallows escape sequences', () => {
    const tty = new TtyLineDiscipline();
    assert.deepEqual(tty.keys('sleep 9\x03'), { echo: 'sleep 9^C\r\n', input: ['\n'], eof: false });
    assert.deepEqual(tty.keys('\x1b[A\x1bOBok'), { echo: 'ok', input: [], eof: false });
  });
});
