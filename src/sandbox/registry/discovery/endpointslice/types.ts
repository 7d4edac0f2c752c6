import type * as discoveryv1 from '../../../../generated/k8s/discovery/v1.ts';

export type EndpointSlice = discoveryv1.EndpointSlice & { metadata: NonNullable<discoveryv1.EndpointSlice['metadata']> };
