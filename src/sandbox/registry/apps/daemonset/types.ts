// The DaemonSet shape the registry works with: apps/v1 with metadata always present.
import type * as api from '../../../../generated/k8s/apps/v1.ts';

export type DaemonSet = api.DaemonSet & { metadata: NonNullable<api.DaemonSet['metadata']> };
export type DaemonSetSpec = api.DaemonSetSpec;
export type DaemonSetStatus = api.DaemonSetStatus;
