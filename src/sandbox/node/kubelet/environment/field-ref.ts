// Downward API values (upstream Kubelet.podFieldSelectorRuntimeValue, pkg/fieldpath and
// pkg/api/v1/resource): a pod field by path for fieldRef, and a container resource for
// resourceFieldRef, divided by the divisor and rounded up; a missing limit reads as the node's
// allocatable (Kubelet.defaultPodLimitsForDownwardAPI). Shared by env vars and downwardAPI volumes.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';

export interface FieldContext {
  pod: core.Pod;
  podIPs: readonly string[];
  hostIPs: readonly string[];
}

type Result = { ok: true; value: string } | { ok: false; message: string };

/** Upstream fieldpath.FormatMap: `key="value"` lines, sorted by key. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

/** The value of a fieldRef (env vars accept every path here; volumes only metadata.*). */
export function fieldRefValue(fieldPath: string, ctx: FieldContext): Result {
  const { pod } = ctx;
  const meta = pod.metadata ?? {};
  switch (fieldPath) {
    case 'spec.nodeName':
      return { ok: true, value: pod.spec?.nodeName ?? '' };
    case 'spec.serviceAccountName':
      return { ok: true, value: pod.spec?.serviceAccountName ?? '' };
    case 'status.hostIP':
      return { ok: true, value: ctx.hostIPs[0] ?? '' };
    case 'status.hostIPs':
      return { ok: true, value: ctx.hostIPs.join(',') };
    case 'status.podIP':
      return { ok: true, value: ctx.podIPs[0] ?? '' };
    case 'status.podIPs':
      return { ok: true, value: ctx.podIPs.join(',') };
    case 'metadata.name':
      return { ok: true, value: meta.name ?? '' };
    case 'metadata.namespace':
      return { ok: true, value: meta.namespace ?? '' };
    case 'metadata.uid':
      return { ok: true, value: meta.uid ?? '' };
    case 'metadata.generateName':
      return { ok: true, value: meta.generateName ?? '' };
    case 'metadata.labels':
      return { ok: true, value: formatMap(meta.labels) };
    case 'metadata.annotations':
      return { ok: true, value: formatMap(meta.annotations) };
  }
  const m = SUBSCRIPT.exec(fieldPath);
  if (m) {
    const map = m[1] === 'labels' ? meta.labels : meta.annotations;
    return { ok: true, value: map?.[m[2]] ?? '' };
  }
  return { ok: false, message: `unsupported fieldPath: ${fieldPath}` };
}

const DEFAULTED = ['cpu', 'memory', 'ephemeral-storage'];

/** The value of a resourceFieldRef of `container` (or of `ref.containerName`). */
export function resourceFieldRefValue(
  ref: core.ResourceFieldSelector,
  pod: core.Pod,
  container: core.Container,
  allocatable: Readonly<Record<string, string>>,
): Result {
  const target = ref.containerName
    ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === ref.containerName)
    : container;
  if (!target) return { ok: false, message: `container ${ref.containerName} not found` };
  const dot = ref.resource.indexOf('.');
  const kind = ref.resource.slice(0, dot);
  const name = ref.resource.slice(dot + 1);
  if (dot < 0 || (kind !== 'limits' && kind !== 'requests')) return { ok: false, message: `unsupported container resource : ${ref.resource}` };
  if (!DEFAULTED.includes(name) && !name.startsWith('hugepages-')) return { ok: false, message: `unsupported container resource : ${ref.resource}` };
  let text = (kind === 'limits' ? target.resources?.limits : target.resources?.requests)?.[name];
  if (text === undefined && kind === 'limits' && DEFAULTED.includes(name)) text = allocatable[name];
  let q: Quantity;
  let divisor: Quantity;
  try {
    q = Quantity.parse(String(text ?? '0'));
    divisor = Quantity.parse(String(ref.divisor ?? '1'));
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  if (divisor.isZero()) divisor = Quantity.parse('1');
  const value = name === 'cpu'
    ? Math.ceil(Number(q.milliValue()) / Number(divisor.milliValue()))
    : Math.ceil(Number(q.value()) / Number(divisor.value()));
  return { ok: true, value: String(value) };
}
