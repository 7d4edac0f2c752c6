// The Endpoints controller's planning step (upstream pkg/controller/endpoint syncService): the
// Endpoints object a Service with a selector should have, from the pods it selects — ready pods
// under `addresses`, the others under `notReadyAddresses` (all under `addresses` with
// publishNotReadyAddresses), one subset per distinct port set (RepackSubsets), each address with
// its nodeName, targetRef and, for a pod whose subdomain names this Service, its hostname.
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { deepClone, deepEqual, type KubeObject, type StoredObject } from '../../../apimachinery/object.ts';
import { selectorFromSet } from '../../../apimachinery/labels.ts';
import { findPort, isHeadlessService, isPodReady, type Pod, type Service, shouldPodBeInEndpoints, shouldSetHostname } from './pod-util.ts';
import { LAST_CHANGE_TRIGGER_TIME } from './trigger-time.ts';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export type EndpointsObject = StoredObject & { subsets?: corev1.EndpointSubset[] };

export type EndpointsAction =
  | { type: 'none' }
  | { type: 'create'; object: KubeObject }
  | { type: 'update'; object: KubeObject }
  | { type: 'delete' };

/** Whether the controller manages endpoints for this Service (a selector, not ExternalName). */
export function managesEndpoints(svc: Service): boolean {
  return !!svc.spec?.selector && svc.spec.type !== 'ExternalName';
}

/** The pods of the Service's namespace its selector matches. */
export function selectedPods(svc: Service, pods: readonly Pod[]): Pod[] {
  const sel = selectorFromSet(svc.spec?.selector);
  return pods.filter((p) => p.metadata.namespace === svc.metadata.namespace && sel.matches(p.metadata.labels));
}

function address(pod: Pod, svc: Service): corev1.EndpointAddress {
  const a: corev1.EndpointAddress = { ip: pod.status!.podIP! };
  if (shouldSetHostname(pod, svc)) a.hostname = pod.spec!.hostname;
  if (pod.spec?.nodeName) a.nodeName = pod.spec.nodeName;
  a.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
  return a;
}

function portKey(p: corev1.EndpointPort): string {
  return `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`;
}

/** The desired subsets from the pods the Service selects, repacked and sorted. */
export function desiredSubsets(svc: Service, pods: readonly Pod[]): corev1.EndpointSubset[] {
  const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
  pods = selectedPods(svc, pods);
  // per address (pod): its ready flag and the ports it offers
  const entries: Array<{ addr: corev1.EndpointAddress; ready: boolean; ports: corev1.EndpointPort[] }> = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const ready = tolerateUnready || isPodReady(pod);
    const addr = address(pod, svc);
    const svcPorts = svc.spec?.ports ?? [];
    if (svcPorts.length === 0) {
      if (isHeadlessService(svc)) entries.push({ addr, ready, ports: [] });
      continue;
    }
    const ports: corev1.EndpointPort[] = [];
    for (const sp of svcPorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: corev1.EndpointPort = sp.name ? { name: sp.name, port } : { port };
      ep.protocol = sp.protocol ?? 'TCP';
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    if (ports.length) entries.push({ addr, ready, ports });
  }
  // RepackSubsets: addresses offering the same ports share a subset.
  const groups = new Map<string, { ports: corev1.EndpointPort[]; ready: corev1.EndpointAddress[]; notReady: corev1.EndpointAddress[] }>();
  for (const e of entries) {
    const ports = [...e.ports].sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
    const key = ports.map(portKey).join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    (e.ready ? g.ready : g.notReady).push(e.addr);
  }
  const byIP = (a: corev1.EndpointAddress, b: corev1.EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1);
  const subsets: corev1.EndpointSubset[] = [];
  for (const g of groups.values()) {
    const s: corev1.EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(byIP);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIP);
    if (g.ports.length) s.ports = g.ports;
    subsets.push(s);
  }
  const first = (s: corev1.EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return subsets.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

/** The labels the Endpoints carry: the Service's, plus the headless marker. */
export function endpointsLabels(svc: Service): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...svc.metadata.labels };
  if (isHeadlessService(svc)) labels[HEADLESS_LABEL] = '';
  return Object.keys(labels).length ? labels : undefined;
}

/**
 * What to do with the Service's Endpoints. `svc` undefined: the Service is gone. A Service the
 * controller does not manage (no selector) keeps whatever Endpoints the user wrote.
 */
export function planEndpoints(svc: Service | undefined, existing: EndpointsObject | undefined, pods: readonly Pod[], triggerTime: string | undefined): EndpointsAction {
  if (!svc || svc.metadata.deletionTimestamp) return existing && !svc ? { type: 'delete' } : { type: 'none' };
  if (!managesEndpoints(svc)) return { type: 'none' };
  const subsets = desiredSubsets(svc, pods);
  const labels = endpointsLabels(svc);
  if (existing && deepEqual(existing.subsets ?? [], subsets) && deepEqual(existing.metadata.labels ?? {}, labels ?? {})) return { type: 'none' };
  const annotations: Record<string, string> = { ...existing?.metadata.annotations };
  if (triggerTime) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  const metadata: KubeObject['metadata'] = existing
    ? { ...deepClone(existing.metadata), labels, annotations: Object.keys(annotations).length ? annotations : undefined }
    : { name: svc.metadata.name, namespace: svc.metadata.namespace, labels, annotations: Object.keys(annotations).length ? annotations : undefined };
  if (!metadata.labels) delete metadata.labels;
  if (!metadata.annotations) delete metadata.annotations;
  const object = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length ? { subsets } : {}) } as KubeObject;
  return existing ? { type: 'update', object } : { type: 'create', object };
}
