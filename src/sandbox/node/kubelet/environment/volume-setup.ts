// Mounting one pod volume (upstream volume plugins' SetUp): the filesystem the kubelet would
// bind into containers, or the error the kubelet reports. configMap/secret/downwardAPI/projected
// volumes are `..data` trees (fs/projected-volume.ts); emptyDirs are fresh; hostPath is a
// directory of the node's filesystem after its type check; a claim resolves to its bound
// PersistentVolume, whose contents outlive the pod (persistentVolumeDataKey).
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { Quantity } from '../../../../apimachinery/quantity.ts';
import { MemoryFs } from '../../fs/memory-fs.ts';
import type { FileSystem } from '../../fs/types.ts';
import { projectedVolumeFs } from '../../fs/projected-volume.ts';
import { checkHostPathType } from './host-path.ts';
import type { Sources } from './sources.ts';
import { volumePayload, type PayloadInputs } from './volume-payload.ts';
import type { MountedVolume, VolumeData } from './volume-data.ts';

export type SetUpResult =
  | { ok: true; volume: MountedVolume }
  /** A volume plugin's SetUp error (FailedMount `MountVolume.SetUp failed for volume ...`). */
  | { ok: false; kind: 'setup'; message: string }
  /** The claim cannot be used yet (FailedMount `Unable to attach or mount volumes: ...`). */
  | { ok: false; kind: 'claim'; message: string };

export interface SetUpContext {
  pod: core.Pod;
  node: { name: string; ip: string; allocatable: Readonly<Record<string, string>> };
  sources: Sources;
  data: VolumeData;
  now: () => number;
  payload: PayloadInputs;
}

const DISK = { source: '/dev/sda1', fsType: 'ext4' };
const TMPFS = { source: 'tmpfs', fsType: 'tmpfs' };
const MAX_VOLUME_BYTES = 256 * 1024 * 1024;

/** The projected content's identity (tokens excluded: they are issued once per mount). */
export function payloadKey(files: ReadonlyArray<{ path: string; content: string; mode?: number }>, tokenPaths: ReadonlySet<string>): string {
  return JSON.stringify(files.filter((f) => !tokenPaths.has(f.path)).map((f) => [f.path, f.content, f.mode]));
}

export function tokenPathsOf(v: core.Volume): Set<string> {
  return new Set((v.projected?.sources ?? []).flatMap((s) => (s.serviceAccountToken ? [s.serviceAccountToken.path] : [])));
}

function bytes(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  try {
    return Number(Quantity.parse(String(q)).value());
  } catch {
    return undefined;
  }
}

export function setUpVolume(v: core.Volume, ctx: SetUpContext): SetUpResult {
  const fail = (message: string): SetUpResult => ({ ok: false, kind: 'setup', message });
  if (v.configMap || v.secret || v.downwardAPI || v.projected) {
    const r = volumePayload(v, ctx.payload);
    if (!r.ok) return fail(r.message);
    const defaultMode = (v.configMap ?? v.secret ?? v.downwardAPI ?? v.projected)?.defaultMode ?? 0o644;
    const gid = ctx.pod.spec?.securityContext?.fsGroup;
    // Secrets and projected volumes (kube-api-access) sit on a tmpfs (01777); configMap and
    // downwardAPI volumes in a directory of the node's disk (0777).
    const tmpfs = !!(v.secret || v.projected);
    const fs = projectedVolumeFs(r.files, { now: ctx.now, defaultMode, secret: tmpfs, gid, limitBytes: MAX_VOLUME_BYTES });
    const tokenPaths = tokenPathsOf(v);
    const tokens = new Map(r.files.filter((f) => tokenPaths.has(f.path)).map((f) => [f.path, f.content]));
    return {
      ok: true,
      volume: { fs, root: '/', readOnly: true, ...(tmpfs ? TMPFS : DISK), projected: { content: payloadKey(r.files, tokenPaths), tokens, defaultMode } },
    };
  }
  if (v.emptyDir) {
    const memory = v.emptyDir.medium === 'Memory';
    const limit = bytes(v.emptyDir.sizeLimit) ?? (memory ? bytes(ctx.node.allocatable.memory) : undefined);
    const fs = new MemoryFs({ now: ctx.now, rootMode: 0o777, limitBytes: Math.min(limit ?? MAX_VOLUME_BYTES, MAX_VOLUME_BYTES) });
    applyFsGroup(fs, '/', ctx.pod.spec?.securityContext?.fsGroup);
    return { ok: true, volume: { fs, root: '/', readOnly: false, ...(memory ? { ...TMPFS, memory: true } : DISK) } };
  }
  if (v.hostPath) {
    const node = ctx.data.node(ctx.node.name, ctx.node.ip, ctx.now);
    const err = checkHostPathType(node, v.hostPath.path, v.hostPath.type);
    if (err) return fail(err);
    return { ok: true, volume: { fs: node.fs, root: v.hostPath.path, readOnly: false, ...DISK } };
  }
  const claim = v.persistentVolumeClaim ?? (v.ephemeral ? { claimName: `${ctx.pod.metadata?.name}-${v.name}`, readOnly: false } : undefined);
  if (claim) return setUpClaim(claim.claimName, !!claim.readOnly, ctx);
  if (v.nfs) {
    return { ok: true, volume: { fs: new MemoryFs({ now: ctx.now, rootMode: 0o777 }), root: '/', readOnly: !!v.nfs.readOnly, source: `${v.nfs.server}:${v.nfs.path}`, fsType: 'nfs4' } };
  }
  // Other plugins (csi, iscsi, image, ...): an empty directory stands in.
  return { ok: true, volume: { fs: new MemoryFs({ now: ctx.now, rootMode: 0o755 }), root: '/', readOnly: false, ...DISK } };
}

