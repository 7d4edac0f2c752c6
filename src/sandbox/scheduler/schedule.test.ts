import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type * as storagev1 from '../../generated/k8s/storage/v1.ts';
import { schedulePod, wantsScheduling, type ScheduleResult } from './schedule.ts';
import { withAssumedPod, type ClusterSnapshot } from './snapshot.ts';
import { clusterNodes, makeNode, makePod } from './test-fixtures.ts';

const CP = 'kubecamp-control-plane';
const W1 = 'kubecamp-worker';
const W2 = 'kubecamp-worker2';
const TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const NOT_HELPFUL_3 = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
const NO_VICTIMS_2 = 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

function fresh(pods: corev1.Pod[] = [], extra: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return { nodes: clusterNodes(3), pods, ...extra };
}

function scheduledNode(r: ScheduleResult): string {
  assert.equal(r.kind, 'scheduled', r.kind === 'unschedulable' ? r.message : r.kind);
  return r.kind === 'scheduled' ? r.node : '';
}

function failure(r: ScheduleResult): string {
  assert.equal(r.kind, 'unschedulable');
  return r.kind === 'unschedulable' ? r.message : '';
}

/** Schedules pods one after another, each seeing the ones before as assumed. */
function scheduleAll(pods: corev1.Pod[], snapshot: ClusterSnapshot): ScheduleResult[] {
  let snap = snapshot;
  return pods.map((p) => {
    const r = schedulePod(p, snap);
    if (r.kind === 'scheduled') snap = withAssumedPod(snap, p, r.node);
    return r;
  });
}

const cordon = (nodes: corev1.Node[], name: string): corev1.Node[] =>
  nodes.map((n) => (n.metadata?.name === name ? { ...n, spec: { ...n.spec, unschedulable: true } } : n));

