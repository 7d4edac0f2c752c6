// The StatefulSet shape the registry works with: apps/v1 with metadata always present.
import type * as api from '../../../../generated/k8s/apps/v1.ts';

export type StatefulSet = api.StatefulSet & { metadata: NonNullable<api.StatefulSet['metadata']> };
export type StatefulSetSpec = api.StatefulSetSpec;
export type StatefulSetStatus = api.StatefulSetStatus;
