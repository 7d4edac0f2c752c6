// The Service strategies (pkg/registry/core/service/strategy.go with the allocation steps of
// storage/storage.go's BeginCreate/BeginUpdate, which run before validation as upstream's do).
import { deepClone } from '../../../../apimachinery/object.ts';
import type { Strategy } from '../../types.ts';
import { allocateCreate, allocateUpdate } from './allocation.ts';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from './field-sync.ts';
import type { Service } from './types.ts';
import { serviceWarnings } from './warnings.ts';
import { validateService, validateServiceStatus, validateServiceUpdate } from './validation.ts';

export const serviceStrategy: Strategy<Service> = {
  allowCreateOnUpdate: true,
  prepareForCreate(svc, ctx) {
    svc.status = { loadBalancer: {} };
    normalizeClusterIPs(svc, undefined);
    allocateCreate(svc, ctx);
  },
  prepareForUpdate(svc, old, ctx) {
    patchAllocatedValues(svc, old);
    normalizeClusterIPs(svc, old);
    allocateUpdate(svc, old, ctx);
    svc.status = deepClone(old.status ?? { loadBalancer: {} });
    dropTypeDependentFields(svc, old);
  },
  validate: (svc) => validateService(svc),
  validateUpdate: (svc, old) => validateServiceUpdate(svc, old),
  warningsOnCreate: serviceWarnings,
  warningsOnUpdate: serviceWarnings,
};

export const serviceStatusStrategy: Strategy<Service> = {
  prepareForUpdate(svc, old) {
    svc.spec = deepClone(old.spec);
  },
  validateUpdate: (svc) => validateServiceStatus(svc),
};
