import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScaledClock, VirtualClock } from './clock.ts';

describe('VirtualClock', () => {
  it('runs timers in due order only when advanced', async () => {
    const c = new VirtualClock(0);
    const seen: string[] = [];
    c.setTimer(300, () => seen.push('b'));
    c.setTimer(100, () => seen.push('a'));
    const cancelled = c.setTimer(200, () => seen.push('never'));
    cancelled.cancel();
    await c.advance(150);
    assert.deepEqual(seen, ['a']);
    assert.equal(c.now(), 150);
    await c.advance(1000);
    assert.deepEqual(seen, ['a', 'b']);
    assert.equal(c.now(), 1150);
  });

  it('lets chains of sleeps progress within one advance', async () => {
    const c = new VirtualClock(0);
    const times: number[] = [];
    void (async () => {
      for (let i = 0; i < 3; i++) {
        await c.sleep(10);
        times.push(c.now());
      }
    })();
    await c.advance(100);
    assert.deepEqual(times, [10, 20, 30]);
  });
});

describe('ScaledClock', () => {
  it('rejects a non-positive speed', () => {
    assert.throws(() => new ScaledClock(0), /speed must be positive/);
  });
  it('starts at the given simulated time', () => {
    const c = new ScaledClock(1000, 5_000);
    assert.ok(c.now() >= 5_000);
  });
});
