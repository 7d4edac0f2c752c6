// The Deployment shape the registry works with: apps/v1 with metadata always present.
import type * as api from '../../../../generated/k8s/apps/v1.ts';

export type Deployment = api.Deployment & { metadata: NonNullable<api.Deployment['metadata']> };
export type DeploymentSpec = api.DeploymentSpec;
export type DeploymentStatus = api.DeploymentStatus;
