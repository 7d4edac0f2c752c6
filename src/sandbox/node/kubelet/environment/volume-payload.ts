// The files of configMap, secret, downwardAPI and projected volumes (upstream pkg/volume/configmap,
// secret, downwardapi, projected MakePayload/collectData): every key, or only the listed items at
// their paths, with the item's mode or the volume's defaultMode. A missing source fails unless it
// is optional (then it projects nothing); a listed key that is missing fails likewise. Errors are
// the volume plugin's; the caller wraps them as `MountVolume.SetUp failed for volume "x" : ...`.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import type { ProjectedFile } from '../../fs/projected-volume.ts';
import { fieldRefValue, resourceFieldRefValue, type FieldContext } from './field-ref.ts';
import { configMapData, secretData, type Sources } from './sources.ts';

export type PayloadResult = { ok: true; files: ProjectedFile[] } | { ok: false; message: string };

export interface PayloadInputs {
  pod: core.Pod;
  sources: Sources;
  field: FieldContext;
  allocatable: Readonly<Record<string, string>>;
  /** Issues a serviceAccountToken source's token (or says why not: the TokenRequest's error). */
  token(source: core.ServiceAccountTokenProjection): { ok: true; value: string } | { ok: false; message: string };
}

/** Whether the volume's files come from the API (and so are re-projected when it changes). */
export function isProjectedKind(v: core.Volume): boolean {
  return !!(v.configMap || v.secret || v.downwardAPI || v.projected);
}

function keyFiles(
  data: Record<string, string>,
  items: readonly core.KeyToPath[] | undefined,
  defaultMode: number,
  optional: boolean,
  missingKey: (key: string) => string,
): PayloadResult {
  if (!items?.length) return { ok: true, files: Object.keys(data).sort().map((k) => ({ path: k, content: data[k], mode: defaultMode })) };
  const files: ProjectedFile[] = [];
  for (const item of items) {
    if (!(item.key in data)) {
      if (optional) continue;
      return { ok: false, message: missingKey(item.key) };
    }
    files.push({ path: item.path, content: data[item.key], mode: item.mode ?? defaultMode });
  }
  return { ok: true, files };
}

function configMapFiles(src: { name?: string; items?: core.KeyToPath[]; optional?: boolean }, defaultMode: number, inp: PayloadInputs): PayloadResult {
  const cm = inp.sources.configMap(inp.pod.metadata?.namespace ?? '', src.name ?? '');
  if (!cm && !src.optional) return { ok: false, message: `configmap "${src.name}" not found` };
  return keyFiles(cm ? configMapData(cm) : {}, src.items, defaultMode, !!src.optional, (k) => `configmap references non-existent config key: ${k}`);
}

function secretFiles(name: string, src: { items?: core.KeyToPath[]; optional?: boolean }, defaultMode: number, inp: PayloadInputs): PayloadResult {
  const s = inp.sources.secret(inp.pod.metadata?.namespace ?? '', name);
  if (!s && !src.optional) return { ok: false, message: `secret "${name}" not found` };
  return keyFiles(s ? secretData(s) : {}, src.items, defaultMode, !!src.optional, (k) => `references non-existent secret key: ${k}`);
}

function downwardFiles(items: readonly core.DownwardAPIVolumeFile[] | undefined, defaultMode: number, inp: PayloadInputs): PayloadResult {
  const files: ProjectedFile[] = [];
  const errors: string[] = [];
  for (const item of items ?? []) {
    let r: { ok: true; value: string } | { ok: false; message: string } = { ok: true, value: '' };
    if (item.fieldRef) r = fieldRefValue(item.fieldRef.fieldPath, inp.field);
    else if (item.resourceFieldRef) {
      const c = (inp.pod.spec?.containers ?? []).find((x) => x.name === item.resourceFieldRef!.containerName) ?? { name: '' };
      r = resourceFieldRefValue(item.resourceFieldRef, inp.pod, c, inp.allocatable);
    }
    if (r.ok) files.push({ path: item.path, content: r.value, mode: item.mode ?? defaultMode });
    else errors.push(r.message);
  }
  return errors.length ? { ok: false, message: aggregate(errors) } : { ok: true, files };
}

/** Upstream utilerrors.NewAggregate: one error as itself, several as `[a, b]`. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

/** The volume's files, or the plugin's error. */
export function volumePayload(v: core.Volume, inp: PayloadInputs): PayloadResult {
  if (v.configMap) return configMapFiles(v.configMap, v.configMap.defaultMode ?? 0o644, inp);
  if (v.secret) return secretFiles(v.secret.secretName ?? '', v.secret, v.secret.defaultMode ?? 0o644, inp);
  if (v.downwardAPI) return downwardFiles(v.downwardAPI.items, v.downwardAPI.defaultMode ?? 0o644, inp);
  if (v.projected) {
    const mode = v.projected.defaultMode ?? 0o644;
    const files = new Map<string, ProjectedFile>();
    const errors: string[] = [];
    for (const s of v.projected.sources ?? []) {
      let r: PayloadResult = { ok: true, files: [] };
      if (s.configMap) r = configMapFiles(s.configMap, mode, inp);
      else if (s.secret) r = secretFiles(s.secret.name ?? '', s.secret, mode, inp);
      else if (s.downwardAPI) r = downwardFiles(s.downwardAPI.items, mode, inp);
      else if (s.serviceAccountToken) {
        const t = inp.token(s.serviceAccountToken);
        r = t.ok ? { ok: true, files: [{ path: s.serviceAccountToken.path, content: t.value, mode }] } : { ok: false, message: t.message };
      }
      if (r.ok) for (const f of r.files) files.set(f.path, f);
      else errors.push(r.message);
    }
    return errors.length ? { ok: false, message: aggregate(errors) } : { ok: true, files: [...files.values()] };
  }
  return { ok: true, files: [] };
}
