import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintContext } from '../../types.ts';
import { messages, stored, testContext } from '../../apps/shared/testing.ts';
import { defaultCronJob } from './defaults.ts';
import { cronJobPrinter } from './printer.ts';
import { cronJobStrategy } from './strategy.ts';
import type { CronJob } from './types.ts';
import { validateCronJobCreate, validateCronJobUpdate } from './validation.ts';

function cj(mutate: (c: CronJob) => void = () => {}): CronJob {
  const c = {
    metadata: { name: 'tick' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } },
    },
  } as CronJob;
  mutate(c);
  defaultCronJob(c);
  return c;
}

describe('CronJob', () => {
  it('defaults policy, suspend and history, but not the job template spec', () => {
    const s = cj().spec!;
    assert.deepEqual([s.concurrencyPolicy, s.suspend, s.successfulJobsHistoryLimit, s.failedJobsHistoryLimit], ['Allow', false, 3, 1]);
    assert.equal(s.jobTemplate.spec?.backoffLimit, undefined);
    assert.equal(s.jobTemplate.spec?.template.spec?.dnsPolicy, 'ClusterFirst');
  });

  it('reports schedule and time zone errors with upstream wording', () => {
    assert.deepEqual(messages(validateCronJobCreate(cj())), []);
    const bad = cj((c) => {
      c.spec!.schedule = 'every minute';
      c.spec!.timeZone = 'Mars/Olympus';
    });
    assert.deepEqual(messages(validateCronJobCreate(bad)), [
      'spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]',
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
    const local = cj((c) => (c.spec!.timeZone = 'Local'));
    assert.deepEqual(messages(validateCronJobCreate(local)), ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']);
    assert.deepEqual(messages(validateCronJobCreate(cj((c) => (c.spec!.timeZone = 'Europe/Berlin')))), []);
  });

  it('rejects TZ in the schedule unless the old schedule had it', () => {
    const tz = cj((c) => (c.spec!.schedule = 'TZ=UTC 0 * * * *'));
    assert.deepEqual(messages(validateCronJobCreate(tz)), ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
    assert.deepEqual(messages(validateCronJobUpdate(tz, stored(tz))), []);
    assert.deepEqual(cronJobStrategy.warningsOnUpdate!(tz, stored(tz), testContext()), [
      'cannot use TZ or CRON_TZ in spec.spec.schedule, use timeZone instead, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details',
    ]);
  });

  it('checks the job template and the name length', () => {
    const c = cj((x) => {
      x.metadata.name = 'a'.repeat(53);
      x.spec!.jobTemplate.spec!.selector = { matchLabels: { a: 'b' } };
      x.spec!.jobTemplate.spec!.template.spec!.restartPolicy = 'Always';
    });
    assert.deepEqual(messages(validateCronJobCreate(c)), [
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      `metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`,
    ]);
  });

  it('prints schedule, time zone, suspend, active jobs and last schedule', () => {
    const c = stored({
      ...cj((x) => (x.spec!.timeZone = 'Europe/Berlin')),
      metadata: { name: 'tick', creationTimestamp: '2026-01-01T00:00:00Z' },
      status: { active: [{ name: 'tick-1' }], lastScheduleTime: '2026-01-01T00:55:00Z' },
    });
    assert.deepEqual(cronJobPrinter.cells(c, { now: Date.parse('2026-01-01T01:00:00Z') } as PrintContext), [
      'tick', '*/5 * * * *', 'Europe/Berlin', 'False', 1, '5m', '60m', 'c', 'busybox', '<none>',
    ]);
  });
});
