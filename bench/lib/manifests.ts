// The objects the benchmark loads into each cluster: valid manifests of the kinds a course
// uses (ConfigMaps, Secrets, Services, Deployments, Pods), as a participant would apply them.

export interface Manifest {
  /** Collection path below /clusters/<id>, e.g. `/api/v1/namespaces/default/configmaps`. */
  collection: string;
  name: string;
  body: Record<string, unknown>;
}

export const KINDS = ['configmaps', 'secrets', 'services', 'deployments', 'pods'] as const;
export type BenchKind = (typeof KINDS)[number];

export function collectionOf(kind: BenchKind, namespace = 'default'): string {
  return kind === 'deployments' ? `/apis/apps/v1/namespaces/${namespace}/deployments` : `/api/v1/namespaces/${namespace}/${kind}`;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

function container(app: string, i: number): Record<string, unknown> {
  return {
    name: app,
    image: `registry.k8s.io/e2e-test-images/agnhost:2.${40 + (i % 5)}`,
    args: ['netexec', '--http-port=8080'],
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [{ name: 'APP', value: app }, { name: 'LOG_LEVEL', value: 'info' }],
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
  };
}

/** Object `i` of `kind` (names `bench-<kind>-<i>`). */
export function manifest(kind: BenchKind, i: number, namespace = 'default'): Manifest {
  const name = `bench-${kind.slice(0, -1)}-${i}`;
  const app = `app-${i}`;
  const labels = { app, 'app.kubernetes.io/part-of': 'kubecamp-bench', tier: i % 2 ? 'backend' : 'frontend' };
  const metadata = { name, namespace, labels };
  let body: Record<string, unknown>;
  switch (kind) {
    case 'configmaps':
      body = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { 'app.properties': `name=${app}\nreplicas=${i % 3}\nfeature.x=true\n`, 'LOG_LEVEL': 'info', 'index.html': `<h1>${app}</h1>` } };
      break;
    case 'secrets':
      body = { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', data: { username: b64(`user-${i}`), password: b64(`s3cret-${i}-${'x'.repeat(16)}`) } };
      break;
    case 'services':
      body = { apiVersion: 'v1', kind: 'Service', metadata, spec: { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] } };
      break;
    case 'deployments':
      body = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: { replicas: 1, selector: { matchLabels: { app } }, template: { metadata: { labels }, spec: { containers: [container(app, i)] } } },
      };
      break;
    case 'pods':
      body = { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [container(app, i)], restartPolicy: 'Always' } };
      break;
  }
  return { collection: collectionOf(kind, namespace), name, body };
}

/** The 50 objects each benchmark cluster holds besides its bootstrap: ten of each kind. */
export function clusterLoad(): Manifest[] {
  const out: Manifest[] = [];
  for (let i = 0; i < 10; i++) for (const k of KINDS) out.push(manifest(k, i));
  return out;
}
