// Ingress (networking.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/networking/v1.ts';
import { defineResource } from '../../define.ts';

type Ingress = api.Ingress & { metadata: NonNullable<api.Ingress['metadata']> };

export const ingressResource = defineResource<Ingress>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  resource: 'ingresses',
  namespaced: true,
  shortNames: ['ing'],
  statusStrategy: {},
});
