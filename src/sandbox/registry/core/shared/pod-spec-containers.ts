// Container validation (upstream validateContainers, validateInitContainers,
// validateEphemeralContainers, validateContainerCommon and the port, env, probe and lifecycle
// checks): names unique across init and regular containers, an image, valid ports and env,
// exactly one handler per probe, and the sidecar rules for init containers with restartPolicy Always.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  regexError,
} from '../../../../apimachinery/validation/names.ts';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './pod-spec-downward-api.ts';
import type { PodSpecValidationOptions } from './pod-spec-options.ts';
import { validateResourceRequirements } from './pod-spec-resources.ts';
import { validateContainerSecurityContext } from './pod-spec-security.ts';
import { validateVolumeDevices, validateVolumeMounts } from './pod-spec-volumes.ts';

type AnyContainer = core.Container | core.EphemeralContainer;

/** What every container's checks need from the surrounding PodSpec. */
export interface ContainerContext {
  volumes: ReadonlyMap<string, core.Volume>;
  podClaimNames: ReadonlySet<string>;
  gracePeriod: number | undefined;
  podRestartPolicy: string;
  hostUsers: boolean;
  opts: PodSpecValidationOptions;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: core.ContainerPort[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = fld.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(fe.invalid(p.child('name'), port.name, m));
      else if (names.has(port.name)) errs.push(fe.duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fe.required(p.child('containerPort'), ''));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(fe.invalid(p.child('containerPort'), port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(fe.invalid(p.child('hostPort'), port.hostPort, m));
    if (!port.protocol) errs.push(fe.required(p.child('protocol'), ''));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(fe.notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
  });
  return errs;
}

/** validation.IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is GA). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7f || cp < 0x20 || cp === 0x7f || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

const ENV_DOWNWARD_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

function validateKeySelector(s: { name?: string; key: string }, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of isDNS1123Subdomain(s.name ?? '')) errs.push(fe.invalid(fld.child('name'), s.name ?? '', m));
  if (!s.key) errs.push(fe.required(fld.child('key'), ''));
  else for (const m of isConfigMapKey(s.key)) errs.push(fe.invalid(fld.child('key'), s.key, m));
  return errs;
}

function validateEnvVarValueFrom(ev: core.EnvVar, fld: FieldPath): FieldError[] {
  const vf = ev.valueFrom;
  if (!vf) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (vf.fieldRef) {
    n++;
    errs.push(...validateObjectFieldSelector(vf.fieldRef, ENV_DOWNWARD_FIELDS, fld.child('fieldRef')));
  }
  if (vf.resourceFieldRef) {
    n++;
    errs.push(...validateResourceFieldSelector(vf.resourceFieldRef, fld.child('resourceFieldRef'), false));
  }
  if (vf.configMapKeyRef) {
    n++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, fld.child('configMapKeyRef')));
  }
  if (vf.secretKeyRef) {
    n++;
    errs.push(...validateKeySelector(vf.secretKeyRef, fld.child('secretKeyRef')));
  }
  if (vf.fileKeyRef) n++;
  if (n === 0) errs.push(fe.invalid(fld, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(fe.invalid(fld, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(fe.invalid(fld, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateEnv(env: core.EnvVar[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = fld.index(i);
    if (!ev.name) errs.push(fe.required(p.child('name'), ''));
    else for (const m of isRelaxedEnvVarName(ev.name)) errs.push(fe.invalid(p.child('name'), ev.name, m));
    errs.push(...validateEnvVarValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

/** DNS-subdomain name check in prefix mode (a trailing dash is tolerated), as envFrom names are checked. */
function subdomainPrefixErrors(name: string): string[] {
  return isDNS1123Subdomain(name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);
}

function validateEnvFrom(sources: core.EnvFromSource[] | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((ev, i) => {
    const p = fld.index(i);
    if (ev.prefix) for (const m of isRelaxedEnvVarName(ev.prefix)) errs.push(fe.invalid(p.child('prefix'), ev.prefix, m));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = ev[kind];
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(fe.required(p.child(kind, 'name'), ''));
      else for (const m of subdomainPrefixErrors(ref.name)) errs.push(fe.invalid(p.child(kind, 'name'), ref.name, m));
    }
    if (n === 0) errs.push(fe.invalid(fld, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fe.invalid(fld, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** ValidatePortNumOrName (probe and hook ports). */
export function validatePortNumOrName(port: number | string | undefined, fld: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fe.invalid(fld, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fe.invalid(fld, port, m));
  return isValidPortNum(0).map((m) => fe.invalid(fld, 0, m));
}

const HTTP_HEADER_RE = /^[-A-Za-z0-9]+$/;

interface Handler {
  exec?: core.ExecAction;
  httpGet?: core.HTTPGetAction;
  tcpSocket?: core.TCPSocketAction;
  grpc?: core.GRPCAction;
  sleep?: core.SleepAction;
}

function validateHandler(h: Handler, gracePeriod: number | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (kind: keyof Handler, check: () => FieldError[]) => {
    if (h[kind] === undefined || h[kind] === null) return;
    if (n > 0) {
      errs.push(fe.forbidden(fld.child(kind), 'may not specify more than 1 handler type'));
      return;
    }
    n++;
    errs.push(...check());
  };
  one('exec', () => ((h.exec!.command ?? []).length === 0 ? [fe.required(fld.child('exec', 'command'), '')] : []));
  one('httpGet', () => {
    const g = h.httpGet!;
    const p = fld.child('httpGet');
    const out: FieldError[] = [];
    if (!g.path) out.push(fe.required(p.child('path'), ''));
    out.push(...validatePortNumOrName(g.port, p.child('port')));
    if (g.scheme !== 'HTTP' && g.scheme !== 'HTTPS') out.push(fe.notSupported(p.child('scheme'), g.scheme ?? '', ['HTTP', 'HTTPS']));
    for (const hd of g.httpHeaders ?? []) {
      if (!HTTP_HEADER_RE.test(hd.name ?? '')) {
        out.push(fe.invalid(p.child('httpHeaders'), hd.name ?? '', regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name')));
      }
    }
    return out;
  });
  one('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, fld.child('tcpSocket', 'port')));
  one('grpc', () => validatePortNumOrName(h.grpc!.port ?? 0, fld.child('grpc', 'port')));
  one('sleep', () => {
    const s = h.sleep!.seconds ?? 0;
    if (gracePeriod !== undefined && (s < 0 || s > gracePeriod)) {
      return [fe.invalid(fld.child('sleep'), s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
    }
    return [];
  });
  if (n === 0) errs.push(fe.required(fld, 'must specify a handler type'));
  return errs;
}

function nonNegative(v: number | undefined, fld: FieldPath): FieldError[] {
  return (v ?? 0) < 0 ? [fe.invalid(fld, v, 'must be greater than or equal to 0')] : [];
}

function validateProbe(probe: core.Probe, gracePeriod: number | undefined, fld: FieldPath): FieldError[] {
  const { exec, httpGet, tcpSocket, grpc } = probe;
  const errs = validateHandler({ exec, httpGet, tcpSocket, grpc }, gracePeriod, fld);
  errs.push(...nonNegative(probe.initialDelaySeconds, fld.child('initialDelaySeconds')));
  errs.push(...nonNegative(probe.timeoutSeconds, fld.child('timeoutSeconds')));
  errs.push(...nonNegative(probe.periodSeconds, fld.child('periodSeconds')));
  errs.push(...nonNegative(probe.successThreshold, fld.child('successThreshold')));
  errs.push(...nonNegative(probe.failureThreshold, fld.child('failureThreshold')));
  const tgp = probe.terminationGracePeriodSeconds;
  if (tgp !== undefined && tgp <= 0) errs.push(fe.invalid(fld.child('terminationGracePeriodSeconds'), tgp, 'must be greater than 0'));
  return errs;
}

function validateProbes(c: AnyContainer, gracePeriod: number | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (c.livenessProbe) {
    errs.push(...validateProbe(c.livenessProbe, gracePeriod, fld.child('livenessProbe')));
    if (c.livenessProbe.successThreshold !== 1) errs.push(fe.invalid(fld.child('livenessProbe', 'successThreshold'), c.livenessProbe.successThreshold ?? 0, 'must be 1'));
  }
  if (c.readinessProbe) {
    errs.push(...validateProbe(c.readinessProbe, gracePeriod, fld.child('readinessProbe')));
    const tgp = c.readinessProbe.terminationGracePeriodSeconds;
    if (tgp !== undefined) errs.push(fe.invalid(fld.child('readinessProbe', 'terminationGracePeriodSeconds'), tgp, 'must not be set for readinessProbes'));
  }
  if (c.startupProbe) {
    errs.push(...validateProbe(c.startupProbe, gracePeriod, fld.child('startupProbe')));
    if (c.startupProbe.successThreshold !== 1) errs.push(fe.invalid(fld.child('startupProbe', 'successThreshold'), c.startupProbe.successThreshold ?? 0, 'must be 1'));
  }
  return errs;
}

function validateLifecycle(lc: core.Lifecycle, gracePeriod: number | undefined, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (lc.postStart) errs.push(...validateHandler(lc.postStart, gracePeriod, fld.child('postStart')));
  if (lc.preStop) errs.push(...validateHandler(lc.preStop, gracePeriod, fld.child('preStop')));
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateResizePolicy(list: core.ContainerResizePolicy[] | undefined, fld: FieldPath, podRestartPolicy: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (list ?? []).forEach((p, i) => {
    if (seen.has(p.resourceName)) errs.push(fe.duplicate(fld.index(i), p.resourceName));
    seen.add(p.resourceName);
    if (!p.resourceName) errs.push(fe.required(fld, ''));
    else if (p.resourceName !== 'cpu' && p.resourceName !== 'memory') errs.push(fe.notSupported(fld, p.resourceName, ['cpu', 'memory']));
    if (!p.restartPolicy) errs.push(fe.required(fld, ''));
    else if (p.restartPolicy !== 'NotRequired' && p.restartPolicy !== 'RestartContainer') {
      errs.push(fe.notSupported(fld, p.restartPolicy, ['NotRequired', 'RestartContainer']));
    }
    if (podRestartPolicy === 'Never' && p.restartPolicy !== 'NotRequired') {
      errs.push(fe.invalid(fld, p.restartPolicy ?? '', "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

/** validateContainerCommon: the checks every kind of container shares. */
function validateContainerCommon(c: AnyContainer, ctx: ContainerContext, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fe.required(fld.child('name'), ''));
  else for (const m of isDNS1123Label(c.name)) errs.push(fe.invalid(fld.child('name'), c.name, m));
  if (!c.image) errs.push(fe.required(fld.child('image'), ''));
  const tmp = c.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(fe.required(fld.child('terminationMessagePolicy'), ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(fe.notSupported(fld.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, fld.child('ports')));
  errs.push(...validateEnv(c.env, fld.child('env')));
  errs.push(...validateEnvFrom(c.envFrom, fld.child('envFrom')));
  errs.push(...validateVolumeMounts(c, ctx.volumes, fld.child('volumeMounts')));
  errs.push(...validateVolumeDevices(c, ctx.volumes, fld.child('volumeDevices')));
  const pp = c.imagePullPolicy ?? '';
  if (pp === '') errs.push(fe.required(fld.child('imagePullPolicy'), ''));
  else if (!PULL_POLICIES.includes(pp)) errs.push(fe.notSupported(fld.child('imagePullPolicy'), pp, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, ctx.podClaimNames, fld.child('resources'), ctx.opts));
  errs.push(...validateResizePolicy(c.resizePolicy, fld.child('resizePolicy'), ctx.podRestartPolicy));
  errs.push(...validateContainerSecurityContext(c.securityContext, fld.child('securityContext'), ctx.hostUsers));
  return errs;
}

/** checkHostPortConflicts: one protocol/hostIP/hostPort triple per scope. */
function checkHostPortConflicts(containers: core.Container[], fld: FieldPath, offset = 0): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(fe.duplicate(fld.index(ci + offset).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

/** validateContainers: the regular containers (at least one). */
export function validateContainers(containers: core.Container[] | undefined, ctx: ContainerContext, fld: FieldPath): FieldError[] {
  if (!containers || containers.length === 0) return [fe.required(fld, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = fld.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    if (names.has(c.name)) errs.push(fe.duplicate(p.child('name'), c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child('lifecycle')));
    errs.push(...validateProbes(c, ctx.gracePeriod, p));
    if (c.restartPolicy !== undefined) errs.push(fe.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, fld));
  return errs;
}

const INIT_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

/** validateInitContainers: names unique with the regular containers; probes and hooks only for sidecars. */
export function validateInitContainers(init: core.Container[] | undefined, regular: core.Container[] | undefined, ctx: ContainerContext, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (init ?? []).forEach((c, i) => {
    const p = fld.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    let sidecar = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') errs.push(fe.notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
      sidecar = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(fe.duplicate(p.child('name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], fld, i));
    if (sidecar) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child('lifecycle')));
      errs.push(...validateProbes(c, ctx.gracePeriod, p));
    } else {
      if (c.lifecycle) errs.push(fe.forbidden(p.child('lifecycle'), INIT_FORBIDDEN));
      if (c.livenessProbe) errs.push(fe.forbidden(p.child('livenessProbe'), INIT_FORBIDDEN));
      if (c.readinessProbe) errs.push(fe.forbidden(p.child('readinessProbe'), INIT_FORBIDDEN));
      if (c.startupProbe) errs.push(fe.forbidden(p.child('startupProbe'), INIT_FORBIDDEN));
    }
  });
  return errs;
}

const EPHEMERAL_DISALLOWED = ['ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resizePolicy', 'restartPolicy'] as const;

/** validateEphemeralContainers: debug containers share the name space of the others and may not serve. */
export function validateEphemeralContainers(
  eph: core.EphemeralContainer[] | undefined,
  containers: core.Container[] | undefined,
  init: core.Container[] | undefined,
  ctx: ContainerContext,
  fld: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!eph?.length) return errs;
  const others = new Set([...(containers ?? []), ...(init ?? [])].map((c) => c.name));
  const all = new Set(others);
  eph.forEach((c, i) => {
    const p = fld.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    errs.push(...validateImageWhitespace(c, p));
    if (all.has(c.name)) errs.push(fe.duplicate(p.child('name'), c.name));
    else all.add(c.name);
    if (c.targetContainerName && !others.has(c.targetContainerName)) errs.push(fe.notFound(p.child('targetContainerName'), c.targetContainerName));
    for (const f of EPHEMERAL_DISALLOWED) {
      const v = c[f];
      const empty = v === undefined || (f === 'resources' && Object.keys(v as object).length === 0);
      if (!empty) errs.push(fe.forbidden(p.child(f), 'cannot be set for an Ephemeral Container'));
    }
    (c.volumeMounts ?? []).forEach((vm, j) => {
      if (vm.subPath) errs.push(fe.forbidden(p.child('volumeMounts').index(j).child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (vm.subPathExpr) errs.push(fe.forbidden(p.child('volumeMounts').index(j).child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

/** validateContainerOnlyForPod: images of real pods may not carry surrounding whitespace. */
export function validateImageWhitespace(c: AnyContainer, fld: FieldPath): FieldError[] {
  const image = c.image ?? '';
  return image.length !== image.trim().length ? [fe.invalid(fld.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}