describe('schedulePod on a fresh three-node cluster', () => {
  it('places ordinary pods on the workers only, spread between them', () => {
    const placed = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const node = scheduledNode(schedulePod(makePod(`web-${i}`), fresh()));
      placed.set(node, (placed.get(node) ?? 0) + 1);
    }
    assert.equal(placed.get(CP), undefined);
    assert.ok((placed.get(W1) ?? 0) > 5 && (placed.get(W2) ?? 0) > 5, JSON.stringify([...placed]));
  });

  it('is deterministic for a given pod', () => {
    const pod = makePod('stable');
    const first = scheduledNode(schedulePod(pod, fresh()));
    for (let i = 0; i < 5; i++) assert.equal(scheduledNode(schedulePod(pod, fresh())), first);
  });

  it('uses the control plane only for pods tolerating its taint', () => {
    const tolerating = (i: number) =>
      makePod(`sys-${i}`, { spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] } });
    const nodes = new Set(Array.from({ length: 30 }, (_, i) => scheduledNode(schedulePod(tolerating(i), fresh()))));
    assert.ok(nodes.has(CP));
  });

  it('reports a nodeSelector that matches no node', () => {
    const r = schedulePod(makePod('ssd', { spec: { nodeSelector: { disktype: 'ssd' } } }), fresh());
    assert.equal(failure(r), `0/3 nodes are available: ${TAINT}, 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL_3}`);
    assert.ok(r.kind === 'unschedulable' && r.nominatedNodeName === '');
    assert.deepEqual(r.kind === 'unschedulable' && r.unschedulablePlugins, ['NodeAffinity', 'TaintToleration']);
  });

  it('reports a request larger than any node, which preemption cannot help', () => {
    const r = schedulePod(makePod('huge', { cpu: '10' }), fresh());
    assert.equal(failure(r), `0/3 nodes are available: ${TAINT}, 2 Insufficient cpu. ${NOT_HELPFUL_3}`);
  });

  it('reports full workers with no lower-priority pods to preempt', () => {
    const pods = [makePod('a', { cpu: '7', nodeName: W1 }), makePod('b', { cpu: '7', memory: '15Gi', nodeName: W2 })];
    const r = schedulePod(makePod('new', { cpu: '2', memory: '2Gi' }), fresh(pods));
    // Reasons sort as strings: "1 Insufficient memory" before "1 node(s) ...".
    assert.equal(failure(r), `0/3 nodes are available: 1 Insufficient memory, ${TAINT}, 2 Insufficient cpu. ${NO_VICTIMS_2}`);
  });

  it('reports the preemption policy of a pod that may not preempt', () => {
    const pods = [makePod('a', { cpu: '7', nodeName: W1 }), makePod('b', { cpu: '7', nodeName: W2 })];
    const r = schedulePod(makePod('polite', { cpu: '2', priority: 1000, spec: { preemptionPolicy: 'Never' } }), fresh(pods));
    assert.equal(failure(r), `0/3 nodes are available: ${TAINT}, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.`);
    assert.ok(r.kind === 'unschedulable' && r.nominatedNodeName === undefined && r.preemption === undefined);
  });

  it('prefers the less loaded worker (LeastAllocated and BalancedAllocation)', () => {
    const r = schedulePod(makePod('light', { cpu: '1' }), fresh([makePod('busy', { cpu: '4', nodeName: W1 })]));
    assert.equal(scheduledNode(r), W2);
    const scores = r.kind === 'scheduled' ? r.scores : [];
    const w1 = scores.find((s) => s.node === W1)!;
    const w2 = scores.find((s) => s.node === W2)!;
    assert.deepEqual(
      w1.plugins.filter((p) => p.plugin.startsWith('NodeResources')).map((p) => [p.plugin, p.score]),
      [
        ['NodeResourcesFit', 67],
        ['NodeResourcesBalancedAllocation', 68],
      ],
    );
    assert.ok(w2.total > w1.total);
  });

  it('follows preferred node affinity', () => {
    const nodes = clusterNodes(3).map((n) => (n.metadata?.name === W2 ? { ...n, metadata: { ...n.metadata, labels: { ...n.metadata?.labels, disktype: 'ssd' } } } : n));
    const pod = (i: number) =>
      makePod(`pref-${i}`, {
        spec: {
          affinity: {
            nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }] },
          },
        },
      });
    for (let i = 0; i < 10; i++) assert.equal(scheduledNode(schedulePod(pod(i), { nodes, pods: [] })), W2);
  });

  it('keeps pods off a cordoned node', () => {
    const nodes = cordon(clusterNodes(3), W1);
    for (let i = 0; i < 10; i++) assert.equal(scheduledNode(schedulePod(makePod(`p-${i}`), { nodes, pods: [] })), W2);
    const r = schedulePod(makePod('stuck'), { nodes: cordon(nodes, W2), pods: [] });
    assert.equal(failure(r), `0/3 nodes are available: ${TAINT}, 2 node(s) were unschedulable. ${NOT_HELPFUL_3}`);
  });

  it('gives a host port to one pod per node', () => {
    const hostPortPod = (name: string, nodeName?: string) =>
      makePod(name, { ...(nodeName ? { nodeName } : {}), spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] } });
    assert.equal(scheduledNode(schedulePod(hostPortPod('second'), fresh([hostPortPod('first', W1)]))), W2);
    const r = schedulePod(hostPortPod('third'), fresh([hostPortPod('first', W1), hostPortPod('second', W2)]));
    assert.equal(failure(r), `0/3 nodes are available: ${TAINT}, 2 node(s) didn't have free ports for the requested pod ports. ${NO_VICTIMS_2}`);
  });

  it('never schedules a gated pod', () => {
    const r = schedulePod(makePod('gated', { spec: { schedulingGates: [{ name: 'example.com/quota' }, { name: 'example.com/approval' }] } }), fresh());
    assert.deepEqual(r, { kind: 'gated', gates: ['example.com/quota', 'example.com/approval'], message: 'waiting for scheduling gates: [example.com/quota example.com/approval]' });
  });

  it('reports a cluster without nodes', () => {
    const r = schedulePod(makePod('lonely'), { nodes: [], pods: [] });
    assert.equal(failure(r), 'no nodes available to schedule pods');
  });

  it('lists only the nodes a DaemonSet pod targets in its own words', () => {
    const pod = makePod('ds-abc', {
      cpu: '10',
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [W1] }] }] } } } },
    });
    const r = schedulePod(pod, fresh());
    assert.equal(failure(r), `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. ${NOT_HELPFUL_3}`);
  });
});

