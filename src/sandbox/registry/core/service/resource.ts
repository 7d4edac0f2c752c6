// Service (core/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/core/v1.ts';
import { defineResource } from '../../define.ts';

type Service = api.Service & { metadata: NonNullable<api.Service['metadata']> };

export const serviceResource = defineResource<Service>({
  group: '',
  version: 'v1',
  kind: 'Service',
  resource: 'services',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  verbs: ['create',  'delete',  'deletecollection',  'get',  'list',  'patch',  'update',  'watch'],
  statusStrategy: {},
});
