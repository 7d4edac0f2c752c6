// The PodSecurity plugin through a cluster's API: enforce, warn, workloads, namespace labels.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusError } from '../../../apimachinery/errors.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { ADMIN_USER, type Cluster } from '../../cluster.ts';
import type { StrategyContext } from '../../registry/types.ts';
import { Sandbox } from '../../sandbox.ts';

const RESTRICTED_NGINX =
  'allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

const podSpec = (securityContext?: corev1.SecurityContext, extra: Partial<corev1.PodSpec> = {}): corev1.PodSpec => ({
  containers: [{ name: 'nginx', image: 'nginx:1.27', securityContext }],
  ...extra,
});
const pod = (name: string, spec: corev1.PodSpec = podSpec()) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const compliant: corev1.SecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 101, seccompProfile: { type: 'RuntimeDefault' } };
const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec() } },
});

describe('PodSecurity admission', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  const def = (resource: string, group = '') => cluster.resources.byResource(group, resource)!;
  const create = async (resource: string, ns: string | undefined, obj: object, group = '', ctx: StrategyContext = cluster.context(ADMIN_USER)) =>
    (await cluster.api.create(ctx, def(resource, group), ns, obj as KubeObject, { fieldManager: 'test' })).object as StoredObject;
  const label = (ns: string, labels: Record<string, string>, ctx: StrategyContext = cluster.context(ADMIN_USER)) =>
    cluster.api.patch(ctx, def('namespaces'), undefined, ns, 'merge', { metadata: { labels } }, { fieldManager: 'test' });
  async function namespace(name: string, labels: Record<string, string> = {}) {
    await create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    await cluster.settle();
  }
  async function rejects(p: Promise<unknown>, code: number, message: string) {
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof StatusError, String(e));
      assert.equal(e.message, message);
      assert.equal(e.code, code);
      return true;
    });
  }

  before(async () => {
    sandbox = await Sandbox.start({ port: 0 });
    cluster = await sandbox.createCluster('psa');
    await cluster.settle();
  });
  after(() => sandbox.stop());

  it('enforce rejects a violating pod with upstream message and admits a compliant one', async () => {
    await namespace('locked', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    await rejects(create('pods', 'locked', pod('nginx')), 403, `pods "nginx" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_NGINX}`);
    const ctx = cluster.context(ADMIN_USER);
    await create('pods', 'locked', pod('ok', podSpec(compliant)), '', ctx);
    assert.deepEqual(ctx.warnings, []);
  });

  it('warns, never rejects, for workloads with pod templates', async () => {
    // Enforce never applies to templates; warn defaults to the enforce level.
    const ctx = cluster.context(ADMIN_USER);
    await create('deployments', 'locked', deployment('web'), 'apps', ctx);
    assert.deepEqual(ctx.warnings, [`would violate PodSecurity "restricted:latest": ${RESTRICTED_NGINX}`]);
    await namespace('watched', { 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'v1.30' });
    const warned = cluster.context(ADMIN_USER);
    await create('deployments', 'watched', deployment('web'), 'apps', warned);
    assert.deepEqual(warned.warnings, [`would violate PodSecurity "restricted:v1.30": ${RESTRICTED_NGINX}`]);
    const forPod = cluster.context(ADMIN_USER);
    await create('pods', 'watched', pod('nginx'), '', forPod);
    assert.deepEqual(forPod.warnings, [`would violate PodSecurity "restricted:v1.30": ${RESTRICTED_NGINX}`]);
  });

  it('re-checks pod updates only when containers or images change', async () => {
    await namespace('tighten');
    const created = await create('pods', 'tighten', pod('old', podSpec(undefined, { hostNetwork: true })));
    await label('tighten', { 'pod-security.kubernetes.io/enforce': 'baseline' });
    const relabelled = deepClone(created) as StoredObject;
    relabelled.metadata.labels = { touched: 'yes' };
    delete (relabelled.metadata as { resourceVersion?: string }).resourceVersion;
    await cluster.api.update(cluster.context(ADMIN_USER), def('pods'), 'tighten', 'old', relabelled, { fieldManager: 'test' });
    const reimaged = deepClone(cluster.store.get('pods', 'tighten', 'old')!) as StoredObject & corev1.Pod;
    reimaged.spec!.containers[0]!.image = 'nginx:1.28';
    await rejects(
      cluster.api.update(cluster.context(ADMIN_USER), def('pods'), 'tighten', 'old', reimaged, { fieldManager: 'test' }),
      403,
      'pods "old" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork)',
    );
  });

  it('warns about existing pods that violate a newly labelled enforce level', async () => {
    await namespace('legacy');
    await create('pods', 'legacy', pod('host-net', podSpec(undefined, { hostNetwork: true })));
    await create('pods', 'legacy', pod('priv', podSpec({ privileged: true })));
    await create('pods', 'legacy', pod('priv-2', podSpec({ privileged: true })));
    await create('pods', 'legacy', pod('fine'));
    const ctx = cluster.context(ADMIN_USER);
    await label('legacy', { 'pod-security.kubernetes.io/enforce': 'baseline' }, ctx);
    assert.deepEqual(ctx.warnings, [
      'existing pods in namespace "legacy" violate the new PodSecurity enforce level "baseline:latest"',
      'host-net: host namespaces',
      'priv (and 1 other pod): privileged',
    ]);
    // Relaxing the level at the same version does not re-check.
    const relaxed = cluster.context(ADMIN_USER);
    await label('legacy', { 'pod-security.kubernetes.io/enforce': 'privileged' }, relaxed);
    assert.deepEqual(relaxed.warnings, []);
  });

  it('refuses invalid Pod Security labels', async () => {
    await rejects(
      create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'typo', labels: { 'pod-security.kubernetes.io/enforce': 'strict' } } }),
      422,
      'Namespace "typo" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
    );
    await namespace('later');
    await rejects(
      label('later', { 'pod-security.kubernetes.io/warn-version': 'v1.3x' }),
      422,
      'Namespace "later" is invalid: metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "v1.3x": must be "latest" or "v1.x"',
    );
  });

  it('evaluates the policy version the namespace pins', async () => {
    await namespace('pinned', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.33' });
    const probed = () => ({ containers: [{ name: 'nginx', image: 'nginx:1.27', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] });
    await create('pods', 'pinned', pod('probe', probed()));
    await label('pinned', { 'pod-security.kubernetes.io/enforce-version': 'latest' });
    await rejects(
      create('pods', 'pinned', pod('probe-2', probed())),
      403,
      'pods "probe-2" is forbidden: violates PodSecurity "baseline:latest": probe or lifecycle host (container "nginx" uses probe or lifecycle host "10.0.0.1")',
    );
  });
});
