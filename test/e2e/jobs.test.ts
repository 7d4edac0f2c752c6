// Jobs, CronJobs and ttlSecondsAfterFinished through the real kubectl on a virtual clock: what a
// learner sees in `get jobs`, `describe job`, `get cronjob` and events while the Job, CronJob and
// TTL-after-finished controllers work. The kubelet and scheduler are left out: the tests play the
// kubelet with setPodPhase (a pod that exits 0 → Succeeded, `sh -c "exit 1"` → Failed).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { StoredObject } from '../../src/apimachinery/object.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { setPodPhase } from '../helpers/pod-status.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const job = (name: string, spec = '', command = 'exit 0') => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
${spec}  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36, command: [sh, -c, "${command}"]}]
`;

let t: TestCluster;
let cluster: Cluster;

async function ok(args: string | string[], input?: string): Promise<string> {
  const r = await t.kubectl(args, input === undefined ? {} : { input });
  assert.equal(r.code, 0, `kubectl ${args}: ${r.stderr}`);
  return r.stdout;
}

function podsOf(jobName: string): StoredObject[] {
  return cluster.store
    .list('pods', 'default')
    .filter((p) => p.metadata.labels?.['job-name'] === jobName)
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

function activePods(jobName: string): StoredObject[] {
  return podsOf(jobName).filter((p) => {
    const phase = (p as { status?: { phase?: string } }).status?.phase;
    return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
  });
}

/** Plays the kubelet: the pod runs, then exits with `code` after `ms` of simulated time. */
async function runPod(name: string, code: number, ms = 5000): Promise<void> {
  await setPodPhase(cluster, 'default', name, 'Running');
  await t.advance(ms);
  await setPodPhase(cluster, 'default', name, code === 0 ? 'Succeeded' : 'Failed', { exitCode: code });
  await t.advance(0);
}

function row(out: string, name: string): string[] {
  const line = out.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `no row ${name} in\n${out}`);
  return line.trim().split(/\s{2,}/);
}

beforeEach(async () => {
  t = await startSandbox({ clock: new VirtualClock(), without: ['kubelet', 'scheduler'] });
  cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
});

afterEach(async () => {
  await t.stop();
});

describe('Job', () => {
  it('runs a pod to completion: get jobs, describe job, events', async () => {
    await ok('apply -f -', job('pi'));
    await t.advance(0);
    const [pod] = podsOf('pi');
    assert.ok(pod, 'the Job created a pod');
    assert.match(pod.metadata.name, /^pi-[a-z0-9]{5}$/);
    assert.deepEqual(pod.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
    assert.deepEqual(row(await ok('get jobs'), 'pi').slice(0, 3), ['pi', 'Running', '0/1']);

    await runPod(pod.metadata.name, 0, 12_000);
    const done = row(await ok('get jobs'), 'pi');
    assert.deepEqual(done.slice(0, 4), ['pi', 'Complete', '1/1', '12s']);
    const described = await ok('describe job pi');
    assert.match(described, /Pods Statuses:\s+0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed/);
    assert.match(described, new RegExp(`Normal\\s+SuccessfulCreate\\s+\\S+\\s+job-controller\\s+Created pod: ${pod.metadata.name}`));
    assert.match(described, /Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
    const conditions = await ok(['get', 'job', 'pi', '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status}:{.reason};{end}']);
    assert.equal(conditions, 'SuccessCriteriaMet=True:CompletionsReached;Complete=True:CompletionsReached;');
    assert.deepEqual(podsOf('pi')[0]!.metadata.finalizers, undefined, 'the counted pod is no longer tracked');
  });

  it('fails with BackoffLimitExceeded after the back-off sequence 10 s, 20 s', async () => {
    await ok('apply -f -', job('flaky', '  backoffLimit: 2\n', 'exit 1'));
    await t.advance(0);
    await runPod(podsOf('flaky')[0]!.metadata.name, 1, 1000);
    // The replacement waits 10 s after the failure, then 20 s after the next one.
    await t.advance(9_900);
    assert.equal(podsOf('flaky').length, 1, 'no replacement before the back-off ends');
    await t.advance(100);
    assert.equal(activePods('flaky').length, 1, 'a replacement after 10 s');
    await runPod(activePods('flaky')[0]!.metadata.name, 1, 1000);
    await t.advance(19_900);
    assert.equal(activePods('flaky').length, 0, 'the second back-off is 20 s');
    await t.advance(100);
    assert.equal(activePods('flaky').length, 1);
    assert.deepEqual(row(await ok('get jobs'), 'flaky').slice(0, 3), ['flaky', 'Running', '0/1']);
    await runPod(activePods('flaky')[0]!.metadata.name, 1, 1000);

    assert.deepEqual(row(await ok('get jobs'), 'flaky').slice(0, 3), ['flaky', 'Failed', '0/1']);
    const described = await ok('describe job flaky');
    assert.match(described, /Pods Statuses:\s+0 Active \(0 Ready\) \/ 0 Succeeded \/ 3 Failed/);
    assert.match(described, /Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit/);
    assert.equal((described.match(/SuccessfulCreate/g) ?? []).length, 3, described);
    const conditions = await ok(['get', 'job', 'flaky', '-o', 'jsonpath={range .status.conditions[*]}{.type}={.reason};{end}']);
    assert.equal(conditions, 'FailureTarget=BackoffLimitExceeded;Failed=BackoffLimitExceeded;');
    await t.advance(600_000);
    assert.equal(podsOf('flaky').length, 3, 'a failed Job creates no more pods');
  });

  it('runs parallel completions two at a time', async () => {
    await ok('apply -f -', job('batch', '  completions: 5\n  parallelism: 2\n'));
    await t.advance(0);
    assert.equal(activePods('batch').length, 2);
    assert.deepEqual(row(await ok('get jobs'), 'batch').slice(0, 3), ['batch', 'Running', '0/5']);
    for (let done = 1; done <= 5; done++) {
      await runPod(activePods('batch')[0]!.metadata.name, 0, 1000);
      assert.equal(activePods('batch').length, Math.min(2, 5 - done), `after ${done} completions`);
    }
    assert.deepEqual(row(await ok('get jobs'), 'batch').slice(0, 3), ['batch', 'Complete', '5/5']);
    assert.match(await ok('describe job batch'), /Pods Statuses:\s+0 Active \(0 Ready\) \/ 5 Succeeded \/ 0 Failed/);
  });

  it('gives each pod of an Indexed Job its index, hostname and JOB_COMPLETION_INDEX', async () => {
    await ok('apply -f -', job('shard', '  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n'));
    await t.advance(0);
    const pods = activePods('shard');
    const byIndex = new Map(pods.map((p) => [p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], p]));
    assert.deepEqual([...byIndex.keys()].sort(), ['0', '1', '2']);
    for (const [ix, p] of byIndex) {
      assert.match(p.metadata.name, new RegExp(`^shard-${ix}-[a-z0-9]{5}$`));
      assert.equal(p.metadata.labels?.['batch.kubernetes.io/job-completion-index'], ix);
      const spec = (p as { spec?: { hostname?: string; containers: Array<{ env?: Array<{ name: string }> }> } }).spec!;
      assert.equal(spec.hostname, `shard-${ix}`);
      assert.ok(spec.containers[0]!.env?.some((e) => e.name === 'JOB_COMPLETION_INDEX'));
    }
    await runPod(byIndex.get('0')!.metadata.name, 0, 1000);
    await runPod(byIndex.get('2')!.metadata.name, 0, 1000);
    assert.match(await ok('describe job shard'), /Completed Indexes:\s+0,2\n/);
    await runPod(byIndex.get('1')!.metadata.name, 1, 1000);
    await t.advance(10_000);
    const retry = activePods('shard');
    assert.equal(retry.length, 1);
    assert.match(retry[0]!.metadata.name, /^shard-1-/, 'the failed index is retried');
    await runPod(retry[0]!.metadata.name, 0, 1000);
    assert.deepEqual(row(await ok('get jobs'), 'shard').slice(0, 3), ['shard', 'Complete', '3/3']);
    assert.equal(await ok(['get', 'job', 'shard', '-o', 'jsonpath={.status.completedIndexes} {.status.failed}']), '0-2 1');
  });

  it('with backoffLimitPerIndex retries each index on its own and reports failed indexes', async () => {
    await ok('apply -f -', job('per', '  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 1\n'));
    await t.advance(0);
    const at = (ix: string) => activePods('per').find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === ix)!;
    await runPod(at('0').metadata.name, 0, 1000);
    await runPod(at('1').metadata.name, 1, 1000);
    await t.advance(10_000);
    const retry = at('1');
    assert.equal(retry.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'], '1');
    await runPod(retry.metadata.name, 1, 1000);
    await t.advance(60_000);
    assert.equal(at('1'), undefined, 'index 1 used its retry');
    assert.deepEqual(row(await ok('get jobs'), 'per').slice(0, 3), ['per', 'Running', '1/3']);
    await runPod(at('2').metadata.name, 0, 1000);
    assert.deepEqual(row(await ok('get jobs'), 'per').slice(0, 3), ['per', 'Failed', '2/3']);
    assert.equal(await ok(['get', 'job', 'per', '-o', 'jsonpath={.status.completedIndexes}/{.status.failedIndexes}/{.status.failed}']), '0,2/1/2');
    assert.match(await ok('describe job per'), /Warning\s+FailedIndexes\s+\S+\s+job-controller\s+Job has failed indexes/);
  });

  it('completes early when its successPolicy holds', async () => {
    const policy = '  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n  successPolicy:\n    rules: [{succeededIndexes: "0"}]\n';
    await ok('apply -f -', job('leader', policy, 'sleep 60'));
    await t.advance(0);
    const leader = activePods('leader').find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '0')!;
    await runPod(leader.metadata.name, 0, 1000);
    assert.deepEqual(row(await ok('get jobs'), 'leader').slice(0, 3), ['leader', 'Complete', '1/3']);
    assert.equal(activePods('leader').length, 0, 'the other indexes were terminated');
    assert.equal(await ok(['get', 'job', 'leader', '-o', 'jsonpath={.status.conditions[1].reason}: {.status.conditions[1].message}']), 'SuccessPolicy: Matched rules at index 0');
  });

  it('stops a Job at activeDeadlineSeconds with DeadlineExceeded', async () => {
    await ok('apply -f -', job('slow', '  activeDeadlineSeconds: 30\n', 'sleep 3600'));
    await t.advance(0);
    await setPodPhase(cluster, 'default', podsOf('slow')[0]!.metadata.name, 'Running');
    await t.advance(29_000);
    assert.deepEqual(row(await ok('get jobs'), 'slow').slice(0, 3), ['slow', 'Running', '0/1']);
    await t.advance(1_000);
    const out = row(await ok('get jobs'), 'slow');
    assert.deepEqual(out.slice(0, 3), ['slow', 'Failed', '0/1']);
    assert.equal(podsOf('slow').length, 0, 'the running pod was deleted');
    assert.match(await ok('describe job slow'), /Warning\s+DeadlineExceeded\s+\S+\s+job-controller\s+Job was active longer than specified deadline/);
    assert.match(await ok('get events --field-selector involvedObject.kind=Job'), /SuccessfulDelete\s+job\/slow\s+Deleted pod: slow-/);
  });

  it('fails at once on an exit code its podFailurePolicy marks FailJob', async () => {
    const policy = '  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {containerName: main, operator: In, values: [42]}\n';
    await ok('apply -f -', job('strict', policy, 'exit 42'));
    await t.advance(0);
    const pod = podsOf('strict')[0]!.metadata.name;
    await runPod(pod, 42, 1000);
    assert.deepEqual(row(await ok('get jobs'), 'strict').slice(0, 3), ['strict', 'Failed', '0/1']);
    assert.match(await ok('describe job strict'), new RegExp(`Warning\\s+PodFailurePolicy\\s+\\S+\\s+job-controller\\s+Container main for pod default/${pod} failed with exit code 42 matching FailJob rule at index 0`));
    assert.equal(podsOf('strict').length, 1, 'no retry');
  });

  it('suspends and resumes a Job', async () => {
    await ok('apply -f -', job('later', '', 'sleep 3600'));
    await t.advance(0);
    assert.equal(activePods('later').length, 1);
    await ok(['patch', 'job', 'later', '--type=merge', '-p', '{"spec":{"suspend":true}}']);
    await t.advance(0);
    assert.equal(podsOf('later').length, 0, 'the running pod is deleted');
    assert.deepEqual(row(await ok('get jobs'), 'later').slice(0, 3), ['later', 'Suspended', '0/1']);
    await ok(['patch', 'job', 'later', '--type=merge', '-p', '{"spec":{"suspend":false}}']);
    await t.advance(0);
    assert.equal(activePods('later').length, 1);
    assert.deepEqual(row(await ok('get jobs'), 'later').slice(0, 2), ['later', 'Running']);
    const described = await ok('describe job later');
    assert.match(described, /Normal\s+Suspended\s+\S+\s+job-controller\s+Job suspended/);
    assert.match(described, /Normal\s+Resumed\s+\S+\s+job-controller\s+Job resumed/);
    assert.equal(await ok(['get', 'job', 'later', '-o', 'jsonpath={.status.failed}']), '', 'suspension is not a failure');
  });

  it('deletes a finished Job and its pods ttlSecondsAfterFinished later', async () => {
    await ok('apply -f -', job('tidy', '  ttlSecondsAfterFinished: 60\n'));
    await t.advance(0);
    await runPod(podsOf('tidy')[0]!.metadata.name, 0, 1000);
    assert.deepEqual(row(await ok('get jobs'), 'tidy').slice(0, 2), ['tidy', 'Complete']);
    await t.advance(59_000);
    assert.match(await ok('get jobs'), /^tidy\s/m);
    await t.advance(1_000);
    const r = await t.kubectl('get job tidy');
    assert.match(r.stderr, /jobs.batch "tidy" not found/);
    assert.equal(podsOf('tidy').length, 0);
  });
});

const cronJob = (name: string, schedule: string, extra = '') => `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "${schedule}"
${extra}  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: hello, image: busybox:1.36, command: [sh, -c, "date; echo Hello"]}]
`;

/** The Job a CronJob creates for an activation at `iso`: `<cronjob>-<minutes since the epoch>`. */
const jobFor = (cj: string, iso: string) => `${cj}-${Date.parse(iso) / 60_000}`;

function jobNames(): string[] {
  return cluster.store
    .list('jobs.batch', 'default')
    .map((j) => j.metadata.name)
    .sort();
}

/** Completes every active pod of `jobName` (the Job then completes). */
async function finishJob(jobName: string, code = 0): Promise<void> {
  for (const p of activePods(jobName)) await runPod(p.metadata.name, code, 1000);
}

describe('CronJob', () => {
  it('fires at the scheduled minute: get cronjob LAST SCHEDULE and ACTIVE, events', async () => {
    // The virtual clock starts at 2026-01-01T00:00:00Z.
    await ok('apply -f -', cronJob('hello', '*/5 * * * *'));
    await t.advance(100); // activations are handled 100 ms after the minute (nextScheduleDelta)
    await t.advance(4 * 60_000 + 59_000);
    assert.deepEqual(jobNames(), []);
    assert.deepEqual(row(await ok('get cronjob'), 'hello').slice(0, 6), ['hello', '*/5 * * * *', '<none>', 'False', '0', '<none>']);
    await t.advance(1_000);
    const name = jobFor('hello', '2026-01-01T00:05:00Z');
    assert.deepEqual(jobNames(), [name]);
    assert.deepEqual(row(await ok('get cronjob'), 'hello').slice(0, 7), ['hello', '*/5 * * * *', '<none>', 'False', '1', '0s', '5m']);
    assert.equal(await ok(['get', 'job', name, '-o', 'jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}']), '2026-01-01T00:05:00Z');
    assert.match(await ok('describe cronjob hello'), new RegExp(`Normal\\s+SuccessfulCreate\\s+\\S+\\s+cronjob-controller\\s+Created job ${name}`));
    assert.equal(activePods(name).length, 1, 'the Job runs its pod');

    await finishJob(name);
    assert.deepEqual(row(await ok('get jobs'), name).slice(0, 3), [name, 'Complete', '1/1']);
    assert.equal(row(await ok('get cronjob'), 'hello')[4], '0');
    assert.match(await ok('describe cronjob hello'), new RegExp(`Normal\\s+SawCompletedJob\\s+\\S+\\s+cronjob-controller\\s+Saw completed job: ${name}, status: Complete`));
    assert.equal(await ok(['get', 'cronjob', 'hello', '-o', 'jsonpath={.status.lastScheduleTime} {.status.lastSuccessfulTime}']), '2026-01-01T00:05:00Z 2026-01-01T00:05:01Z');
    await t.advance(5 * 60_000);
    assert.deepEqual(jobNames(), [name, jobFor('hello', '2026-01-01T00:10:00Z')]);
  });

  it('evaluates the schedule in spec.timeZone', async () => {
    // 00:00Z is 05:30 in Kolkata: the next "0 * * * *" there is 06:00 local, 00:30Z.
    await ok('apply -f -', cronJob('india', '0 * * * *', '  timeZone: Asia/Kolkata\n'));
    await t.advance(100); // activations are handled 100 ms after the minute (nextScheduleDelta)
    await t.advance(29 * 60_000 + 59_000);
    assert.deepEqual(jobNames(), []);
    await t.advance(1_000);
    const name = jobFor('india', '2026-01-01T00:30:00Z');
    assert.deepEqual(jobNames(), [name]);
    assert.equal(await ok(['get', 'job', name, '-o', 'jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}']), '2026-01-01T06:00:00+05:30');
    assert.equal(row(await ok('get cronjob'), 'india')[2], 'Asia/Kolkata');
  });

  it('Forbid skips an activation while the previous Job runs', async () => {
    await ok('apply -f -', cronJob('single', '* * * * *', '  concurrencyPolicy: Forbid\n'));
    await t.advance(100); // activations are handled 100 ms after the minute (nextScheduleDelta)
    await t.advance(60_000);
    const first = jobFor('single', '2026-01-01T00:01:00Z');
    assert.deepEqual(jobNames(), [first]);
    await t.advance(60_000);
    assert.deepEqual(jobNames(), [first], 'no second Job while the first runs');
    assert.match(await ok('describe cronjob single'), /Normal\s+JobAlreadyActive\s+\S+\s+cronjob-controller\s+Not starting job because prior execution is running and concurrency policy is Forbid/);
    // Once the running Job finishes, the skipped 00:02 activation starts at once (no startingDeadlineSeconds).
    await finishJob(first);
    assert.deepEqual(jobNames(), [first, jobFor('single', '2026-01-01T00:02:00Z')]);
  });

  it('Replace deletes the running Job and starts the new one', async () => {
    await ok('apply -f -', cronJob('latest', '* * * * *', '  concurrencyPolicy: Replace\n'));
    await t.advance(100); // activations are handled 100 ms after the minute (nextScheduleDelta)
    await t.advance(60_000);
    const first = jobFor('latest', '2026-01-01T00:01:00Z');
    assert.deepEqual(jobNames(), [first]);
    await t.advance(60_000);
    const second = jobFor('latest', '2026-01-01T00:02:00Z');
    assert.deepEqual(jobNames(), [second]);
    assert.equal(podsOf(first).length, 0, "the replaced Job's pod is gone");
    assert.match(await ok('describe cronjob latest'), new RegExp(`Normal\\s+SuccessfulDelete\\s+\\S+\\s+cronjob-controller\\s+Deleted job ${first}`));
    assert.equal(row(await ok('get cronjob'), 'latest')[4], '1');
  });

  it('keeps successfulJobsHistoryLimit and failedJobsHistoryLimit finished Jobs', async () => {
    const extra = '  successfulJobsHistoryLimit: 1\n  failedJobsHistoryLimit: 1\n';
    await ok('apply -f -', cronJob('kept', '* * * * *', extra).replace('restartPolicy: OnFailure', 'restartPolicy: Never').replace('spec:\n      template', 'spec:\n      backoffLimit: 0\n      template'));
    await t.advance(100); // activations are handled 100 ms after the minute (nextScheduleDelta)
    const at = (m: number) => jobFor('kept', `2026-01-01T00:0${m}:00Z`);
    await t.advance(60_000);
    await finishJob(at(1));
    await t.advance(59_000);
    await finishJob(at(2));
    assert.deepEqual(jobNames(), [at(2)], 'the older successful Job was deleted');
    await t.advance(59_000);
    await finishJob(at(3), 1);
    await t.advance(59_000);
    await finishJob(at(4), 1);
    assert.deepEqual(jobNames(), [at(2), at(4)]);
    assert.match(await ok('describe cronjob kept'), new RegExp(`SuccessfulDelete\\s+\\S+\\s+cronjob-controller\\s+Deleted job ${at(3)}`));
  });

  it('creates nothing while suspended', async () => {
    await ok('apply -f -', cronJob('paused', '* * * * *', '  suspend: true\n'));
    await t.advance(100); // activations are handled 100 ms after the minute (nextScheduleDelta)
    await t.advance(5 * 60_000);
    assert.deepEqual(jobNames(), []);
    assert.equal(row(await ok('get cronjob'), 'paused')[3], 'True');
    // Resumed, it starts the most recent missed activation at once, then follows the schedule.
    await ok(['patch', 'cronjob', 'paused', '-p', '{"spec":{"suspend":false}}']);
    await t.advance(0);
    assert.deepEqual(jobNames(), [jobFor('paused', '2026-01-01T00:05:00Z')]);
    await t.advance(60_000);
    assert.deepEqual(jobNames(), [jobFor('paused', '2026-01-01T00:05:00Z'), jobFor('paused', '2026-01-01T00:06:00Z')]);
  });

  it('runs a Job created with kubectl create job --from=cronjob', async () => {
    await ok('apply -f -', cronJob('nightly', '0 3 * * *'));
    await t.advance(100); // activations are handled 100 ms after the minute (nextScheduleDelta)
    assert.equal((await ok('create job manual --from=cronjob/nightly')).trim(), 'job.batch/manual created');
    await t.advance(0);
    assert.equal(activePods('manual').length, 1);
    await finishJob('manual');
    assert.deepEqual(row(await ok('get jobs'), 'manual').slice(0, 3), ['manual', 'Complete', '1/1']);
  });
});
