// NamespaceLifecycle (upstream plugin/pkg/admission/namespace/lifecycle): nothing is created in
// a namespace that does not exist or is being terminated, and the system namespaces cannot be
// deleted.
import { forbidden, notFound } from '../../apimachinery/errors.ts';
import type { AdmissionPlugin } from './types.ts';

const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(a) {
    if (a.def.group === '' && a.def.resource === 'namespaces') {
      if (a.operation === 'DELETE' && IMMORTAL.has(a.name)) {
        throw forbidden({ group: '', resource: 'namespaces' }, a.name, 'this namespace may not be deleted');
      }
      return;
    }
    if (!a.def.namespaced || a.operation !== 'CREATE' || !a.namespace) return;
    // Reviews are evaluated, not stored.
    if (a.def.virtual) return;
    const ns = a.ctx.cluster.store.get('namespaces', undefined, a.namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, a.namespace);
    if (ns.metadata.deletionTimestamp) {
      throw forbidden(
        { group: a.def.group, resource: a.def.resource },
        a.name,
        `unable to create new content in namespace ${a.namespace} because it is being terminated`,
      );
    }
  },
};
