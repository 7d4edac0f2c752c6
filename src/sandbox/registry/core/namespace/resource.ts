// Namespace (pkg/registry/core/namespace): DNS-label names, phase Active on create, deletion
// turns it Terminating until the namespace controller has removed everything inside.
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';

type Namespace = corev1.Namespace & { metadata: NonNullable<corev1.Namespace['metadata']> };

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
    if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
  },
  strategy: {
    prepareForCreate(ns) {
      ns.status = { phase: 'Active' };
      const finalizers = new Set(ns.spec?.finalizers ?? []);
      finalizers.add('kubernetes');
      ns.spec = { ...ns.spec, finalizers: [...finalizers] };
      if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    },
    prepareForUpdate(ns, old) {
      ns.spec = old.spec;
      ns.status = old.status;
    },
    prepareForDelete(ns) {
      ns.status = { ...ns.status, phase: 'Terminating' };
    },
  },
  statusStrategy: {
    prepareForUpdate(ns, old) {
      ns.spec = old.spec;
    },
  },
  printer: {
    columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
    cells: (ns, ctx) => [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, ctx.now)],
  },
  fieldLabels: (ns) => ({ 'status.phase': ns.status?.phase ?? '' }),
});
