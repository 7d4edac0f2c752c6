// The workload kinds through the real kubectl: defaults in -o yaml, table columns, validation
// messages, the scale subresource, HPAs across autoscaling/v1 and v2, and Jobs from CronJobs.
// PROTOBUF: kubectl 1.32's `autoscale` (POST autoscaling/v1) and `create job --from` use typed
// clients that send protobuf bodies, so those two tests depend on the protobuf codec; every other
// write here goes through `kubectl apply -f -` (JSON).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const deployment = (name: string, labels = `app: ${name}`, selector = labels) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {${selector}}}
  template:
    metadata: {labels: {${labels}}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;

const statefulSet = (name: string, storage = '1Gi') => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  serviceName: ${name}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: db, image: postgres:16}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: ${storage}}}}
`;

const others = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: cache}
spec:
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec: {containers: [{name: redis, image: redis:7}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: busybox:1.36}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: once, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: tick, image: busybox:1.36, command: [date]}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: front}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: front}
  maxReplicas: 4
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: front}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: front}}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;

type Obj = Record<string, unknown> & { metadata: Record<string, unknown>; spec: Record<string, unknown>; status?: Record<string, unknown> };

describe('workloads through kubectl', () => {
  let t: TestCluster;
  const ok = async (args: string | string[], input?: string) => {
    const r = await t.kubectl(args, input === undefined ? {} : { input });
    assert.equal(r.code, 0, `kubectl ${String(args)}: ${r.stderr}`);
    return r.stdout;
  };
  const fails = async (args: string | string[], input?: string) => {
    const r = await t.kubectl(args, input === undefined ? {} : { input });
    assert.notEqual(r.code, 0, `kubectl ${String(args)} should fail`);
    return cleanStderr(r.stderr).trim();
  };
  const yaml = async (args: string) => parseYaml(await ok(`${args} -o yaml`)) as Obj;
  const header = (table: string) => table.split('\n')[0]!.trim().split(/\s{2,}/);

  before(async () => {
    t = await startSandbox();
    await ok(['apply', '-f', '-'], deployment('front') + '---\n' + statefulSet('db') + '---\n' + others);
  });
  after(() => t.stop());

  it('shows upstream defaults in kubectl get -o yaml', async () => {
    const d = await yaml('get deploy front');
    assert.equal(d.metadata.generation, 1);
    assert.deepEqual(
      { replicas: d.spec.replicas, strategy: d.spec.strategy, revisionHistoryLimit: d.spec.revisionHistoryLimit, progressDeadlineSeconds: d.spec.progressDeadlineSeconds },
      { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
    );
    // The Deployment controller has created the ReplicaSet and reports the rollout under way.
    assert.deepEqual([d.status!.observedGeneration, d.status!.replicas, d.status!.updatedReplicas], [1, 1, 1]);
    assert.deepEqual((d.status!.conditions as Obj[]).map((c) => c.type).sort(), ['Available', 'Progressing']);
    const pod = (d.spec.template as { spec: Record<string, unknown> }).spec;
    assert.equal(pod.restartPolicy, 'Always');

    const sts = await yaml('get sts db');
    assert.deepEqual(sts.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } });
    assert.equal(sts.spec.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    const claim = (sts.spec.volumeClaimTemplates as Obj[])[0]!;
    assert.deepEqual([claim.apiVersion, claim.kind, claim.spec.volumeMode, claim.status], ['v1', 'PersistentVolumeClaim', 'Filesystem', { phase: 'Pending' }]);
    // The StatefulSet controller has created db-0 and recorded its first revision.
    assert.deepEqual([sts.status!.replicas, sts.status!.observedGeneration, sts.status!.collisionCount], [1, 1, 0]);
    assert.match(sts.status!.updateRevision as string, /^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.equal(sts.status!.currentRevision, sts.status!.updateRevision);

    const ds = await yaml('get ds agent');
    assert.equal((ds.metadata.annotations as Record<string, string>)['deprecated.daemonset.template.generation'], '1');
    assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });

    const job = await yaml('get job once');
    const uid = job.metadata.uid as string;
    assert.deepEqual(
      [job.spec.completions, job.spec.parallelism, job.spec.backoffLimit, job.spec.completionMode, job.spec.suspend, job.spec.manualSelector, job.spec.podReplacementPolicy],
      [1, 1, 6, 'NonIndexed', false, false, 'TerminatingOrFailed'],
    );
    assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    assert.deepEqual(job.metadata.labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'once', 'controller-uid': uid, 'job-name': 'once' });

    const cj = await yaml('get cj tick');
    assert.deepEqual(
      [cj.spec.concurrencyPolicy, cj.spec.suspend, cj.spec.successfulJobsHistoryLimit, cj.spec.failedJobsHistoryLimit],
      ['Allow', false, 3, 1],
    );

    const pdb = await yaml('get pdb front');
    // The disruption controller counts the Deployment's one pod: minAvailable 1 allows no disruption.
    assert.deepEqual(
      [pdb.status!.desiredHealthy, pdb.status!.disruptionsAllowed, pdb.status!.expectedPods, pdb.status!.observedGeneration],
      [1, 0, 1, 1],
    );

    const rc = await yaml('get rc legacy');
    assert.deepEqual([rc.spec.replicas, rc.spec.selector, rc.metadata.labels], [1, { app: 'legacy' }, { app: 'legacy' }]);
  });

  it('prints upstream columns for every workload kind', async () => {
    const out = await ok('get deploy,rs,sts,ds,job,cj,hpa,pdb');
    const headers = out
      .split('\n\n')
      .filter((b) => b.trim())
      .map((b) => header(b).join(' '));
    assert.deepEqual(headers, [
      'NAME READY UP-TO-DATE AVAILABLE AGE',
      'NAME DESIRED CURRENT READY AGE',
      'NAME READY AGE',
      'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE',
      'NAME STATUS COMPLETIONS DURATION AGE',
      'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE',
      'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE',
      'NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE',
    ]);
    // Wall-clock test: the one pod may already be Ready.
    assert.match(out, /^deployment\.apps\/front\s+([01])\/1\s+1\s+\1\s+\S+$/m);
    // The Job controller has started the Job (DURATION counts from status.startTime); the kubelet may already have run it.
    assert.match(out, /^job\.batch\/once\s+(Running\s+0\/1|Complete\s+1\/1)\s+\d+s\s+\S+$/m);
    assert.match(out, /^cronjob\.batch\/tick\s+\*\/5 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\S+$/m);
    // REPLICAS is the target's count once the HPA controller has synced (0 before).
    assert.match(out, /^horizontalpodautoscaler\.autoscaling\/front\s+Deployment\/front\s+cpu: <unknown>\/80%\s+1\s+4\s+[01]\s+\S+$/m);
    assert.match(out, /^poddisruptionbudget\.policy\/front\s+1\s+N\/A\s+0\s+\S+$/m);

    const wide = await ok('get deploy front -o wide');
    assert.deepEqual(header(wide), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    assert.match(wide, /^front\s+([01])\/1\s+1\s+\1\s+\S+\s+web\s+nginx:1\.27\s+app=front$/m);
    assert.deepEqual(header(await ok('get rc -o wide')), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    assert.deepEqual(header(await ok('get pc')), ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
  });

  it('lists the workload kinds in kubectl get all', async () => {
    const out = await ok('get all');
    for (const name of [
      'replicationcontroller/legacy',
      'daemonset.apps/agent',
      'deployment.apps/front',
      'replicaset.apps/cache',
      'statefulset.apps/db',
      'horizontalpodautoscaler.autoscaling/front',
      'cronjob.batch/tick',
      'job.batch/once',
    ]) {
      assert.match(out, new RegExp(`^${name.replace(/[./]/g, '\\$&')}\\s`, 'm'), name);
    }
    assert.doesNotMatch(out, /poddisruptionbudget/);
  });

  it('reports an invalid selector and an immutable one as upstream does', async () => {
    assert.equal(
      await fails(['apply', '-f', '-'], deployment('mismatch', 'app: other', 'app: mismatch')),
      'The Deployment "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    await ok(['apply', '-f', '-'], deployment('fixed'));
    assert.equal(
      await fails(['apply', '-f', '-'], deployment('fixed', 'app: renamed')),
      'The Deployment "fixed" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"renamed"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    assert.equal(
      await fails(['apply', '-f', '-'], deployment('restarts').replace('spec: {containers', 'spec: {restartPolicy: OnFailure, containers')),
      'The Deployment "restarts" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    );
  });

  it('forbids changing what a StatefulSet cannot change', async () => {
    assert.equal(
      await fails(['apply', '-f', '-'], statefulSet('db', '2Gi')),
      "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it('rejects bad Job and CronJob manifests with upstream messages', async () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: forever}
spec:
  template:
    spec:
      containers: [{name: c, image: busybox:1.36}]
`;
    assert.equal(await fails(['apply', '-f', '-'], job), 'The Job "forever" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata: {name: sometimes}
spec:
  schedule: "every day"
  timeZone: Moon/Base
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: busybox:1.36}]
`;
    assert.equal(
      await fails(['apply', '-f', '-'], cron),
      'The CronJob "sometimes" is invalid: \n* spec.schedule: Invalid value: "every day": expected exactly 5 fields, found 2: [every day]\n* spec.timeZone: Invalid value: "Moon/Base": unknown time zone Moon/Base',
    );
  });

  it('scales a Deployment and a ReplicationController through /scale', async () => {
    await ok(['apply', '-f', '-'], deployment('scaled'));
    assert.equal((await ok('scale deploy scaled --replicas=3')).trim(), 'deployment.apps/scaled scaled');
    const d = await yaml('get deploy scaled');
    assert.deepEqual([d.spec.replicas, d.metadata.generation], [3, 2]);
    const scale = await yaml('get deploy scaled --subresource=scale');
    assert.deepEqual([scale.kind, scale.spec, (scale.status as Record<string, unknown>).selector], ['Scale', { replicas: 3 }, 'app=scaled']);

    assert.equal((await ok('scale rc legacy --replicas=2')).trim(), 'replicationcontroller/legacy scaled');
    const rcScale = await yaml('get rc legacy --subresource=scale');
    assert.deepEqual([rcScale.spec, (rcScale.status as Record<string, unknown>).selector], [{ replicas: 2 }, 'app=legacy']);
  });

  it('creates an HPA with kubectl autoscale through autoscaling/v1, stored as v2 [protobuf body]', async () => {
    await ok(['apply', '-f', '-'], deployment('auto'));
    assert.equal((await ok('autoscale deploy auto --min=2 --max=5 --cpu-percent=80')).trim(), 'horizontalpodautoscaler.autoscaling/auto autoscaled');
    const hpa = await yaml('get hpa auto');
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.scaleTargetRef], [2, 5, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'auto' }]);
    assert.deepEqual(hpa.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    // The live HPA controller raises the 1-replica Deployment to minReplicas; REPLICAS follows it.
    assert.match(await ok('get hpa auto'), /^auto\s+Deployment\/auto\s+cpu: <unknown>\/80%\s+2\s+5\s+[0-2]\s+\S+$/m);
  });

  it('serves one HPA through autoscaling/v1 and v2 alike', async () => {
    await ok(
      ['apply', '-f', '-'],
      `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: via-v1}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: front}
  maxReplicas: 3
  targetCPUUtilizationPercentage: 70
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: via-v2}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: front}
  maxReplicas: 6
  metrics:
  - type: Resource
    resource: {name: memory, target: {type: AverageValue, averageValue: 100Mi}}
  behavior:
    scaleDown: {stabilizationWindowSeconds: 60}
