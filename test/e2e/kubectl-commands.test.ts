// Everyday kubectl commands a course uses, end to end: describe, cordon/uncordon, taint,
// drain, create/expose/run with protobuf bodies, cascading deletes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

describe('everyday kubectl commands', () => {
  let t: TestCluster;
  const ok = (args: string | string[], input?: string) => t.ok(args, input);
  before(async () => {
    t = await startSandbox();
  });
  after(() => t.stop());

  it('creates and exposes a deployment, and describes it', async () => {
    assert.equal((await ok('create deployment web --image=nginx:1.27 --replicas=2')).trim(), 'deployment.apps/web created');
    assert.equal((await ok('expose deployment web --port=80 --target-port=8080')).trim(), 'service/web exposed');
    const d = await ok('describe deployment web');
    assert.match(d, /^Name:\s+web$/m);
    // The Deployment controller has created both pods (on the wall clock some may be available already).
    const counts = /^Replicas:\s+2 desired \| 2 updated \| 2 total \| (\d) available \| (\d) unavailable$/m.exec(d);
    assert.ok(counts, d);
    assert.equal(Number(counts[1]) + Number(counts[2]), 2);
    assert.match(d, /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
    const s = await ok('describe service web');
    assert.match(s, /^Selector:\s+app=web$/m);
    assert.match(s, /^TargetPort:\s+8080\/TCP$/m);
    assert.match(s, /^IP:\s+10\.\d+\.\d+\.\d+$/m);
  });

  it('runs a pod and describes it with its service account volume and tolerations', async () => {
    assert.equal((await ok('run tool --image=busybox:1.36 -- sleep 3600')).trim(), 'pod/tool created');
    const p = await ok('describe pod tool');
    assert.match(p, /^Status:\s+Pending$/m);
    assert.match(p, /^Service Account:\s+default$/m);
    assert.match(p, /\/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-\w{5} \(ro\)/);
    assert.match(p, /node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s/);
    assert.equal((await ok('get pod tool -o jsonpath={.spec.containers[0].args}')).trim(), '["sleep","3600"]');
  });

  it('cordons, taints, describes and uncordons a node', async () => {
    assert.equal((await ok('cordon kubecamp-worker')).trim(), 'node/kubecamp-worker cordoned');
    const nodes = await ok('get nodes');
    assert.match(nodes, /^kubecamp-worker\s+Ready,SchedulingDisabled\s+<none>\s+/m);
    assert.equal((await ok('taint nodes kubecamp-worker dedicated=db:NoSchedule')).trim(), 'node/kubecamp-worker tainted');
    const d = await ok('describe node kubecamp-worker');
    assert.match(d, /^Taints:\s+dedicated=db:NoSchedule$/m);
    assert.match(d, /^Unschedulable:\s+true$/m);
    assert.equal((await ok('uncordon kubecamp-worker')).trim(), 'node/kubecamp-worker uncordoned');
    assert.equal((await ok('taint nodes kubecamp-worker dedicated-')).trim(), 'node/kubecamp-worker untainted');
  });

  it('drains a node, evicting the pods bound to it', async () => {
    await ok('apply -f -', JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bound' },
      spec: { nodeName: 'kubecamp-worker2', containers: [{ name: 'c', image: 'nginx' }] },
    }));
    const r = await t.kubectl('drain kubecamp-worker2 --ignore-daemonsets --force --grace-period=0 --timeout=20s');
    assert.equal(r.code, 0, cleanStderr(r.stderr));
    assert.match(r.stdout, /node\/kubecamp-worker2 cordoned/);
    assert.match(r.stdout, /evicting pod default\/bound/);
    assert.match(r.stdout, /node\/kubecamp-worker2 drained/);
    assert.equal((await t.kubectl('get pod bound')).code, 1);
    await ok('uncordon kubecamp-worker2');
  });

  it('deletes with --cascade=orphan and keeps the dependents', async () => {
    await ok('create configmap owner');
    const uid = (await ok('get cm owner -o jsonpath={.metadata.uid}')).trim();
    await ok('apply -f -', JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dependent', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid }] },
    }));
    assert.equal((await ok('delete cm owner --cascade=orphan')).trim(), 'configmap "owner" deleted');
    assert.equal((await ok('get cm dependent -o jsonpath={.metadata.ownerReferences}')).trim(), '');
  });
});
