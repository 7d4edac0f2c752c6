// Warnings for pod specs (upstream pkg/api/pod/warnings.go): deprecated node labels,
// annotations and volume plugins, fractional byte quantities, env entries that hide earlier
// ones, duplicate or overlapping ports, negative grace periods, selector-less affinity terms.
//
//   warningsForPodSpec(spec, meta)                    a Pod's (`spec.nodeSelector[...]: ...`)
//   warningsForPodSpec(spec, meta, path('spec', 'template'))   a workload template's
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { FieldPath } from '../../../../apimachinery/field-errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import type { ObjectMeta } from '../../../../apimachinery/object.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { visitContainersWithPath } from './pod-spec-security.ts';

const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: Array<[string, string]> = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];

const DEPRECATED_VOLUMES: Array<[keyof core.Volume, string, string]> = [
  ['photonPersistentDisk', 'photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'storageOS', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

/** A path under an optional prefix (upstream's nil *field.Path for Pods). */
function at(prefix: FieldPath | undefined, ...names: string[]): FieldPath {
  if (prefix) return prefix.child(names[0]!, ...names.slice(1));
  return FieldPath.root(names[0]!, ...names.slice(1));
}

function fractionalBytes(v: string | undefined): string | undefined {
  if (v === undefined || !Quantity.isValid(v)) return undefined;
  const q = Quantity.parse(v);
  return q.milliValue() % 1000n !== 0n ? q.toString() : undefined;
}

function nodeSelectorTermWarnings(term: core.NodeSelectorTerm | undefined, fld: FieldPath): string[] {
  const out: string[] = [];
  (term?.matchExpressions ?? []).forEach((r, i) => {
    const msg = DEPRECATED_NODE_LABELS[r.key];
    if (msg) out.push(`${fld.child('matchExpressions').index(i).child('key')}: ${r.key} is ${msg}`);
  });
  return out;
}

/** GetWarningsForPod / GetWarningsForPodTemplate. */
export function warningsForPodSpec(spec: core.PodSpec | undefined, meta: ObjectMeta | undefined, prefix?: FieldPath): string[] {
  if (!spec) return [];
  const w: string[] = [];
  const annotations = meta?.annotations ?? {};
  for (const k of Object.keys(spec.nodeSelector ?? {})) {
    const msg = DEPRECATED_NODE_LABELS[k];
    if (msg) w.push(`${at(prefix, 'spec', 'nodeSelector').key(k)}: ${msg}`);
  }
  const na = spec.affinity?.nodeAffinity;
  if (na) {
    const terms = at(prefix, 'spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    (na.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).forEach((t, i) => w.push(...nodeSelectorTermWarnings(t, terms.index(i))));
    const pref = at(prefix, 'spec', 'affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution');
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => w.push(...nodeSelectorTermWarnings(t.preference, pref.index(i).child('preference'))));
  }
  (spec.topologySpreadConstraints ?? []).forEach((t, i) => {
    const p = at(prefix, 'spec', 'topologySpreadConstraints').index(i);
    const msg = DEPRECATED_NODE_LABELS[t.topologyKey];
    if (msg) w.push(`${p.child('topologyKey')}: ${t.topologyKey} is ${msg}`);
    if (!t.labelSelector) w.push(`${p.child('labelSelector')}: a null labelSelector results in matching no pod`);
  });
  for (const [key, msg] of DEPRECATED_ANNOTATIONS) {
    if (key in annotations) w.push(`${at(prefix, 'metadata', 'annotations').key(key)}: ${msg}`);
  }
  (spec.volumes ?? []).forEach((v, i) => {
    for (const [field, reported, msg] of DEPRECATED_VOLUMES) {
      if (v[field] != null) w.push(`${at(prefix, 'spec', 'volumes').index(i).child(reported)}: ${msg}`);
    }
  });
  const tokenPaths = new Set<string>();
  for (const v of spec.volumes ?? []) for (const s of v.projected?.sources ?? []) if (s.serviceAccountToken) tokenPaths.add(s.serviceAccountToken.path);
  if (tokenPaths.size) {
    (spec.volumes ?? []).forEach((v, i) => {
      const vp = at(prefix, 'spec', 'volumes').index(i).child('projected', 'sources');
      for (const s of v.projected?.sources ?? []) {
        (s.configMap?.items ?? []).forEach((item, j) => {
          if (tokenPaths.has(item.path)) w.push(`${vp.child('configMap').index(j)}: has duplicated path with ServiceAccountToken ${goQuote(item.path)}`);
        });
        (s.secret?.items ?? []).forEach((item, j) => {
          if (tokenPaths.has(item.path)) w.push(`${vp.child('secrets').index(j)}: has duplicated path with ServiceAccountToken ${goQuote(item.path)}`);
        });
        (s.downwardAPI?.items ?? []).forEach((item, j) => {
          if (tokenPaths.has(item.path)) w.push(`${vp.child('downwardAPI').index(j)}: has duplicated path with ServiceAccountToken ${goQuote(item.path)}`);
        });
      }
    });
  }
  const seenIPs = new Set<string>();
  (spec.hostAliases ?? []).forEach((h, i) => {
    if (seenIPs.has(h.ip)) w.push(`${at(prefix, 'spec', 'hostAliases').index(i).child('ip')}: duplicate ip ${goQuote(h.ip)}`);
    else seenIPs.add(h.ip);
  });
  const seenSecrets = new Set<string>();
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    const name = s.name ?? '';
    if ((spec.imagePullSecrets ?? []).length > 1) {
      if (seenSecrets.has(name)) w.push(`${at(prefix, 'spec', 'imagePullSecrets').index(i).child('name')}: duplicate name ${goQuote(name)}`);
      else seenSecrets.add(name);
    }
  });
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (!s.name) w.push(`${at(prefix, 'spec', 'imagePullSecrets').index(i).child('name')}: invalid empty name ""`);
  });
  for (const r of ['memory', 'ephemeral-storage']) {
    const f = fractionalBytes(spec.overhead?.[r]);
    if (f) w.push(`${at(prefix, 'spec', 'overhead').key(r)}: fractional byte value ${goQuote(f)} is invalid, must be an integer`);
  }
  if (!spec.securityContext?.seccompProfile && 'seccomp.security.alpha.kubernetes.io/pod' in annotations) {
    w.push(`${at(prefix, 'metadata', 'annotations').key('seccomp.security.alpha.kubernetes.io/pod')}: non-functional in v1.27+; use the "seccompProfile" field instead`);
  }
  const hasPodAppArmor = spec.securityContext?.appArmorProfile !== undefined;
  visitContainersWithPath(spec, at(prefix, 'spec'), (c, p) => {
    const seccompKey = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
    if (!c.securityContext?.seccompProfile && seccompKey in annotations) {
      w.push(`${at(prefix, 'metadata', 'annotations').key(seccompKey)}: non-functional in v1.27+; use the "seccompProfile" field instead`);
    }
    const appArmorKey = `container.apparmor.security.beta.kubernetes.io/${c.name}`;
    if (prefix && !hasPodAppArmor && !c.securityContext?.appArmorProfile && appArmorKey in annotations) {
      w.push(`${at(prefix, 'metadata', 'annotations').key(appArmorKey)}: deprecated since v1.30; use the "appArmorProfile" field instead`);
    }
    for (const [list, r] of [['limits', 'memory'], ['requests', 'memory'], ['limits', 'ephemeral-storage'], ['requests', 'ephemeral-storage']] as const) {
      const f = fractionalBytes(c.resources?.[list]?.[r]);
      if (f) w.push(`${p.child('resources', list).key(r)}: fractional byte value ${goQuote(f)} is invalid, must be an integer`);
    }
    const env = c.env ?? [];
    if (env.length > 1) {
      const names = new Set<string>();
      env.forEach((e, i) => {
        if (!names.has(e.name)) {
          names.add(e.name);
          return;
        }
        const ref = `$(${e.name})`;
        const value = e.value ?? '';
        if (e.valueFrom || value === ref || !value.includes(ref)) {
          w.push(`${p.child('env').index(i)}: hides previous definition of ${goQuote(e.name)}, which may be dropped when using apply`);
        }
      });
    }
  });
  const ports = new Map<string, Array<{ field: string; port: core.ContainerPort }>>();
  visitContainersWithPath(spec, at(prefix, 'spec'), (c, p) => {
    (c.ports ?? []).forEach((port, i) => {
      const field = p.child('ports').index(i).toString();
      const hostIP = port.hostIP ?? '';
      const hostPort = port.hostPort ?? 0;
      if (hostIP !== '' && hostPort === 0) {
        w.push(`${field}: hostIP set without hostPort: {Name:${port.name ?? ''} HostPort:${hostPort} ContainerPort:${port.containerPort} Protocol:${port.protocol ?? ''} HostIP:${hostIP}}`);
      }
      const k = `${port.containerPort}/${port.protocol ?? ''}`;
      const others = ports.get(k) ?? [];
      for (const o of others) {
        const oIP = o.port.hostIP ?? '';
        const oPort = o.port.hostPort ?? 0;
        if (hostIP === oIP && hostPort === oPort) w.push(`${field}: duplicate port definition with ${o.field}`);
        else if (hostPort === 0 || oPort === 0) w.push(`${field}: overlapping port definition with ${o.field}`);
        else if (hostPort === oPort && (hostIP === '') !== (oIP === '')) w.push(`${field}: dangerously ambiguous port definition with ${o.field}`);
      }
      others.push({ field, port });
      ports.set(k, others);
    });
  });
  if ((spec.terminationGracePeriodSeconds ?? 0) < 0) {
    w.push(`${at(prefix, 'spec', 'terminationGracePeriodSeconds')}: must be >= 0; negative values are invalid and will be treated as 1`);
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = spec.affinity?.[kind];
    if (!a) continue;
    const req = at(prefix, 'spec', 'affinity', kind, 'requiredDuringSchedulingIgnoredDuringExecution');
    (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      if (!t.labelSelector) w.push(`${req.index(i).child('labelSelector')}: a null labelSelector results in matching no pod`);
    });
    const pref = at(prefix, 'spec', 'affinity', kind, 'preferredDuringSchedulingIgnoredDuringExecution');
    (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      if (!t.podAffinityTerm?.labelSelector) w.push(`${pref.index(i).child('podAffinityTerm', 'labelSelector')}: a null labelSelector results in matching no pod`);
    });
  }
  return w;
}
