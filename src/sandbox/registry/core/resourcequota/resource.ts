// ResourceQuota (pkg/registry/core/resourcequota): the spec is the user's, the status (hard and
// used) the quota controller's.
import { deepClone } from '../../../../apimachinery/object.ts';
import { defineResource } from '../../define.ts';
import { resourceQuotaPrinter } from './printer.ts';
import type { ResourceQuota } from './types.ts';
import { validateResourceQuota, validateResourceQuotaStatusUpdate, validateResourceQuotaUpdate } from './validation.ts';

export const resourceQuotaResource = defineResource<ResourceQuota>({
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  resource: 'resourcequotas',
  namespaced: true,
  shortNames: ['quota'],
  strategy: {
    prepareForCreate(rq) {
      rq.status = {};
    },
    prepareForUpdate(rq, old) {
      rq.status = deepClone(old.status ?? {});
    },
    validate: (rq) => validateResourceQuota(rq),
    validateUpdate: (rq, old) => validateResourceQuotaUpdate(rq, old),
  },
  statusStrategy: {
    prepareForUpdate(rq, old) {
      rq.spec = deepClone(old.spec);
    },
    validateUpdate: (rq) => validateResourceQuotaStatusUpdate(rq),
  },
  printer: resourceQuotaPrinter,
});