describe('spreading a Deployment', () => {
  const web = (i: number, spec: Partial<corev1.PodSpec>) => makePod(`web-${i}`, { labels: { app: 'web' }, spec });
  const antiAffinity: Partial<corev1.PodSpec> = {
    affinity: {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] },
    },
  };

  it('puts 3 anti-affine replicas on 3 workers', () => {
    const results = scheduleAll([0, 1, 2].map((i) => web(i, antiAffinity)), { nodes: clusterNodes(4), pods: [] });
    assert.deepEqual(results.map(scheduledNode).sort(), ['kubecamp-worker', 'kubecamp-worker2', 'kubecamp-worker3']);
  });

  it('leaves the third anti-affine replica pending with two workers', () => {
    const results = scheduleAll([0, 1, 2].map((i) => web(i, antiAffinity)), fresh());
    assert.deepEqual(results.slice(0, 2).map(scheduledNode).sort(), [W1, W2]);
    assert.equal(failure(results[2]!), `0/3 nodes are available: ${TAINT}, 2 node(s) didn't match pod anti-affinity rules. ${NO_VICTIMS_2}`);
  });

  it('counts the tainted control plane as a topology domain unless nodeTaintsPolicy is Honor', () => {
    const spread = (policy?: string): Partial<corev1.PodSpec> => ({
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...(policy ? { nodeTaintsPolicy: policy } : {}) },
      ],
    });
    const ignored = scheduleAll([0, 1, 2].map((i) => web(i, spread())), fresh());
    assert.deepEqual(ignored.slice(0, 2).map(scheduledNode).sort(), [W1, W2]);
    assert.equal(failure(ignored[2]!), `0/3 nodes are available: ${TAINT}, 2 node(s) didn't match pod topology spread constraints. ${NO_VICTIMS_2}`);
    const honored = scheduleAll([0, 1, 2, 3].map((i) => web(i, spread('Honor'))), fresh());
    const placed = honored.map(scheduledNode);
    assert.equal(placed.filter((n) => n === W1).length, 2);
    assert.equal(placed.filter((n) => n === W2).length, 2);
  });

  it('spreads a ReplicaSet by hostname through the default constraints', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-6d4', namespace: 'default', uid: 'rs-uid' }, spec: { selector: { matchLabels: { app: 'web' } } } };
    const owned = (i: number) =>
      makePod(`web-6d4-${i}`, { labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6d4', uid: 'rs-uid', controller: true }] });
    const results = scheduleAll([0, 1, 2, 3, 4, 5].map(owned), { nodes: clusterNodes(3), pods: [], replicaSets: [rs] });
    const placed = results.map(scheduledNode);
    assert.equal(placed.filter((n) => n === W1).length, 3);
    assert.equal(placed.filter((n) => n === W2).length, 3);
  });
});

