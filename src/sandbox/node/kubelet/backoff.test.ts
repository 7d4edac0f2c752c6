import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backoff } from './backoff.ts';

describe('Backoff (crash-loop and image-pull back-off)', () => {
  it('doubles from 10s to at most 5m', () => {
    const b = new Backoff();
    const steps = [];
    for (let i = 0; i < 8; i++) steps.push(b.next('c', i * 1000, i * 1000));
    assert.deepEqual(steps, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('is in back-off for the current step after an exit (doBackOff)', () => {
    const b = new Backoff();
    assert.equal(b.isInBackOffSince('c', 0, 0), false, 'first exit restarts at once');
    b.next('c', 0, 1000);
    assert.equal(b.isInBackOffSince('c', 5000, 6000), true);
    assert.equal(b.isInBackOffSince('c', 5000, 14_999), true);
    assert.equal(b.isInBackOffSince('c', 5000, 15_000), false);
  });

  it('starts over once a container ran longer than twice the maximum (10 min)', () => {
    const b = new Backoff();
    b.next('c', 0, 0);
    b.next('c', 10_000, 10_000);
    assert.equal(b.get('c'), 20_000);
    assert.equal(b.isInBackOffSince('c', 10_000 + 600_001, 10_000 + 600_002), false);
    assert.equal(b.next('c', 10_000 + 600_001, 10_000 + 600_002), 10_000);
  });

  it('checks the image puller back-off from the last step', () => {
    const b = new Backoff();
    b.next('img', 1000, 1000);
    assert.equal(b.isInBackOffSinceUpdate('img', 10_999), true);
    assert.equal(b.isInBackOffSinceUpdate('img', 11_000), false);
    assert.equal(b.lastUpdate('img'), 1000);
  });
});
