// ResourceQuota (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type ResourceQuota = api.ResourceQuota & { metadata: NonNullable<api.ResourceQuota['metadata']> };

export const resourceQuotaResource = defineResource<ResourceQuota>({
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  resource: 'resourcequotas',
  namespaced: true,
  shortNames: ['quota'],
  statusStrategy: {},
});