describe('volumes', () => {
  const withClaim = (name: string, claim: string) => makePod(name, { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] } });
  const pvc = (name: string, spec: Partial<corev1.PersistentVolumeClaimSpec> = {}, extra: Partial<corev1.PersistentVolumeClaim> = {}): corev1.PersistentVolumeClaim => ({
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', ...spec },
    ...extra,
  });
  const sc = (name: string, mode: string, provisioner: string): storagev1.StorageClass => ({ metadata: { name }, provisioner, volumeBindingMode: mode });
  const localPV = (name: string, node: string, extra: Partial<corev1.PersistentVolumeSpec> = {}): corev1.PersistentVolume => ({
    metadata: { name },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'local',
      local: { path: '/mnt/disk' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      ...extra,
    },
    status: { phase: 'Available' },
  });

  it('reports a missing claim', () => {
    assert.equal(failure(schedulePod(withClaim('p', 'data'), fresh())), `0/3 nodes are available: persistentvolumeclaim "data" not found. ${NOT_HELPFUL_3}`);
  });

  it('waits for an Immediate claim to be bound', () => {
    const snap = fresh([], { persistentVolumeClaims: [pvc('data', { storageClassName: 'fast' })], storageClasses: [sc('fast', 'Immediate', 'example.com/csi')] });
    assert.equal(failure(schedulePod(withClaim('p', 'data'), snap)), `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL_3}`);
  });

  it('binds a WaitForFirstConsumer claim of a provisioning class on any worker', () => {
    const snap = fresh([], { persistentVolumeClaims: [pvc('data')], storageClasses: [sc('standard', 'WaitForFirstConsumer', 'rancher.io/local-path')] });
    assert.notEqual(scheduledNode(schedulePod(withClaim('p', 'data'), snap)), CP);
  });

  it('follows the node affinity of the only local PV a WaitForFirstConsumer claim can use', () => {
    const claims = [pvc('data', { storageClassName: 'local' })];
    const classes = [sc('local', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner')];
    const snap = fresh([], { persistentVolumeClaims: claims, storageClasses: classes, persistentVolumes: [localPV('pv-1', W2)] });
    for (let i = 0; i < 5; i++) assert.equal(scheduledNode(schedulePod(withClaim(`p-${i}`, 'data'), snap)), W2);
    const onControlPlane = fresh([], { persistentVolumeClaims: claims, storageClasses: classes, persistentVolumes: [localPV('pv-1', CP)] });
    assert.equal(
      failure(schedulePod(withClaim('p', 'data'), onControlPlane)),
      `0/3 nodes are available: ${TAINT}, 2 node(s) didn't find available persistent volumes to bind. ${NOT_HELPFUL_3}`,
    );
  });

  it('reports the node affinity conflict of a bound PV', () => {
    const bound = pvc('data', { storageClassName: 'local', volumeName: 'pv-1' }, { status: { phase: 'Bound' } });
    const snap: ClusterSnapshot = {
      nodes: cordon(clusterNodes(3), W1),
      pods: [],
      persistentVolumeClaims: [bound],
      persistentVolumes: [localPV('pv-1', W1, { claimRef: { name: 'data', namespace: 'default' } })],
      storageClasses: [sc('local', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner')],
    };
    assert.equal(
      failure(schedulePod(withClaim('p', 'data'), snap)),
      `0/3 nodes are available: ${TAINT}, 1 node(s) had volume node affinity conflict, 1 node(s) were unschedulable. ${NOT_HELPFUL_3}`,
    );
    assert.equal(scheduledNode(schedulePod(withClaim('p', 'data'), { ...snap, nodes: clusterNodes(3) })), W1);
  });
});

describe('a node of a custom cluster', () => {
  it('uses zones for topology spread', () => {
    const nodes = [
      makeNode('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      makeNode('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      makeNode('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
    ];
    const spec: Partial<corev1.PodSpec> = {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } }],
    };
    const results = scheduleAll(
      [0, 1, 2, 3].map((i) => makePod(`db-${i}`, { labels: { app: 'db' }, spec })),
      { nodes, pods: [] },
    );
    const zones = results.map((r) => scheduledNode(r).slice(0, 1));
    assert.equal(zones.filter((z) => z === 'a').length, 2);
    assert.equal(zones.filter((z) => z === 'b').length, 2);
  });
});

describe('wantsScheduling', () => {
  it('selects unbound, live pods addressed to the default scheduler', () => {
    assert.equal(wantsScheduling(makePod('pending')), true);
    assert.equal(wantsScheduling(makePod('bound', { nodeName: W1 })), false);
    assert.equal(wantsScheduling(makePod('custom', { spec: { schedulerName: 'my-scheduler' } })), false);
    assert.equal(wantsScheduling(makePod('custom', { spec: { schedulerName: 'my-scheduler' } }), 'my-scheduler'), true);
    assert.equal(wantsScheduling(makePod('dying', { deletionTimestamp: '2025-01-01T00:00:00Z' })), false);
    assert.equal(wantsScheduling(makePod('done', { status: { phase: 'Failed' } })), false);
  });
});
