// The ReplicationController shape the registry works with: core/v1 with metadata always present.
import type * as api from '../../../../generated/k8s/core/v1.ts';

export type ReplicationController = api.ReplicationController & { metadata: NonNullable<api.ReplicationController['metadata']> };
export type ReplicationControllerSpec = api.ReplicationControllerSpec;
