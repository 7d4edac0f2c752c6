// The ReplicaSet shape the registry works with: apps/v1 with metadata always present.
import type * as api from '../../../../generated/k8s/apps/v1.ts';

export type ReplicaSet = api.ReplicaSet & { metadata: NonNullable<api.ReplicaSet['metadata']> };
export type ReplicaSetSpec = api.ReplicaSetSpec;
export type ReplicaSetStatus = api.ReplicaSetStatus;
