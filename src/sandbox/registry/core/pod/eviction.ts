// pods/eviction (upstream pkg/registry/core/pod/storage/eviction.go): a policy/v1 Eviction
// deletes the pod unless that would violate its PodDisruptionBudget. Pending, finished and
// terminating pods go at once; otherwise the one PDB selecting the pod must allow a disruption
// (status.disruptionsAllowed), which the eviction consumes. A refusal is upstream's 429
// "Cannot evict pod as it would violate the pod's disruption budget." — what `kubectl drain`
// retries on.
import type * as policy from '../../../../generated/k8s/policy/v1.ts';
import { badRequest, conflict, forbidden, internalError, notFound, StatusError, type Status } from '../../../../apimachinery/errors.ts';
import { labelSelectorAsSelector, SelectorParseError } from '../../../../apimachinery/labels.ts';
import { deepClone, type StoredObject } from '../../../../apimachinery/object.ts';
import type { StoredObjectDraft } from '../../../storage/object-store.ts';
import type { DeleteOptions, StrategyContext, SubresourceHandler } from '../../types.ts';
import { createdStatus } from './binding.ts';
import { rfc3339, updatePodCondition } from './conditions.ts';
import type { Pod } from './validation.ts';

type PDB = policy.PodDisruptionBudget & StoredObject;

const PDB_RESOURCE = 'poddisruptionbudgets.policy';
const MAX_DISRUPTED_PODS = 2000;
const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(retryAfterSeconds: number, cause: string): StatusError {
  return new StatusError(
    429,
    'TooManyRequests',
    VIOLATION,
    { retryAfterSeconds: retryAfterSeconds || undefined, causes: [{ reason: 'DisruptionBudget', message: cause }] },
    retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : undefined,
  );
}

