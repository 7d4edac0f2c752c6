// ConfigMap (pkg/registry/core/configmap).
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';

type ConfigMap = corev1.ConfigMap & { metadata: NonNullable<corev1.ConfigMap['metadata']> };

export const configMapResource = defineResource<ConfigMap>({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  namespaced: true,
  shortNames: ['cm'],
  printer: {
    columns: [nameColumn, column('Data', 'string', 'Data contains the configuration data.'), ageColumn],
    cells: (cm, ctx) => [
      cm.metadata.name,
      Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
      age(cm.metadata.creationTimestamp, ctx.now),
    ],
  },
});