`,
    );
    const asV2 = await yaml('get horizontalpodautoscalers.v2.autoscaling via-v1');
    assert.deepEqual([asV2.apiVersion, asV2.spec.minReplicas], ['autoscaling/v2', 1]);
    assert.deepEqual(asV2.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);

    const asV1 = await yaml('get horizontalpodautoscalers.v1.autoscaling via-v2');
    assert.equal(asV1.apiVersion, 'autoscaling/v1');
    assert.equal(asV1.spec.targetCPUUtilizationPercentage, undefined);
    const annotations = asV1.metadata.annotations as Record<string, string>;
    assert.equal(annotations['autoscaling.alpha.kubernetes.io/metrics'], '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]');
    assert.match(annotations['autoscaling.alpha.kubernetes.io/behavior']!, /"ScaleDown":\{"StabilizationWindowSeconds":60,/);
    // The status is the HPA controller's (replica counts of the target); v1 carries no conditions.
    assert.deepEqual(Object.keys(asV1.status as object).sort(), ['currentReplicas', 'desiredReplicas']);

    const table = await ok('get hpa via-v1 via-v2');
    assert.match(table, /^via-v1\s+Deployment\/front\s+cpu: (<unknown>|\d+%)\/70%\s+1\s+3\s+[01]\s+\S+$/m);
    assert.match(table, /^via-v2\s+Deployment\/front\s+memory: (<unknown>|\d+[kMG]?)\/100Mi\s+1\s+6\s+[01]\s+\S+$/m);
  });

  it('creates a Job from a CronJob [protobuf body]', async () => {
    assert.equal((await ok('create job manual --from=cronjob/tick')).trim(), 'job.batch/manual created');
    const job = await yaml('get job manual');
    const owner = (job.metadata.ownerReferences as Array<Record<string, unknown>>)[0]!;
    assert.deepEqual([owner.kind, owner.name, owner.controller], ['CronJob', 'tick', true]);
    assert.equal((job.metadata.annotations as Record<string, string>)['cronjob.kubernetes.io/instantiate'], 'manual');
    assert.equal((job.metadata.labels as Record<string, string>)['batch.kubernetes.io/job-name'], 'manual');
    assert.equal(job.spec.backoffLimit, 6);
    assert.match(await ok('get jobs --field-selector status.successful=0'), /^manual\s+Running\s+0\/1/m);
  });

  it('starts with the system priority classes, which cannot be deleted', async () => {
    const out = await ok('get priorityclasses');
    assert.match(out, /^system-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority$/m);
    assert.match(out, /^system-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority$/m);
    assert.equal(
      await fails('delete priorityclass system-node-critical'),
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
    );
  });
});
