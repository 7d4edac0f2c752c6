// The diff that follows "pod updates may not change fields other than ..." (upstream prints
// cmp.Diff(oldSpec, newSpec) of the internal core.PodSpec). This renders the same shape — the
// Go type, unchanged fields elided as `... // N identical fields` with two fields of context,
// `-`/`+` lines for what changed — over the v1 JSON, so learners see which field they touched.
// It is an approximation: cmp's exact type elision and value alignment are not reproduced.
import { deepEqual, isPlainObject } from '../../../../apimachinery/object.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';

/** Field order of the internal core.PodSpec (hostNetwork & co. live in its SecurityContext upstream). */
const POD_SPEC_FIELDS = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'automountServiceAccountToken', 'nodeName',
  'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'setHostnameAsFQDN', 'affinity', 'schedulerName',
  'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'preemptionPolicy', 'dnsConfig', 'readinessGates',
  'runtimeClassName', 'overhead', 'enableServiceLinks', 'topologySpreadConstraints', 'os', 'schedulingGates',
  'resourceClaims', 'resources', 'hostnameOverride',
];

const CONTAINER_FIELDS = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy',
  'restartPolicyRules', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle',
  'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
];

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  os: 'OS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  tty: 'TTY',
  hostIP: 'HostIP',
  podIP: 'PodIP',
};

const goName = (k: string) => GO_NAMES[k] ?? k.charAt(0).toUpperCase() + k.slice(1);

/** A Go literal for a JSON value (types elided inside composites, as cmp does). */
function literal(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map(literal).join(', ')}}`;
    return `{${v.map(literal).join(', ')}}`;
  }
  if (isPlainObject(v)) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length && entries.every(([, x]) => typeof x === 'string') && !('name' in v)) {
      return `{${entries.map(([k, x]) => `${goQuote(k)}: ${literal(x)}`).join(', ')}}`;
    }
    return `{${entries.map(([k, x]) => `${goName(k)}: ${literal(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** Scalars behind pointers print as `&30` upstream. */
const POINTER_SCALARS = new Set(['terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'automountServiceAccountToken', 'setHostnameAsFQDN', 'priority', 'enableServiceLinks', 'runtimeClassName', 'preemptionPolicy', 'restartPolicy@container']);

function fieldValue(key: string, v: unknown, scope: 'spec' | 'container'): string {
  const pointer = POINTER_SCALARS.has(scope === 'container' ? `${key}@container` : key);
  if (pointer && v !== undefined && v !== null && typeof v !== 'object') return `&${literal(v)}`;
  return literal(v);
}

function orderedKeys(order: readonly string[], a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const extra = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !order.includes(k)).sort();
  return [...order, ...extra];
}

function renderRecord(
  old: Record<string, unknown>,
  cur: Record<string, unknown>,
  order: readonly string[],
  scope: 'spec' | 'container',
  indent: string,
  out: string[],
): void {
  const keys = orderedKeys(order, old, cur);
  const changed = keys.map((k) => !deepEqual(old[k], cur[k]));
  const show = keys.map((_, i) => changed.slice(Math.max(0, i - 2), i + 3).some(Boolean));
  let skipped = 0;
  const flush = () => {
    if (skipped) out.push(`  ${indent}... // ${skipped} identical field${skipped === 1 ? '' : 's'}`);
    skipped = 0;
  };
  keys.forEach((k, i) => {
    if (!show[i]) {
      skipped++;
      return;
    }
    flush();
    const name = goName(k);
    if (!changed[i]) {
      out.push(`  ${indent}${name}: ${fieldValue(k, cur[k], scope)},`);
      return;
    }
    const a = old[k];
    const b = cur[k];
    if (scope === 'spec' && (k === 'containers' || k === 'initContainers') && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      out.push(`  ${indent}${name}: []core.Container{`);
      a.forEach((oc, j) => {
        const nc = b[j];
        if (deepEqual(oc, nc)) {
          out.push(`  ${indent}\t{Name: ${literal((nc as Record<string, unknown>).name)}, ...},`);
          return;
        }
        out.push(`  ${indent}\t{`);
        renderRecord(oc as Record<string, unknown>, nc as Record<string, unknown>, CONTAINER_FIELDS, 'container', `${indent}\t\t`, out);
        out.push(`  ${indent}\t},`);
      });
      out.push(`  ${indent}},`);
      return;
    }
    out.push(`- ${indent}${name}: ${fieldValue(k, a, scope)},`);
    out.push(`+ ${indent}${name}: ${fieldValue(k, b, scope)},`);
  });
  flush();
}

/** cmp.Diff(oldSpec, newSpec)-shaped text; empty when the specs are equal. */
export function podSpecDiff(oldSpec: unknown, newSpec: unknown): string {
  if (deepEqual(oldSpec, newSpec)) return '';
  const out = ['  core.PodSpec{'];
  renderRecord((oldSpec ?? {}) as Record<string, unknown>, (newSpec ?? {}) as Record<string, unknown>, POD_SPEC_FIELDS, 'spec', '\t', out);
  out.push('  }');
  return `${out.join('\n')}\n`;
}