function setUpClaim(claimName: string, readOnly: boolean, ctx: SetUpContext): SetUpResult {
  const ns = ctx.pod.metadata?.namespace ?? '';
  const claimFail = (why: string): SetUpResult => ({ ok: false, kind: 'claim', message: `error processing PVC ${ns}/${claimName}: ${why}` });
  const pvc = ctx.sources.persistentVolumeClaim(ns, claimName);
  if (!pvc) return claimFail(`failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`);
  if (pvc.metadata?.deletionTimestamp) return claimFail('PVC is being deleted');
  if (pvc.status?.phase !== 'Bound') return claimFail('PVC is not bound');
  const pvName = pvc.spec?.volumeName;
  if (!pvName) return claimFail('PVC has empty pvc.Spec.VolumeName');
  const pv = ctx.sources.persistentVolume(pvName);
  if (!pv) return claimFail(`failed to fetch PV ${pvName} from API server: persistentvolumes "${pvName}" not found`);
  // Dynamically provisioned directories (local-path) are world-writable; a static hostPath PV's
  // directory is created by the runtime as root 0755.
  const provisioned = !!pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by'];
  const fs = ctx.data.persistentVolume(persistentVolumeDataKey(pv), ctx.now, provisioned ? 0o777 : 0o755);
  if (!readOnly) applyFsGroup(fs, '/', ctx.pod.spec?.securityContext?.fsGroup);
  const nfs = pv.spec?.nfs;
  return {
    ok: true,
    volume: { fs, root: '/', readOnly: readOnly, ...(nfs ? { source: `${nfs.server}:${nfs.path}`, fsType: 'nfs4' } : DISK) },
  };
}

/**
 * Upstream SetVolumeOwnership for fsGroup: every file and directory gets the group, group
 * read/write (and search for directories), and directories the setgid bit so new files inherit
 * the group (`drwxrwsrwx root 2000` for an emptyDir).
 */
export function applyFsGroup(fs: FileSystem, path: string, gid: number | undefined): void {
  if (gid === undefined || gid === null) return;
  const st = fs.lstat ? fs.lstat(path) : fs.stat(path);
  if (st.type === 'symlink') return;
  fs.chown?.(path, st.uid, gid);
  if (st.type === 'dir') {
    fs.chmod(path, st.mode | 0o2770);
    for (const e of fs.readDir(path)) applyFsGroup(fs, path === '/' ? `/${e.name}` : `${path}/${e.name}`, gid);
  } else {
    fs.chmod(path, st.mode | 0o660);
  }
}

/**
 * Where a PV's contents live: a hostPath or local PV's directory by its path (the data outlives
 * the PV object, as the directory on the node does: a PV recreated over the same path finds it);
 * any other PV by name and uid (a deleted and recreated PV of the same name starts empty).
 */
export function persistentVolumeDataKey(pv: core.PersistentVolume): string {
  if (pv.spec?.hostPath) return `hostPath:${pv.spec.hostPath.path}`;
  if (pv.spec?.local) return `local:${pv.spec.local.path}`;
  return `pv:${pv.metadata?.name}:${pv.metadata?.uid ?? ''}`;
}
