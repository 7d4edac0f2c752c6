// NetworkPolicy (networking.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/networking/v1.ts';
import { defineResource } from '../../define.ts';

type NetworkPolicy = api.NetworkPolicy & { metadata: NonNullable<api.NetworkPolicy['metadata']> };

export const networkPolicyResource = defineResource<NetworkPolicy>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  namespaced: true,
  shortNames: ['netpol'],
});
