// Lease (coordination.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/coordination/v1.ts';
import { defineResource } from '../../define.ts';

type Lease = api.Lease & { metadata: NonNullable<api.Lease['metadata']> };

export const leaseResource = defineResource<Lease>({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  resource: 'leases',
  namespaced: true,
});
