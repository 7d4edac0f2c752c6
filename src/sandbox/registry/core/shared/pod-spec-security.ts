// Security settings of pods and containers (upstream validatePodSpecSecurityContext,
// ValidateSecurityContext, validateHostUsers, validateSysctls, seccomp and AppArmor profile
// fields, validateOS/validateLinux/validateWindows).
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../../../../apimachinery/field-errors.ts';
import { inclusiveRangeError } from '../../../../apimachinery/validation/names.ts';
import { validateLocalDescendingPath } from './pod-spec-volumes.ts';

const MAX_ID = 2147483647;
const idErrors = (id: number) => (id < 0 || id > MAX_ID ? [inclusiveRangeError(0, MAX_ID)] : []);

function validateSeccompProfile(sp: core.SeccompProfile | undefined, fld: FieldPath): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!sp.type) errs.push(fe.required(fld.child('type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(sp.type)) errs.push(fe.notSupported(fld.child('type'), sp.type, types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined) errs.push(fe.required(fld.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, fld.child('localhostProfile')));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(fe.invalid(fld.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

/** ValidateAppArmorProfileField. */
export function validateAppArmorProfile(p: core.AppArmorProfile | undefined, fld: FieldPath): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  switch (p.type) {
    case 'Localhost': {
      const lp = p.localhostProfile;
      if (lp === undefined) errs.push(fe.required(fld.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      else if (lp.trim() !== lp) errs.push(fe.invalid(fld.child('localhostProfile'), lp, 'must not be padded with whitespace'));
      else if (lp === '') errs.push(fe.required(fld.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      if (lp !== undefined && lp.length > 4095) errs.push(fe.tooLong(fld.child('localhostProfile'), '', 4095));
      break;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      if (p.localhostProfile !== undefined) errs.push(fe.invalid(fld.child('localhostProfile'), p.localhostProfile, 'can only be set when AppArmor type is Localhost'));
      break;
    case '':
    case undefined:
      errs.push(fe.required(fld.child('type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(fe.notSupported(fld.child('type'), p.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_RE_SOURCE = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
const SYSCTL_RE = new RegExp(SYSCTL_RE_SOURCE);

/** utilsysctl.GetNamespace: which Linux namespace a sysctl lives in. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni'].includes(n)) return 'ipc';
  if (n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

function validateSysctls(spec: core.PodSpec, fld: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (spec.securityContext?.sysctls ?? []).forEach((s, i) => {
    const p = fld.index(i).child('name');
    if (!s.name) errs.push(fe.required(p, ''));
    else if (s.name.length > 253 || !SYSCTL_RE.test(s.name)) errs.push(fe.invalid(p, s.name, `must have at most 253 characters and match regex ${SYSCTL_RE_SOURCE}`));
    else if (seen.has(s.name)) errs.push(fe.duplicate(p, s.name));
    const ns = sysctlNamespace(s.name ?? '');
    if (spec.hostNetwork && ns === 'net') errs.push(fe.invalid(p, s.name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC && ns === 'ipc') errs.push(fe.invalid(p, s.name, "may not be specified when 'hostIPC' is true"));
    seen.add(s.name);
  });
  return errs;
}

/** validatePodSpecSecurityContext (the pod-level context and the host namespace switches upstream keeps in it). */
export function validatePodSecurityContext(spec: core.PodSpec, specPath: FieldPath): FieldError[] {
  const sc = spec.securityContext;
  const fld = specPath.child('securityContext');
  const errs: FieldError[] = [];
  if (!sc) return errs;
  if (sc.fsGroup !== undefined) for (const m of idErrors(sc.fsGroup)) errs.push(fe.invalid(fld.child('fsGroup'), sc.fsGroup, m));
  if (sc.runAsUser !== undefined) for (const m of idErrors(sc.runAsUser)) errs.push(fe.invalid(fld.child('runAsUser'), sc.runAsUser, m));
  if (sc.runAsGroup !== undefined) for (const m of idErrors(sc.runAsGroup)) errs.push(fe.invalid(fld.child('runAsGroup'), sc.runAsGroup, m));
  (sc.supplementalGroups ?? []).forEach((g, i) => {
    for (const m of idErrors(g)) errs.push(fe.invalid(fld.child('supplementalGroups').index(i), g, m));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID) {
    errs.push(fe.invalid(fld.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  if (sc.sysctls?.length) errs.push(...validateSysctls(spec, fld.child('sysctls')));
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(fe.notSupported(fld.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, fld.child('seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, fld.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(fe.notSupported(fld.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  if (sc.seLinuxChangePolicy !== undefined && !['MountOption', 'Recursive'].includes(sc.seLinuxChangePolicy)) {
    errs.push(fe.notSupported(fld.child('seLinuxChangePolicy'), sc.seLinuxChangePolicy, ['MountOption', 'Recursive']));
  }
  return errs;
}

/** validateHostUsers: user namespaces exclude the host's network, PID and IPC namespaces. */
export function validateHostUsers(spec: core.PodSpec, specPath: FieldPath): FieldError[] {
  if (spec.hostUsers !== false) return [];
  const errs: FieldError[] = [];
  if (spec.hostNetwork) errs.push(fe.forbidden(specPath.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
  if (spec.hostPID) errs.push(fe.forbidden(specPath.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
  if (spec.hostIPC) errs.push(fe.forbidden(specPath.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  return errs;
}

/** ValidateSecurityContext of one container. */
export function validateContainerSecurityContext(sc: core.SecurityContext | undefined, fld: FieldPath, hostUsers: boolean): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser !== undefined) for (const m of idErrors(sc.runAsUser)) errs.push(fe.invalid(fld.child('runAsUser'), sc.runAsUser, m));
  if (sc.runAsGroup !== undefined) for (const m of idErrors(sc.runAsGroup)) errs.push(fe.invalid(fld.child('runAsGroup'), sc.runAsGroup, m));
  if (sc.procMount !== undefined) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') errs.push(fe.notSupported(fld.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(fe.invalid(fld.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, fld.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(fe.invalid(fld, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    if ((sc.capabilities?.add ?? []).includes('CAP_SYS_ADMIN')) {
      errs.push(fe.invalid(fld, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, fld.child('appArmorProfile')));
  return errs;
}

type Visit = (c: core.Container | core.EphemeralContainer, p: FieldPath) => void;

/** podshelper.VisitContainersWithPath: init, regular, then ephemeral containers. */
export function visitContainersWithPath(spec: core.PodSpec, specPath: FieldPath, visit: Visit): void {
  (spec.initContainers ?? []).forEach((c, i) => visit(c, specPath.child('initContainers').index(i)));
  (spec.containers ?? []).forEach((c, i) => visit(c, specPath.child('containers').index(i)));
  (spec.ephemeralContainers ?? []).forEach((c, i) => visit(c, specPath.child('ephemeralContainers').index(i)));
}

/** validateOS and the OS-specific rules that follow it. */
export function validateOS(spec: core.PodSpec, specPath: FieldPath): FieldError[] {
  const os = spec.os;
  if (!os) return [];
  const fld = specPath.child('os');
  if (!os.name) return [fe.required(fld.child('name'), 'cannot be empty')];
  if (os.name !== 'linux' && os.name !== 'windows') return [fe.notSupported(fld, os.name, ['linux', 'windows'])];
  const errs: FieldError[] = [];
  const sc = spec.securityContext;
  if (os.name === 'linux') {
    if (sc?.windowsOptions) errs.push(fe.forbidden(specPath.child('securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    visitContainersWithPath(spec, specPath, (c, p) => {
      if (c.securityContext?.windowsOptions) errs.push(fe.forbidden(p.child('securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    });
    return errs;
  }
  const forbid = (p: FieldPath) => errs.push(fe.forbidden(p, 'cannot be set for a windows pod'));
  const scp = specPath.child('securityContext');
  if (sc) {
    if (sc.appArmorProfile) forbid(scp.child('appArmorProfile'));
    if (sc.seLinuxOptions) forbid(scp.child('seLinuxOptions'));
    if (spec.hostUsers !== undefined) forbid(specPath.child('hostUsers'));
    if (spec.hostPID) forbid(specPath.child('hostPID'));
    if (spec.hostIPC) forbid(specPath.child('hostIPC'));
    if (sc.seccompProfile) forbid(scp.child('seccompProfile'));
    if (sc.fsGroup !== undefined) forbid(scp.child('fsGroup'));
    if (sc.fsGroupChangePolicy !== undefined) forbid(scp.child('fsGroupChangePolicy'));
    if (sc.sysctls?.length) forbid(scp.child('sysctls'));
    if (spec.shareProcessNamespace !== undefined) forbid(specPath.child('shareProcessNamespace'));
    if (sc.runAsUser !== undefined) forbid(scp.child('runAsUser'));
    if (sc.runAsGroup !== undefined) forbid(scp.child('runAsGroup'));
    if (sc.supplementalGroups !== undefined) forbid(scp.child('supplementalGroups'));
    if (sc.supplementalGroupsPolicy !== undefined) forbid(scp.child('supplementalGroupsPolicy'));
    if (sc.seLinuxChangePolicy !== undefined) forbid(scp.child('seLinuxChangePolicy'));
  }
  visitContainersWithPath(spec, specPath, (c, p) => {
    const csc = c.securityContext;
    if (!csc) return;
    const cp = p.child('securityContext');
    if (csc.appArmorProfile) forbid(cp.child('appArmorProfile'));
    if (csc.seLinuxOptions) forbid(cp.child('seLinuxOptions'));
    if (csc.seccompProfile) forbid(cp.child('seccompProfile'));
    if (csc.capabilities) forbid(cp.child('capabilities'));
    if (csc.readOnlyRootFilesystem !== undefined) forbid(cp.child('readOnlyRootFilesystem'));
    if (csc.privileged !== undefined) forbid(cp.child('privileged'));
    if (csc.allowPrivilegeEscalation !== undefined) forbid(cp.child('allowPrivilegeEscalation'));
    if (csc.procMount !== undefined) forbid(cp.child('procMount'));
    if (csc.runAsUser !== undefined) forbid(cp.child('runAsUser'));
    if (csc.runAsGroup !== undefined) forbid(cp.child('runAsGroup'));
  });
  return errs;
}
