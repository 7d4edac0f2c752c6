// EndpointSlice (discovery.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/discovery/v1.ts';
import { defineResource } from '../../define.ts';

type EndpointSlice = api.EndpointSlice & { metadata: NonNullable<api.EndpointSlice['metadata']> };

export const endpointSliceResource = defineResource<EndpointSlice>({
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  namespaced: true,
});
