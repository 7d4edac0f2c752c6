import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as batch from '../../../generated/k8s/batch/v1.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import type { Pod } from './pods.ts';

function failedPod(exitCode: number, conditions: Array<{ type: string; status: string }> = []): Pod {
  return {
    metadata: { name: 'work-abcde', namespace: 'default', uid: 'u', resourceVersion: '1' },
    status: { phase: 'Failed', conditions, containerStatuses: [{ name: 'main', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } }] },
  } as Pod;
}

const policy: batch.PodFailurePolicy = {
  rules: [
    { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
  ],
};

describe('podFailurePolicy', () => {
  it('FailJob on a listed exit code, with upstream message', () => {
    assert.deepEqual(matchPodFailurePolicy(policy, failedPod(42)), {
      failJobMessage: 'Container main for pod default/work-abcde failed with exit code 42 matching FailJob rule at index 0',
      countFailed: true,
      action: 'FailJob',
    });
  });

  it('Ignore on a pod condition: the failure does not count', () => {
    assert.deepEqual(matchPodFailurePolicy(policy, failedPod(137, [{ type: 'DisruptionTarget', status: 'True' }])), { countFailed: false, action: 'Ignore' });
  });

  it('NotIn matches other non-zero codes; no match counts as usual', () => {
    assert.deepEqual(matchPodFailurePolicy(policy, failedPod(5)), { countFailed: true, action: 'Count' });
    assert.deepEqual(matchPodFailurePolicy(policy, failedPod(1)), { countFailed: true });
    assert.deepEqual(matchPodFailurePolicy(undefined, failedPod(42)), { countFailed: true });
  });
});
