// ServiceAccount (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type ServiceAccount = api.ServiceAccount & { metadata: NonNullable<api.ServiceAccount['metadata']> };

export const serviceAccountResource = defineResource<ServiceAccount>({
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  namespaced: true,
  shortNames: ['sa'],
});
