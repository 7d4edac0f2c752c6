// Cost of the field manager on the hot path: a plain update of a 3-container Deployment (as every
// PUT and patch pays it) and a server-side apply of it. Measures CPU time, so other load on the
// machine distorts it less than wall time.
//
//   node --import tsx src/apimachinery/apply/field-manager.bench.ts
import { deepClone, type KubeObject } from '../object.ts';
import { builtinSchema } from '../openapi/schema-model.ts';
import type { ManagedContext } from './field-manager.ts';
import { structuredFieldManager as fm } from './structured-field-manager.ts';

const ctx: ManagedContext = {
  schema: builtinSchema().node('io.k8s.api.apps.v1.Deployment'),
  apiVersion: 'apps/v1',
  subresource: '',
  time: '2024-01-01T00:00:00Z',
  resetFields: ['status'],
};

function container(i: number) {
  return {
    name: `c${i}`,
    image: `nginx:1.2${i}`,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 8080 + i, protocol: 'TCP' }],
    env: [
      { name: 'MODE', value: 'prod' },
      { name: 'LEVEL', value: String(i) },
    ],
    resources: { limits: { cpu: '100m', memory: '64Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, uid: 'u', resourceVersion: '7', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [1, 2, 3].map(container),
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: { replicas: 1, observedGeneration: 1 },
} as unknown as KubeObject;
fm.update(ctx, undefined, live, 'kubectl-create');

function measure(label: string, make: (i: number) => KubeObject, run: (o: KubeObject) => void, n = 5000): void {
  for (let i = 0; i < 1000; i++) run(make(i));
  const inputs = Array.from({ length: n }, (_, i) => make(i));
  const before = process.cpuUsage();
  for (const o of inputs) run(o);
  const used = process.cpuUsage(before);
  console.log(`${label}: ${((used.user + used.system) / n).toFixed(1)} µs CPU per call`);
}

const scaled = (i: number) => {
  const o = deepClone(live) as KubeObject & { spec: { replicas: number } };
  o.spec.replicas = 2 + (i % 5);
  return o;
};
measure('baseline: deepClone of the Deployment', () => live, (o) => void deepClone(o));
measure('update that changes .spec.replicas', scaled, (o) => fm.update(ctx, live, o, 'kubectl-edit'));
measure('update that changes nothing', () => deepClone(live), (o) => fm.update(ctx, live, o, 'kubectl-edit'));
const config = deepClone(live);
delete config.metadata!.managedFields;
measure('server-side apply (no change)', () => deepClone(config), (o) => fm.apply(ctx, live, o, 'kubectl', true), 1000);
