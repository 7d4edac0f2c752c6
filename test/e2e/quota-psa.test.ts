// ResourceQuota and Pod Security Admission through the real kubectl (day 3 of the course): the
// `exceeded quota` and `violates PodSecurity` errors, `kubectl get/describe quota`, and the
// warnings kubectl prints for warn mode and for labelling a namespace with an enforce level.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const RESTRICTED_NGINX =
  'allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

const json = (o: unknown) => JSON.stringify(o);

const namespace = (name: string, labels: Record<string, string> = {}) => json({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

const pod = (name: string, container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) =>
  json({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ...container }], ...spec } });

const restrictedContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  runAsUser: 101,
  seccompProfile: { type: 'RuntimeDefault' },
};

const deployment = (name: string) =>
  json({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
    },
  });

describe('ResourceQuota and Pod Security through kubectl', () => {
  let t: TestCluster;
  let cluster: Cluster;
  const run = async (args: string[] | string, input?: string) => {
    const r = await t.kubectl(args, input === undefined ? {} : { input });
    return { ...r, stderr: cleanStderr(r.stderr) };
  };
  const ok = async (args: string[] | string, input?: string) => {
    const r = await run(args, input);
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  const fails = async (args: string[] | string, input?: string) => {
    const r = await run(args, input);
    assert.notEqual(r.code, 0, r.stdout);
    return r.stderr;
  };

  before(async () => {
    t = await startSandbox();
    cluster = [...t.sandbox.clusters.values()][0]!;
  });
  after(() => t.stop());

  describe('ResourceQuota', () => {
    before(async () => {
      await ok('create -f -', namespace('quota-lab'));
      await cluster.settle();
      await ok(['create', 'quota', 'pods-and-cpu', '-n', 'quota-lab', '--hard=pods=2,requests.cpu=1,limits.memory=1Gi']);
      await cluster.settle();
    });

    it('shows used/hard in the quota columns', async () => {
      const lines = (await ok('get quota -n quota-lab')).stdout.trim().split('\n');
      assert.match(lines[0]!, /^NAME\s+REQUEST\s+LIMIT\s+AGE$/);
      assert.match(lines[1]!, /^pods-and-cpu\s+pods: 0\/2, requests\.cpu: 0\/1\s+limits\.memory: 0\/1Gi\s+\d+s$/);
    });

    it('asks for the limits a quota tracks before counting a pod', async () => {
      assert.equal(
        await fails('run bare -n quota-lab --image=nginx:1.27'),
        'Error from server (Forbidden): pods "bare" is forbidden: failed quota: pods-and-cpu: must specify limits.memory for: bare; requests.cpu for: bare\n',
      );
    });

    it('admits pods until the quota is used up, then refuses with kubectl\'s exact error', async () => {
      const sized = (name: string) => pod(name, { resources: { requests: { cpu: '250m' }, limits: { memory: '128Mi' } } });
      assert.equal((await ok('create -n quota-lab -f -', sized('web-1'))).stdout, 'pod/web-1 created\n');
      assert.equal((await ok('create -n quota-lab -f -', sized('web-2'))).stdout, 'pod/web-2 created\n');
      assert.equal(
        await fails('create -n quota-lab -f -', sized('web-3')),
        'Error from server (Forbidden): error when creating "STDIN": pods "web-3" is forbidden: exceeded quota: pods-and-cpu, requested: pods=1, used: pods=2, limited: pods=2\n',
      );
      await cluster.settle();
      const lines = (await ok('get quota pods-and-cpu -n quota-lab')).stdout.trim().split('\n');
      assert.match(lines[1]!, /^pods-and-cpu\s+pods: 2\/2, requests\.cpu: 500m\/1\s+limits\.memory: 256Mi\/1Gi\s+\d+s$/);
    });

    it('describes the quota with upstream numbers', async () => {
      const out = (await ok('describe quota pods-and-cpu -n quota-lab')).stdout;
      assert.match(out, /^Name:\s+pods-and-cpu\nNamespace:\s+quota-lab\nResource\s+Used\s+Hard\n-+\s+-+\s+-+\n/);
      assert.match(out, /\nlimits\.memory\s+256Mi\s+1Gi\n/);
      assert.match(out, /\npods\s+2\s+2\n/);
      assert.match(out, /\nrequests\.cpu\s+500m\s+1\n/);
    });

    it('counts other kinds with count/<resource>.<group>', async () => {
      await ok(['create', 'quota', 'objects', '-n', 'quota-lab', '--hard=count/deployments.apps=0']);
      assert.equal(
        await fails('apply -n quota-lab -f -', deployment('api')),
        'Error from server (Forbidden): error when creating "STDIN": deployments.apps "api" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0\n',
      );
    });
  });

  describe('Pod Security Admission', () => {
    it('rejects a plain nginx pod in a restricted namespace and admits a compliant one', async () => {
      await ok('create -f -', namespace('psa-restricted', { 'pod-security.kubernetes.io/enforce': 'restricted' }));
      await cluster.settle();
      assert.equal(
        await fails('apply -n psa-restricted -f -', pod('nginx')),
        `Error from server (Forbidden): error when creating "STDIN": pods "nginx" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_NGINX}\n`,
      );
      const r = await ok('apply -n psa-restricted -f -', pod('nginx', { securityContext: restrictedContext }));
      assert.equal(r.stdout, 'pod/nginx created\n');
      assert.equal(r.stderr, '');
    });

    it('never rejects a Deployment, but warns at the enforce level when no warn level is set', async () => {
      const r = await ok('apply -n psa-restricted -f -', deployment('web'));
      assert.equal(r.stdout, 'deployment.apps/web created\n');
      assert.equal(r.stderr, `Warning: would violate PodSecurity "restricted:latest": ${RESTRICTED_NGINX}\n`);
    });

    it('prints warn-mode warnings on kubectl apply of a Deployment, and creates it', async () => {
      await ok('create -f -', namespace('psa-warn', { 'pod-security.kubernetes.io/warn': 'restricted' }));
      await cluster.settle();
      const r = await ok('apply -n psa-warn -f -', deployment('web'));
      assert.equal(r.stdout, 'deployment.apps/web created\n');
      assert.equal(r.stderr, `Warning: would violate PodSecurity "restricted:latest": ${RESTRICTED_NGINX}\n`);
    });

    it('warns about existing pods when a namespace is labelled with an enforce level', async () => {
      await ok('create -f -', namespace('psa-legacy'));
      await cluster.settle();
      await ok('create -n psa-legacy -f -', pod('privileged', { securityContext: { privileged: true } }));
      await ok('create -n psa-legacy -f -', pod('host-network', {}, { hostNetwork: true }));
      await ok('create -n psa-legacy -f -', pod('plain'));
      const r = await ok('label ns psa-legacy pod-security.kubernetes.io/enforce=baseline');
      assert.equal(r.stdout, 'namespace/psa-legacy labeled\n');
      assert.equal(
        r.stderr,
        'Warning: existing pods in namespace "psa-legacy" violate the new PodSecurity enforce level "baseline:latest"\n' +
          'Warning: host-network: host namespaces\n' +
          'Warning: privileged: privileged\n',
      );
      assert.equal(
        await fails('run root -n psa-legacy --image=nginx:1.27 --privileged'),
        'Error from server (Forbidden): pods "root" is forbidden: violates PodSecurity "baseline:latest": privileged (container "root" must not set securityContext.privileged=true)\n',
      );
    });

    it('refuses an invalid level label as upstream does', async () => {
      assert.equal(
        await fails('label ns psa-legacy --overwrite pod-security.kubernetes.io/enforce=strict'),
        'The Namespace "psa-legacy" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted\n',
      );
    });
  });
});
