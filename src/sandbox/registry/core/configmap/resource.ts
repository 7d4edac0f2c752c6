// ConfigMap (pkg/registry/core/configmap).
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { checkBase64Map } from '../shared/base64-fields.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import type { ConfigMap } from './types.ts';
import { validateConfigMap, validateConfigMapUpdate } from './validation.ts';

export const configMapResource = defineResource<ConfigMap>({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  namespaced: true,
  shortNames: ['cm'],
  defaults(cm) {
    checkBase64Map('ConfigMap', cm.binaryData);
  },
  strategy: {
    validate: (cm) => validateConfigMap(cm),
    validateUpdate: (cm, old) => validateConfigMapUpdate(cm, old),
  },
  printer: {
    columns: [nameColumn, column('Data', 'string', swaggerDoc('ConfigMap', 'data')), ageColumn],
    cells: (cm, ctx) => [
      cm.metadata.name,
      Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
      age(cm.metadata.creationTimestamp, ctx.now),
    ],
  },
});