/** canIgnorePDB: the pod is not (or no longer) serving, so evicting it disrupts nothing. */
function canIgnorePDB(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The PDBs in the pod's namespace whose selector matches its labels (invalid selectors match nothing). */
export function matchingDisruptionBudgets(ctx: StrategyContext, pod: Pod): PDB[] {
  const out: PDB[] = [];
  for (const pdb of ctx.cluster.store.list(PDB_RESOURCE, pod.metadata.namespace) as PDB[]) {
    let matches: boolean;
    try {
      matches = labelSelectorAsSelector(pdb.spec?.selector).matches(pod.metadata.labels);
    } catch (e) {
      if (e instanceof SelectorParseError) continue;
      throw e;
    }
    if (matches) out.push(pdb);
  }
  return out;
}

/** checkAndDecrement: consumes one allowed disruption (recording the pod), or refuses. */
async function checkAndDecrement(ctx: StrategyContext, pdb: PDB, podName: string, dryRun: boolean): Promise<void> {
  const status = pdb.status;
  const name = pdb.metadata.name;
  if ((status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    throw tooManyRequests(10, `The disruption budget ${name} is still being processed by the server.`);
  }
  const allowed = status?.disruptionsAllowed ?? 0;
  const gr = { group: 'policy', resource: 'poddisruptionbudget' };
  if (allowed < 0) throw forbidden(gr, name, 'pdb disruptions allowed is negative');
  if (Object.keys(status?.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) {
    throw forbidden(gr, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if (allowed === 0) {
    throw tooManyRequests(0, `The disruption budget ${name} needs ${status?.desiredHealthy ?? 0} healthy pods and has ${status?.currentHealthy ?? 0} currently`);
  }
  if (dryRun) return;
  const next = deepClone(pdb);
  const s = (next.status ??= { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  s.disruptionsAllowed = allowed - 1;
  if (s.disruptionsAllowed === 0) {
    const conditions = (s.conditions ??= []);
    const cond = { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: s.observedGeneration, lastTransitionTime: rfc3339(ctx.now) };
    const i = conditions.findIndex((c) => c.type === 'DisruptionAllowed');
    if (i < 0) conditions.push(cond);
    else if (conditions[i]!.status !== 'False') conditions[i] = cond;
  }
  s.disruptedPods = { ...s.disruptedPods, [podName]: rfc3339(ctx.now) };
  const { durable } = ctx.cluster.store.write([{ type: 'update', resource: PDB_RESOURCE, object: next as unknown as StoredObjectDraft }]);
  await durable;
}

/** addConditionAndDeletePod: marks the pod DisruptionTarget, then deletes it as a client delete would. */
async function addConditionAndDeletePod(ctx: StrategyContext, pod: Pod, options: DeleteOptions): Promise<void> {
  const api = ctx.cluster.api;
  const def = ctx.cluster.resources.byResource('', 'pods');
  if (!api || !def) throw internalError('pod storage is not available');
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name!;
  const opts: DeleteOptions = { ...options, preconditions: options.preconditions ? { ...options.preconditions } : undefined };
  if (!ctx.dryRun) {
    const current = ctx.cluster.store.get('pods', ns, name) as (StoredObject & Pod) | undefined;
    if (!current) throw notFound({ group: '', resource: 'pods' }, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict({ group: '', resource: 'Pod' }, name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${current.metadata.uid}). The object might have been deleted and then recreated`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict({ group: '', resource: 'Pod' }, name, `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${current.metadata.resourceVersion}). The object might have been modified`);
    }
    const next = deepClone(current) as Pod;
    const changed = updatePodCondition((next.status ??= {}), { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }, ctx.now);
    if (changed) {
      const { results, durable } = ctx.cluster.store.write([{ type: 'update', resource: 'pods', object: next as unknown as StoredObjectDraft }]);
      await durable;
      if (pre?.resourceVersion) pre.resourceVersion = results[0]!.metadata.resourceVersion;
    }
  }
  await api.delete(ctx, def, ns, name, opts);
}

/** The Eviction handler: policy/v1 (and v1beta1) bodies, answered with a Success Status. */
export async function evictPod(ctx: StrategyContext, namespace: string, name: string, body: policy.Eviction | undefined): Promise<Status> {
  const eviction = body ?? {};
  if ((eviction.metadata?.name ?? '') !== name) throw badRequest('name in URL does not match name in Eviction object');
  const deleteOptions = (eviction.deleteOptions ?? {}) as DeleteOptions & { dryRun?: string[] };
  const dryRun = ctx.dryRun || (deleteOptions.dryRun ?? []).includes('All');
  const runCtx: StrategyContext = dryRun === ctx.dryRun ? ctx : { ...ctx, dryRun };
  const pod = ctx.cluster.store.get('pods', namespace, name) as (StoredObject & Pod) | undefined;
  if (!pod) throw notFound({ group: '', resource: 'pods' }, name);

  if (canIgnorePDB(pod)) {
    await addConditionAndDeletePod(runCtx, pod, deleteOptions);
    return createdStatus();
  }
  const pdbs = matchingDisruptionBudgets(ctx, pod);
  if (pdbs.length > 1) throw new StatusError(500, '', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  if (pdbs.length === 1) {
    const pdb = pdbs[0]!;
    let skipBudget = false;
    if (!isPodReady(pod)) {
      const s = pdb.status;
      if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') skipBudget = true;
      else if ((s?.currentHealthy ?? 0) >= (s?.desiredHealthy ?? 0) && (s?.desiredHealthy ?? 0) > 0) skipBudget = true;
    }
    if (!skipBudget) await checkAndDecrement(ctx, pdb, name, dryRun);
  }
  await addConditionAndDeletePod(runCtx, pod, deleteOptions);
  return createdStatus();
}

export const podEvictionSubresource: SubresourceHandler = {
  verbs: ['create'],
  kind: { group: 'policy', version: 'v1', kind: 'Eviction' },
  handle: (req) => evictPod(req.ctx, req.namespace ?? '', req.name, req.body as policy.Eviction | undefined),
};
