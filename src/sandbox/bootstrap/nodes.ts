// The Nodes of a fresh cluster, as kind creates them: `kubecamp-control-plane` (tainted
// NoSchedule unless it is the only node, which kind untaints) and workers `kubecamp-worker`,
// `kubecamp-worker2`, ..., each Ready with its kubelet's usual labels, capacity, addresses and
// system info, plus its heartbeat Lease in kube-node-lease.
//
// Templates are built once per process and node count; a cluster only stamps uids and times onto
// them and shares the rest (stored objects are never mutated).
import type { KubeObject } from '../../apimachinery/object.ts';
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { BootstrapContext, BootstrapObject } from './types.ts';

export const CLUSTER_NAME = 'kubecamp';
export const KUBELET_VERSION = 'v1.36.0';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.4';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KERNEL_VERSION = '6.8.0-60-generic';
export const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

export interface NodeTemplate {
  name: string;
  controlPlane: boolean;
  internalIP: string;
  podCIDR: string;
  spec: corev1.NodeSpec;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Status without conditions (they carry the cluster's timestamps). */
  status: Omit<corev1.NodeStatus, 'conditions' | 'nodeInfo'> & { nodeInfo: Omit<corev1.NodeSystemInfo, 'machineID' | 'systemUUID' | 'bootID'> };
}

export function nodeName(index: number): string {
  if (index === 0) return `${CLUSTER_NAME}-control-plane`;
  return index === 1 ? `${CLUSTER_NAME}-worker` : `${CLUSTER_NAME}-worker${index}`;
}

/** The control plane's address; workers follow (kind's docker network 172.18.0.0/16). */
export function nodeIP(index: number): string {
  return `172.18.0.${index + 2}`;
}

const resources: Record<string, string> = {
  cpu: '8',
  'ephemeral-storage': '263112772Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16318332Ki',
  pods: '110',
};

function buildTemplate(index: number, count: number): NodeTemplate {
  const name = nodeName(index);
  const controlPlane = index === 0;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels[CONTROL_PLANE_ROLE] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const podCIDR = `10.244.${index}.0/24`;
  const spec: corev1.NodeSpec = { podCIDR, podCIDRs: [podCIDR], providerID: `kind://docker/${CLUSTER_NAME}/${name}` };
  // kind removes the control-plane taint when there are no workers to schedule on.
  if (controlPlane && count > 1) spec.taints = [{ effect: 'NoSchedule', key: CONTROL_PLANE_ROLE }];
  const internalIP = nodeIP(index);
  return {
    name,
    controlPlane,
    internalIP,
    podCIDR,
    spec,
    labels,
    annotations: {
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
    status: {
      addresses: [
        { address: internalIP, type: 'InternalIP' },
        { address: name, type: 'Hostname' },
      ],
      allocatable: resources,
      capacity: resources,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      features: { supplementalGroupsPolicy: true },
      images: [],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: '',
        kubeletVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
      },
      runtimeHandlers: [
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'runc' },
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: '' },
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'test-handler' },
      ],
    },
  };
}

const templates = new Map<number, NodeTemplate[]>();

/** The node templates of a cluster with `count` nodes (at least one). */
export function nodeTemplates(count: number): NodeTemplate[] {
  const n = Math.max(1, Math.floor(count));
  let t = templates.get(n);
  if (!t) templates.set(n, (t = Array.from({ length: n }, (_, i) => buildTemplate(i, n))));
  return t;
}

/** Ready, with no memory, disk or PID pressure, since the cluster's creation. */
export function healthyConditions(time: string): corev1.NodeCondition[] {
  const c = (type: string, status: string, reason: string, message: string): corev1.NodeCondition => ({
    lastHeartbeatTime: time,
    lastTransitionTime: time,
    message,
    reason,
    status,
    type,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

function nodeObject(ctx: BootstrapContext, t: NodeTemplate): KubeObject {
  const uid = ctx.ids.uid();
  const machine = ctx.ids.uid();
  const boot = ctx.ids.uid();
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { annotations: t.annotations, creationTimestamp: ctx.timestamp, labels: t.labels, name: t.name, uid },
    spec: t.spec,
    status: {
      ...t.status,
      conditions: healthyConditions(ctx.timestamp),
      nodeInfo: { ...t.status.nodeInfo, bootID: boot, machineID: machine.replaceAll('-', ''), systemUUID: uid },
    },
  } as KubeObject;
}

function leaseObject(ctx: BootstrapContext, t: NodeTemplate, node: KubeObject): KubeObject {
  const renew = `${ctx.timestamp.slice(0, 19)}.000000Z`;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      creationTimestamp: ctx.timestamp,
      name: t.name,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: t.name, uid: node.metadata!.uid! }],
      uid: ctx.ids.uid(),
    },
    spec: { holderIdentity: t.name, leaseDurationSeconds: 40, renewTime: renew },
  } as KubeObject;
}

export function nodes(ctx: BootstrapContext): BootstrapObject[] {
  const out: BootstrapObject[] = [];
  for (const t of nodeTemplates(ctx.record.nodes)) {
    const node = nodeObject(ctx, t);
    out.push({ resource: 'nodes', object: node });
    out.push({ resource: 'leases.coordination.k8s.io', object: leaseObject(ctx, t, node) });
  }
  return out;
}
