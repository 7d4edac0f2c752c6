import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialProbeState, nextProbeAt, observeProbe, probeTiming } from './probe-worker.ts';

describe('probe worker', () => {
  const timing = probeTiming({ periodSeconds: 5, failureThreshold: 3, successThreshold: 1 });

  it('applies the API defaults', () => {
    assert.deepEqual(probeTiming({}), { initialDelayMs: 0, periodMs: 10_000, timeoutMs: 1000, successThreshold: 1, failureThreshold: 3 });
  });

  it('starts readiness as failure, liveness as success, startup as unknown', () => {
    assert.equal(initialProbeState('readiness').result, 'failure');
    assert.equal(initialProbeState('liveness').result, 'success');
    assert.equal(initialProbeState('startup').result, 'unknown');
  });

  it('turns ready on the first success and unready only after failureThreshold failures', () => {
    let s = observeProbe('readiness', initialProbeState('readiness'), timing, 'success');
    assert.equal(s.changed, true);
    assert.equal(s.state.result, 'success');
    s = observeProbe('readiness', s.state, timing, 'failure');
    s = observeProbe('readiness', s.state, timing, 'failure');
    assert.equal(s.state.result, 'success', 'two failures are below the threshold');
    s = observeProbe('readiness', s.state, timing, 'failure');
    assert.equal(s.state.result, 'failure');
    assert.equal(s.changed, true);
    assert.equal(s.kill, false, 'readiness never kills');
  });

  it('kills after failureThreshold liveness failures, then holds until a new container', () => {
    let s = observeProbe('liveness', initialProbeState('liveness'), timing, 'failure');
    s = observeProbe('liveness', s.state, timing, 'success');
    s = observeProbe('liveness', s.state, timing, 'failure');
    s = observeProbe('liveness', s.state, timing, 'failure');
    assert.equal(s.kill, false, 'the success reset the run');
    s = observeProbe('liveness', s.state, timing, 'failure');
    assert.equal(s.kill, true);
    assert.equal(s.state.onHold, true);
  });

  it('needs successThreshold successes in a row', () => {
    const t2 = probeTiming({ successThreshold: 2 });
    let s = observeProbe('readiness', initialProbeState('readiness'), t2, 'success');
    assert.equal(s.state.result, 'failure');
    s = observeProbe('readiness', s.state, t2, 'success');
    assert.equal(s.state.result, 'success');
  });

  it('probes every period after the initial delay', () => {
    const t = probeTiming({ initialDelaySeconds: 5, periodSeconds: 10 });
    assert.equal(nextProbeAt(0, t, -1), 6000);
    assert.equal(nextProbeAt(0, t, 6000), 16_000);
    assert.equal(nextProbeAt(0, t, 20_000), 26_000);
  });
});
