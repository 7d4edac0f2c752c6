import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst, then asks the client to come back', () => {
    let now = 0;
    const b = new TokenBucket(10, 3, () => now);
    assert.deepEqual([b.take(), b.take(), b.take()], [0, 0, 0]);
    assert.equal(b.take(), 1, 'Retry-After is at least one second');
    now += 100; // one token at 10/s
    assert.equal(b.take(), 0);
    assert.equal(b.take(), 1);
  });

  it('refills at its rate, never beyond the burst', () => {
    let now = 0;
    const b = new TokenBucket(2, 4, () => now);
    for (let i = 0; i < 4; i++) b.take();
    now += 60_000;
    let granted = 0;
    while (b.take() === 0) granted++;
    assert.equal(granted, 4);
  });

  it('names the wait in whole seconds for slow rates', () => {
    let now = 0;
    const b = new TokenBucket(0.25, 1, () => now);
    assert.equal(b.take(), 0);
    assert.equal(b.take(), 4);
    now += 4000;
    assert.equal(b.take(), 0);
  });
});
