// Binding a pod to a node (upstream BindingREST and LegacyBindingREST in
// pkg/registry/core/pod/storage): `POST pods/<name>/binding` (what the scheduler sends) and the
// legacy `POST bindings`. The pod gets spec.nodeName, the binding's annotations and a
// PodScheduled=True condition, written straight to storage as upstream's GuaranteedUpdate does
// (no pod strategy or admission). A pod that is already bound or being deleted is a 409.
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { aggregateMessage } from '../../../../apimachinery/field-errors.ts';
import { badRequest, conflict, notFound, StatusError, type Status } from '../../../../apimachinery/errors.ts';
import { goQuote } from '../../../../apimachinery/go-format.ts';
import { deepClone, type KubeObject, type StoredObject } from '../../../../apimachinery/object.ts';
import type { StoredObjectDraft } from '../../../storage/object-store.ts';
import { defineResource } from '../../define.ts';
import type { StrategyContext, SubresourceHandler } from '../../types.ts';
import { updatePodCondition } from './conditions.ts';
import { validatePodBinding, type Pod } from './validation.ts';

const PODS = { group: '', resource: 'pods' };
const PODS_BINDING = { group: '', resource: 'pods/binding' };

/** A bare Success Status; the create handler stamps it with 201 as upstream's does. */
export function createdStatus(): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}

/** Assigns the pod to the binding's target; shared by both endpoints. */
export async function bindPod(ctx: StrategyContext, namespace: string, name: string, body: KubeObject | undefined): Promise<Status> {
  const binding = (body ?? {}) as core.Binding;
  if ((binding.metadata?.name ?? '') !== name) throw badRequest('name in URL does not match name in Binding object');
  const errs = validatePodBinding(binding);
  // Upstream returns the aggregate as a plain error, which the server reports as a 500.
  if (errs.length) throw new StatusError(500, '', aggregateMessage(errs));
  const current = ctx.cluster.store.get('pods', namespace, name) as (StoredObject & Pod) | undefined;
  if (!current) throw notFound(PODS, name);
  if (current.metadata.deletionTimestamp) throw conflict(PODS_BINDING, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (current.spec?.nodeName) throw conflict(PODS_BINDING, name, `pod ${name} is already assigned to node ${goQuote(current.spec.nodeName)}`);
  // Only the status is changed in place; the rest of the stored pod (immutable) is shared.
  const pod = { ...current, metadata: { ...current.metadata }, status: deepClone(current.status ?? {}) } as Pod;
  pod.spec = { ...pod.spec, nodeName: binding.target.name } as core.PodSpec;
  pod.metadata.annotations = { ...pod.metadata.annotations, ...binding.metadata?.annotations };
  updatePodCondition((pod.status ??= {}), { type: 'PodScheduled', status: 'True' }, ctx.now);
  if (!ctx.dryRun) {
    const { durable } = ctx.cluster.store.write([{ type: 'update', resource: 'pods', object: pod as unknown as StoredObjectDraft }]);
    await durable;
  }
  return createdStatus();
}

/** pods/binding. */
export const podBindingSubresource: SubresourceHandler = {
  verbs: ['create'],
  kind: { group: '', version: 'v1', kind: 'Binding' },
  handle: (req) => bindPod(req.ctx, req.namespace ?? '', req.name, req.body),
};

/** The legacy `bindings` resource: the pod is named by the Binding itself. */
export const bindingResource = defineResource<core.Binding & KubeObject>({
  group: '',
  version: 'v1',
  kind: 'Binding',
  resource: 'bindings',
  namespaced: true,
  verbs: ['create'],
  virtual: (obj, ctx) => bindPod(ctx, obj.metadata?.namespace ?? '', obj.metadata?.name ?? '', obj),
});
