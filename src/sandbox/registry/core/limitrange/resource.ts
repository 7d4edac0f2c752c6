// LimitRange (pkg/registry/core/limitrange). Upstream has no table printer for it, so `kubectl
// get limits` shows the default NAME / CREATED AT table.
import { defineResource } from '../../define.ts';
import { setLimitRangeDefaults } from './defaults.ts';
import type { LimitRange } from './types.ts';
import { validateLimitRange } from './validation.ts';

export const limitRangeResource = defineResource<LimitRange>({
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  resource: 'limitranges',
  namespaced: true,
  shortNames: ['limits'],
  defaults: setLimitRangeDefaults,
  strategy: {
    validate: (lr) => validateLimitRange(lr),
    validateUpdate: (lr) => validateLimitRange(lr),
  },
});
