import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crashLoopMessage, goSeconds, kubeletEvents } from './kubelet-events.ts';

describe('kubelet event texts (1.36)', () => {
  const pod = { metadata: { name: 'web', namespace: 'default', uid: 'u-1' }, spec: { containers: [] } };

  it('words container events as upstream 1.36', () => {
    assert.equal(kubeletEvents.created('nginx').message, 'Created container: nginx');
    assert.equal(kubeletEvents.started('nginx').message, 'Started container nginx');
    assert.equal(kubeletEvents.stopping('nginx').message, 'Stopping container nginx');
    assert.equal(kubeletEvents.probeKill('app', 'liveness').message, 'Container app failed liveness probe, will be restarted');
    assert.deepEqual(kubeletEvents.backOff('c', pod), { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container c in pod web_default(u-1)' });
    assert.equal(kubeletEvents.unhealthy('Readiness', 'HTTP probe failed with statuscode: 503').message, 'Readiness probe failed: HTTP probe failed with statuscode: 503');
  });

  it('formats the CrashLoopBackOff message with Go durations', () => {
    assert.equal(crashLoopMessage(10_000, 'c', pod), 'back-off 10s restarting failed container=c pod=web_default(u-1)');
    assert.equal(goSeconds(160_000), '2m40s');
    assert.equal(goSeconds(300_000), '5m0s');
  });
});
