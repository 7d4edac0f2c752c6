import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualClock } from '../../../sim/clock.ts';
import { ContainerProcess, LOG_KEEP_CHARS } from './container-process.ts';

describe('container process log', () => {
  it('splits output into lines per stream and keeps a partial line until its newline', () => {
    const p = new ContainerProcess(new VirtualClock());
    p.write('stdout', 'one\ntw');
    p.write('stderr', 'err\n');
    p.write('stdout', 'o\n');
    assert.deepEqual(p.logs.map((l) => [l.stream, l.text]), [['stdout', 'one'], ['stderr', 'err'], ['stdout', 'two']]);
  });

  it('rotates: a chatty process keeps its newest lines, within the limit', () => {
    const p = new ContainerProcess(new VirtualClock());
    const line = 'x'.repeat(99);
    const n = Math.ceil((LOG_KEEP_CHARS * 2) / 100);
    for (let i = 0; i < n; i++) p.write('stdout', `${line}\n`);
    p.write('stdout', 'last\n');
    const kept = p.logs.reduce((a, l) => a + l.text.length + 1, 0);
    assert.ok(kept <= LOG_KEEP_CHARS, `kept ${kept} characters`);
    assert.ok(kept >= LOG_KEEP_CHARS / 2, 'rotation keeps a good part of the log');
    assert.equal(p.logs.at(-1)?.text, 'last');
  });
});
