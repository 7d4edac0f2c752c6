// The ResourceQuota admission plugin (upstream k8s.io/apiserver/pkg/admission/plugin/resourcequota),
// last in the chain: a namespaced create or update is refused with upstream's `exceeded quota` or
// `failed quota` message when it would take a quota of its namespace over a hard limit. Usage is
// computed from the cluster's objects at the moment of the check, and the check and the write it
// guards happen in one turn of the event loop, so concurrent requests cannot overrun a quota
// (upstream serialises them through status.used updates instead).
import { forbidden } from '../../../apimachinery/errors.ts';
import type { StoredObject } from '../../../apimachinery/object.ts';
import { storageKey } from '../../registry/generic-store.ts';
import type { AdmissionPlugin } from '../types.ts';
import { checkRequest } from './check-request.ts';
import type { ResourceQuota } from './evaluator.ts';
import { evaluatorFor } from './registry.ts';
import { calculateUsage } from './usage.ts';

export const resourceQuotaAdmission: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(a) {
    // Subresource writes and cluster-scoped objects (namespaces included) are never charged.
    if (a.subresource !== '' || !a.namespace || !a.object || a.def.virtual) return;
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
    const evaluator = evaluatorFor(a.def.group, a.def.resource);
    if (!evaluator) return;
    const store = a.ctx.cluster.store;
    const quotas = store.list('resourcequotas', a.namespace) as Array<StoredObject & ResourceQuota>;
    if (quotas.length === 0) return;
    const def = a.def;
    const namespace = a.namespace;
    const objects = () => {
      const all = store.list(storageKey(def), namespace);
      return def.storage ? all.map((o) => def.storage!.fromStorage(o)) : all;
    };
    const message = checkRequest({
      quotas,
      request: { operation: a.operation, subresource: a.subresource, object: a.object, oldObject: a.oldObject },
      evaluator,
      used: (quota) => calculateUsage(quota, [{ evaluator, objects }], a.ctx.now),
      now: a.ctx.now,
    });
    if (message) throw forbidden({ group: def.group, resource: def.resource }, a.name, message);
  },
};
