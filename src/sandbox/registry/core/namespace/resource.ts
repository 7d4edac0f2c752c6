// Namespace (pkg/registry/core/namespace): DNS-label names, phase Active on create with the
// `kubernetes` finalizer, the kubernetes.io/metadata.name label kept equal to the name; deletion
// turns it Terminating until the namespace controller has removed everything inside (and records
// its progress in status.conditions through /status).
import { deepClone } from '../../../../apimachinery/object.ts';
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import type { Namespace } from './types.ts';
import { validateNamespace, validateNamespaceStatusUpdate } from './validation.ts';

const NAME_LABEL = 'kubernetes.io/metadata.name';

function labelWithName(ns: Namespace): void {
  if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, [NAME_LABEL]: ns.metadata.name };
}

export const namespaceResource = defineResource<Namespace>({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  nameValidation: 'label',
  defaults(ns) {
    ns.metadata ??= {};
    labelWithName(ns);
    if (ns.status && !ns.status.phase) ns.status.phase = 'Active';
  },
  strategy: {
    prepareForCreate(ns) {
      ns.status = { phase: 'Active' };
      const finalizers = [...(ns.spec?.finalizers ?? [])];
      if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
      ns.spec = { ...ns.spec, finalizers };
    },
    prepareForUpdate(ns, old) {
      ns.spec = { ...ns.spec, finalizers: deepClone(old.spec?.finalizers) };
      if (ns.spec.finalizers === undefined) delete ns.spec.finalizers;
      ns.status = deepClone(old.status);
    },
    validate: (ns) => validateNamespace(ns),
    // Names generated from generateName get their label here.
    canonicalize: labelWithName,
    prepareForDelete(ns) {
      ns.status = { ...ns.status, phase: 'Terminating' };
    },
  },
  statusStrategy: {
    prepareForUpdate(ns, old) {
      ns.spec = deepClone(old.spec);
    },
    validateUpdate: (ns) => validateNamespaceStatusUpdate(ns),
    canonicalize: labelWithName,
  },
  printer: {
    columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
    cells: (ns, ctx) => [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, ctx.now)],
  },
  fieldLabels: (ns) => ({ 'status.phase': ns.status?.phase ?? '' }),
});
