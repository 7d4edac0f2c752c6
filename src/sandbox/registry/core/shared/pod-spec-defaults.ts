// Defaulting of PodSpecs (upstream pkg/apis/core/v1/defaults.go and the generated
// SetObjectDefaults_* walks), shared by Pods, PodTemplates and every workload's pod template.
//
//   defaultPodSpec(spec)        what every embedded PodSpec gets (SetDefaults_PodSpec and the
//                               nested container, probe, port, volume and resource defaults):
//                               use it for Deployment/Job/... templates.
//   defaultPodSpecForPod(spec)  a Pod's spec: additionally SetDefaults_Pod (requests copied from
//                               limits, enableServiceLinks, host-network host ports, pod-level
//                               resource defaults), which upstream applies to Pods only.
//
// Both mutate the spec in place and are idempotent.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { defaultPullPolicy } from './pod-spec-image.ts';
import { isOvercommitAllowed } from './resource-names.ts';

type AnyContainer = core.Container | core.EphemeralContainer;
type ResourceList = Record<string, string>;

/** SetDefaults_ResourceList: quantities are rounded up to milli precision. */
export function defaultResourceList(list: ResourceList | undefined): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) {
    let q: Quantity;
    try {
      q = Quantity.parse(v);
    } catch {
      continue; // decoding has already rejected unparsable quantities
    }
    if (q.exponent < -3) list[k] = Quantity.fromMilli(q.milliValue(), q.format).toString();
  }
}

function defaultObjectFieldSelector(ref: core.ObjectFieldSelector | undefined): void {
  if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
}

function defaultHTTPGet(h: core.HTTPGetAction | undefined): void {
  if (!h) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultProbe(p: core.Probe | undefined): void {
  if (!p) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHTTPGet(p.httpGet);
  if (p.grpc && p.grpc.service === undefined) p.grpc.service = '';
}

/** SetDefaults_Container and the generated walk over its ports, env, resources, probes and hooks. */
export function defaultContainer(c: AnyContainer): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const e of c.env ?? []) defaultObjectFieldSelector(e.valueFrom?.fieldRef);
  // ResourceRequirements is a struct upstream: it is always present, `{}` when empty.
  c.resources ??= {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHTTPGet(c.lifecycle?.postStart?.httpGet);
  defaultHTTPGet(c.lifecycle?.preStop?.httpGet);
}

/** SetDefaults_Volume and the per-source defaults (file modes 0644, token lifetime, legacy plugins). */
export function defaultVolume(v: core.Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && (v as unknown as Record<string, unknown>)[k] != null);
  if (sources.length === 0) v.emptyDir = {};
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = 420;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = 420;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = 420;
    for (const item of v.downwardAPI.items ?? []) defaultObjectFieldSelector(item.fieldRef);
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = 420;
    for (const s of v.projected.sources ?? []) {
      for (const item of s.downwardAPI?.items ?? []) defaultObjectFieldSelector(item.fieldRef);
      if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) s.serviceAccountToken.expirationSeconds = 3600;
    }
  }
  if (v.iscsi && v.iscsi.iscsiInterface === undefined) v.iscsi.iscsiInterface = 'default';
  if (v.rbd) {
    v.rbd.pool ??= 'rbd';
    v.rbd.user ??= 'admin';
    v.rbd.keyring ??= '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= 'Shared';
  }
  if (v.scaleIO) {
    v.scaleIO.storageMode ??= 'ThinProvisioned';
    v.scaleIO.fsType ??= 'xfs';
  }
  const claim = v.ephemeral?.volumeClaimTemplate;
  if (claim?.spec) {
    claim.spec.volumeMode ??= 'Filesystem';
    defaultResourceList(claim.spec.resources?.limits);
    defaultResourceList(claim.spec.resources?.requests);
  }
  if (v.image && !v.image.pullPolicy) v.image.pullPolicy = defaultPullPolicy(v.image.reference);
}

/**
 * The v1 round trip of the deprecated `serviceAccount` field (Convert_v1_PodSpec_To_core_PodSpec
 * and back): it fills serviceAccountName when that is empty, and always mirrors it afterwards.
 */
