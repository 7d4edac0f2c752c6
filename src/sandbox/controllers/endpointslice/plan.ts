// The EndpointSlice controller's planning step (upstream pkg/controller/endpointslice and
// staging/src/k8s.io/endpointslice reconciler.go): the slices a Service with a selector should
// have. One endpoint per pod with an IP (terminating pods included, with their conditions), pods
// grouped by the ports their targetPorts resolve to, at most 100 per slice; slices named
// `<service>-<5 random chars>` (generateName), labelled with the Service's labels,
// kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned by the Service.
// A Service without endpoints keeps one empty placeholder slice.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import type * as discoveryv1 from '../../../generated/k8s/discovery/v1.ts';
import { deepClone, deepEqual, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import { managesEndpoints, selectedPods } from '../endpoint/plan.ts';
import { findPort, isHeadlessService, isPodReady, type Pod, type Service, shouldPodBeInEndpoints, shouldSetHostname } from '../endpoint/pod-util.ts';
import { LAST_CHANGE_TRIGGER_TIME } from '../endpoint/trigger-time.ts';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const MAX_ENDPOINTS_PER_SLICE = 100;

export type Slice = StoredObject & discoveryv1.EndpointSlice;

export type SliceAction =
  | { type: 'create'; object: KubeObject }
  | { type: 'update'; name: string; object: KubeObject }
  | { type: 'delete'; name: string };

/** The slices of `svc` this controller manages (others — mirrored, user-made — are left alone). */
export function managedSlices(svc: { metadata: { name: string; namespace?: string } }, slices: readonly Slice[]): Slice[] {
  return slices.filter((s) => s.metadata.namespace === svc.metadata.namespace && s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.metadata.name && s.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME);
}

/** podToEndpoint: conditions as upstream sets them (ready is never true while terminating, unless publishNotReadyAddresses). */
export function podToEndpoint(pod: Pod, svc: Service): discoveryv1.Endpoint {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const serving = publish || isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = publish || (serving && !terminating);
  const ep: discoveryv1.Endpoint = { addresses: [pod.status!.podIP!], conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  ep.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  return ep;
}

function endpointPorts(pod: Pod, svc: Service): discoveryv1.EndpointPort[] {
  const out: discoveryv1.EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? ([] as corev1.ServicePort[])) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: discoveryv1.EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** The slices' labels: the Service's (minus reserved keys) plus the controller's. */
export function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== HEADLESS_LABEL) labels[k] = v;
  if (isHeadlessService(svc)) labels[HEADLESS_LABEL] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

interface Group {
  ports: discoveryv1.EndpointPort[];
  endpoints: discoveryv1.Endpoint[];
}

const portsKey = (ports: readonly discoveryv1.EndpointPort[] | undefined) => JSON.stringify((ports ?? []).map((p) => [p.name, p.port, p.protocol, p.appProtocol ?? '']));

/** The desired endpoint groups, one per distinct port set, endpoints sorted by address. */
export function desiredGroups(svc: Service, pods: readonly Pod[]): Group[] {
  const groups = new Map<string, Group>();
  for (const pod of selectedPods(svc, pods)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(pod, svc);
    const key = portsKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(podToEndpoint(pod, svc));
  }
  const out: Group[] = [];
  for (const g of groups.values()) {
    g.endpoints.sort((a, b) => (a.addresses[0]! < b.addresses[0]! ? -1 : a.addresses[0]! > b.addresses[0]! ? 1 : 0));
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
  }
  return out;
}

function newSlice(svc: Service, g: Group, triggerTime: string | undefined): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ...(triggerTime ? { annotations: { [LAST_CHANGE_TRIGGER_TIME]: triggerTime } } : {}),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: g.endpoints,
    ports: g.ports,
  } as KubeObject;
}

function updatedSlice(existing: Slice, svc: Service, g: Group, triggerTime: string | undefined): KubeObject {
  const annotations: Record<string, string> = { ...existing.metadata.annotations };
  if (triggerTime) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  const metadata = { ...deepClone(existing.metadata), labels: sliceLabels(svc), annotations };
  if (!Object.keys(annotations).length) delete (metadata as { annotations?: unknown }).annotations;
  return { apiVersion: existing.apiVersion, kind: existing.kind, metadata, addressType: existing.addressType, endpoints: g.endpoints, ports: g.ports } as KubeObject;
}

function sameContent(s: Slice, svc: Service, g: Group): boolean {
  return deepEqual(s.endpoints ?? [], g.endpoints) && deepEqual(s.ports ?? [], g.ports) && deepEqual(s.metadata.labels ?? {}, sliceLabels(svc));
}

/**
 * The writes that bring the Service's managed slices to the desired state. `svc` undefined or
 * not managed (selector removed, ExternalName): its managed slices go. As upstream's finalize(),
 * a slice about to be deleted is reused for a slice about to be created, so a Service's slice
 * keeps its name when its pods all go (placeholder) and come back.
 */
export function planSlices(svc: Service | undefined, existing: readonly Slice[], pods: readonly Pod[], triggerTime: string | undefined): SliceAction[] {
  if (!svc || svc.metadata.deletionTimestamp || !managesEndpoints(svc)) return existing.map((s) => ({ type: 'delete', name: s.metadata.name }));
  let groups = desiredGroups(svc, pods);
  const updates: SliceAction[] = [];
  const unused = [...existing].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  if (groups.length === 0) {
    const placeholder: Group = { ports: [], endpoints: [] };
    // An existing placeholder stays as it is.
    if (unused.length === 1 && sameContent(unused[0]!, svc, placeholder)) return [];
    groups = [placeholder];
  }
  const creates: Group[] = [];
  for (const g of groups) {
    const key = portsKey(g.ports);
    // Prefer a slice that already holds these endpoints, then any with the same ports.
    let i = unused.findIndex((s) => portsKey(s.ports) === key && sameContent(s, svc, g));
    if (i < 0) i = unused.findIndex((s) => portsKey(s.ports) === key && (s.endpoints ?? []).length > 0);
    if (i < 0) {
      creates.push(g);
      continue;
    }
    const [s] = unused.splice(i, 1);
    if (!sameContent(s!, svc, g)) updates.push({ type: 'update', name: s!.metadata.name, object: updatedSlice(s!, svc, g, triggerTime) });
  }
  const actions: SliceAction[] = updates;
  for (const g of creates) {
    const reuse = unused.shift();
    if (reuse) actions.push({ type: 'update', name: reuse.metadata.name, object: updatedSlice(reuse, svc, g, triggerTime) });
    else actions.push({ type: 'create', object: newSlice(svc, g, triggerTime) });
  }
  for (const s of unused) actions.push({ type: 'delete', name: s.metadata.name });
  return actions;
}
