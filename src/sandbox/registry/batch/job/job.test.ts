import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepClone } from '../../../../apimachinery/object.ts';
import type { PrintContext } from '../../types.ts';
import { messages, stored, testContext } from '../../apps/shared/testing.ts';
import { defaultJob } from './defaults.ts';
import { jobPrinter } from './printer.ts';
import { jobResource } from './resource.ts';
import { jobStrategy } from './strategy.ts';
import type { Job } from './types.ts';
import { validateJob, validateJobUpdate } from './validation.ts';

const ctx = testContext();

/** A Job as the API server prepares it: defaulted, with a uid, through prepareForCreate. */
function job(mutate: (j: Job) => void = () => {}): Job {
  const j = {
    metadata: { name: 'pi', namespace: 'default', uid: 'abc-123' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
  } as Job;
  mutate(j);
  defaultJob(j);
  jobStrategy.prepareForCreate!(j, ctx);
  return j;
}

describe('Job', () => {
  it('defaults a non-parallel Job', () => {
    const s = job().spec!;
    assert.deepEqual(
      [s.completions, s.parallelism, s.backoffLimit, s.completionMode, s.suspend, s.podReplacementPolicy, s.manualSelector],
      [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed', false],
    );
  });

  it('defaults podReplacementPolicy Failed with a pod failure policy, and backoffLimit to MaxInt32 per index', () => {
    const s = job((j) => {
      j.spec!.podFailurePolicy = { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
      j.spec!.backoffLimitPerIndex = 1;
    }).spec!;
    assert.equal(s.podReplacementPolicy, 'Failed');
    assert.equal(s.backoffLimit, 2147483647);
    assert.equal(s.podFailurePolicy?.rules[0]?.onPodConditions?.[0]?.status, 'True');
  });

  it('generates the selector and template labels from name and uid, and labels the Job with them', () => {
    const j = job();
    const expected = {
      'batch.kubernetes.io/controller-uid': 'abc-123',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'abc-123',
      'job-name': 'pi',
    };
    assert.deepEqual(j.spec?.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc-123' } });
    assert.deepEqual(j.spec?.template.metadata?.labels, expected);
    assert.deepEqual(j.metadata.labels, expected);
    assert.deepEqual(j.status, {});
    assert.deepEqual(messages(validateJob(j, { requirePrefixedLabels: true })), []);
  });

  it('keeps user template labels as the Job labels', () => {
    const j = job((x) => (x.spec!.template.metadata = { labels: { app: 'pi' } }));
    assert.deepEqual(j.metadata.labels, { app: 'pi' });
  });

  it('requires OnFailure or Never', () => {
    const j = job((x) => delete x.spec!.template.spec!.restartPolicy);
    assert.deepEqual(messages(validateJob(j, { requirePrefixedLabels: true })), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });

  it('checks a manual selector against the template', () => {
    const j = job((x) => {
      x.spec!.manualSelector = true;
      x.spec!.selector = { matchLabels: { app: 'a' } };
      x.spec!.template.metadata = { labels: { app: 'b' } };
    });
    assert.deepEqual(messages(validateJob(j, { requirePrefixedLabels: true })), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects a selector it did not generate', () => {
    const j = job((x) => (x.spec!.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'other' } }));
    assert.deepEqual(messages(validateJob(j, { requirePrefixedLabels: true })), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"batch.kubernetes.io/controller-uid":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"abc-123", "batch.kubernetes.io/job-name":"pi", "controller-uid":"abc-123", "job-name":"pi"}: `selector` does not match template `labels`',
    ]);
  });

  it('makes the template and completions immutable', () => {
    const old = job();
    const next = deepClone(old);
    next.spec!.template.spec!.containers[0]!.image = 'perl:2';
    next.spec!.completions = 3;
    next.spec!.parallelism = 2;
    assert.deepEqual(messages(validateJobUpdate(next, stored(old))), [
      'spec.completions: Invalid value: 3: field is immutable',
      'spec.template: Invalid value: core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}: field is immutable',
    ]);
  });

  it('lets a suspended, never-started Job change its node selector', () => {
    const old = job((x) => (x.spec!.suspend = true));
    const next = deepClone(old);
    next.spec!.template.spec!.nodeSelector = { zone: 'a' };
    next.spec!.suspend = false;
    assert.deepEqual(messages(validateJobUpdate(next, stored(old))), []);
  });

  it('prints status, completions and duration from crafted statuses', () => {
    const p = { now: Date.parse('2026-01-01T00:10:00Z') } as PrintContext;
    const base = { ...job(), metadata: { ...job().metadata, name: 'pi', creationTimestamp: '2026-01-01T00:00:00Z' } };
    const running = stored({ ...base, status: { startTime: '2026-01-01T00:00:05Z', active: 1 } });
    assert.deepEqual(jobPrinter.cells(running, p).slice(0, 5), ['pi', 'Running', '0/1', '9m55s', '10m']);
    const done = stored({
      ...base,
      status: { startTime: '2026-01-01T00:00:05Z', completionTime: '2026-01-01T00:00:50Z', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
    });
    assert.deepEqual(jobPrinter.cells(done, p).slice(0, 4), ['pi', 'Complete', '1/1', '45s']);
    const suspended = stored({ ...base, spec: { ...base.spec!, completions: undefined, parallelism: 3 }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } });
    assert.deepEqual(jobPrinter.cells(suspended, p).slice(1, 4), ['Suspended', '0/1 of 3', '']);
    assert.deepEqual(jobResource.fieldLabels!(done), { 'status.successful': '1' });
  });
});