export function convertDeprecatedServiceAccount(spec: core.PodSpec): void {
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

/** Defaults of any PodSpec, including those embedded in templates (SetObjectDefaults_PodTemplate). */
export function defaultPodSpec(spec: core.PodSpec): void {
  convertDeprecatedServiceAccount(spec);
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  defaultResourceList(spec.overhead);
  defaultResourceList(spec.resources?.limits);
  defaultResourceList(spec.resources?.requests);
}

/** SetDefaults_Pod then defaultPodSpec: the defaults a Pod object's spec receives. */
export function defaultPodSpecForPod(spec: core.PodSpec): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultRequestsFromLimits(c);
  defaultPodLevelResources(spec);
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  defaultPodSpec(spec);
}

/** Requests not given default to the limits (Pods only; templates keep what was written). */
function defaultRequestsFromLimits(c: core.Container): void {
  const limits = c.resources?.limits;
  // An empty map would serialize away upstream (omitempty), so none is created for empty limits.
  if (!limits || Object.keys(limits).length === 0) return;
  const requests = (c.resources!.requests ??= {});
  for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
}

const podLevelResource = (name: string) => name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');

function sum(into: Map<string, Quantity>, list: ResourceList | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = Quantity.parse(v);
    const cur = into.get(k);
    into.set(k, cur ? cur.add(q) : q);
  }
}

function maxInto(into: Map<string, Quantity>, other: Map<string, Quantity>): void {
  for (const [k, q] of other) {
    const cur = into.get(k);
    if (!cur || q.cmp(cur) > 0) into.set(k, q);
  }
}

/** resourcehelper.AggregateContainerRequests/Limits: regular and sidecar containers add up, init containers peak. */
export function aggregateContainerResources(spec: core.PodSpec, which: 'requests' | 'limits'): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const c of spec.containers ?? []) sum(total, c.resources?.[which]);
  const sidecars = new Map<string, Quantity>();
  const initPeak = new Map<string, Quantity>();
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      sum(sidecars, c.resources?.[which]);
      sum(total, c.resources?.[which]);
    } else {
      const tmp = new Map(sidecars);
      sum(tmp, c.resources?.[which]);
      maxInto(initPeak, tmp);
    }
  }
  maxInto(total, initPeak);
  return total;
}

/** defaultHugePagePodLimits, defaultPodRequests and defaultPodLimits (PodLevelResources). */
function defaultPodLevelResources(spec: core.PodSpec): void {
  const res = spec.resources;
  if (!res) return;
  const requests = res.requests ?? {};
  const limits = res.limits ?? {};
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) return;
  // Hugepage limits from the containers' aggregate, unless a pod-level hugepage request exists.
  const aggrLimits = aggregateContainerResources(spec, 'limits');
  for (const [k, q] of aggrLimits) {
    if (k.startsWith('hugepages-') && !(k in requests) && !(k in limits)) limits[k] = q.toString();
  }
  if (Object.keys(limits).length > 0) res.limits = limits;
  // Requests: aggregate container requests for overcommittable resources, else the pod limit.
  if (Object.keys(limits).length > 0) {
    for (const [k, q] of aggregateContainerResources(spec, 'requests')) {
      if (!(k in requests) && podLevelResource(k) && isOvercommitAllowed(k)) requests[k] = q.toString();
    }
    for (const [k, v] of Object.entries(limits)) if (!(k in requests) && podLevelResource(k)) requests[k] = v;
    if (Object.keys(requests).length > 0) res.requests = requests;
  }
  // Limits from the containers when pod requests are set and every container limits the resource.
  if (Object.keys(res.limits ?? {}).length === 0 && Object.keys(res.requests ?? {}).length > 0) {
    const out: ResourceList = {};
    const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
    for (const [k, q] of aggrLimits) {
      if (!podLevelResource(k) || !isOvercommitAllowed(k)) continue;
      if (!all.every((c) => c.resources?.limits?.[k] !== undefined)) continue;
      out[k] = q.toString();
    }
    if (Object.keys(out).length > 0) res.limits = out;
  }
}
