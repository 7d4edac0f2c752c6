// Secret (pkg/registry/core/secret): stringData folded into data, typed key requirements,
// selectable by type.
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { swaggerDoc } from '../shared/swagger-doc.ts';
import { setSecretDefaults } from './defaults.ts';
import type { Secret } from './types.ts';
import { validateSecret, validateSecretUpdate } from './validation.ts';
import { secretWarnings } from './warnings.ts';

export const secretResource = defineResource<Secret>({
  group: '',
  version: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  namespaced: true,
  defaults: setSecretDefaults,
  strategy: {
    validate: (s) => validateSecret(s),
    validateUpdate: (s, old) => validateSecretUpdate(s, old),
    warningsOnCreate: secretWarnings,
    warningsOnUpdate: secretWarnings,
  },
  printer: {
    columns: [nameColumn, column('Type', 'string', swaggerDoc('Secret', 'type')), column('Data', 'string', swaggerDoc('Secret', 'data')), ageColumn],
    cells: (s, ctx) => [s.metadata.name, s.type ?? '', Object.keys(s.data ?? {}).length, age(s.metadata.creationTimestamp, ctx.now)],
  },
  fieldLabels: (s) => ({ type: s.type ?? '' }),
});
