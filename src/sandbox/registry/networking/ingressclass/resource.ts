// IngressClass (networking.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/networking/v1.ts';
import { defineResource } from '../../define.ts';

type IngressClass = api.IngressClass & { metadata: NonNullable<api.IngressClass['metadata']> };

export const ingressClassResource = defineResource<IngressClass>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  resource: 'ingressclasses',
  namespaced: false,
});
