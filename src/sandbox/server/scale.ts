// The /scale subresource: an autoscaling/v1 Scale view of a workload's replicas, read from and
// written to the paths its ResourceDef names (upstream's scale REST for Deployments,
// ReplicaSets, StatefulSets and custom resources).
import { badRequest, conflict, OPTIMISTIC_LOCK_MESSAGE } from '../../apimachinery/errors.ts';
import { formatLabelSelector, type LabelSelector, selectorFromSet } from '../../apimachinery/labels.ts';
import { deepClone, isPlainObject, type KubeObject, type StoredObject } from '../../apimachinery/object.ts';
import { applyJsonPatch } from '../../apimachinery/patch/json-patch.ts';
import { mergePatch } from '../../apimachinery/patch/merge-patch.ts';
import type { ResourceDef, StrategyContext } from '../registry/types.ts';
import { type ApiRequest, type ApiResponse, parseBody, writeOptions } from './api-handler.ts';
import type { ObjectFormat } from './negotiation.ts';

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.replace(/^\./, '').split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

/** A plain label map (a ReplicationController's selector) rather than a metav1.LabelSelector. */
function isLabelMap(v: unknown): v is Record<string, string> {
  return isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string');
}

export function scaleOf(def: ResourceDef, obj: StoredObject): KubeObject {
  const s = def.scale!;
  const selector = s.labelSelectorPath ? getPath(obj, s.labelSelectorPath) : undefined;
  const status: Record<string, unknown> = { replicas: (getPath(obj, s.statusReplicasPath) as number | undefined) ?? 0 };
  if (selector !== undefined) status.selector = typeof selector === 'string' ? selector : isLabelMap(selector) ? selectorFromSet(selector).toString() : formatLabelSelector(selector as LabelSelector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: (getPath(obj, s.specReplicasPath) as number | undefined) ?? 0 },
    status,
  } as KubeObject;
}

export async function handleScale(req: ApiRequest, def: ResourceDef, ctx: StrategyContext, ns: string | undefined, format: ObjectFormat): Promise<ApiResponse> {
  const api = req.cluster.api;
  const current = api.get(ctx, def, ns, req.info.name);
  if (req.info.verb === 'get') return { status: 200, body: scaleOf(def, current), format: { kind: 'json' }, warnings: ctx.warnings };
  if (req.info.verb !== 'update' && req.info.verb !== 'patch') throw badRequest(`verb ${req.info.verb} is not supported on scale`);
  let scale = scaleOf(def, current) as KubeObject & { spec?: { replicas?: number } };
  if (req.info.verb === 'update') {
    scale = parseBody(req.body, req.headers['content-type'] as string | undefined, false).value as typeof scale;
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict({ group: def.group, resource: def.resource }, req.info.name, OPTIMISTIC_LOCK_MESSAGE);
  } else {
    const { value, format: bf } = parseBody(req.body, req.headers['content-type'] as string | undefined, true);
    scale = (bf === 'json-patch' ? applyJsonPatch(scale, value) : mergePatch(scale, value)) as typeof scale;
  }
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest('spec.replicas must be an integer');
  const next = deepClone(current) as unknown as Record<string, unknown>;
  setPath(next, def.scale!.specReplicasPath, replicas);
  const r = await api.update(ctx, def, ns, req.info.name, next as KubeObject, { ...writeOptions(req, ''), subresource: '' });
  void format;
  return { status: 200, body: scaleOf(def, r.object as StoredObject), format: { kind: 'json' }, warnings: ctx.warnings };
}
