// The CustomResourceDefinition as the registry and its controller handle it: the generated
// apiextensions.k8s.io/v1 type with metadata always present.
import type * as api from '../../../../generated/k8s/apiextensions/v1.ts';

export type CustomResourceDefinition = api.CustomResourceDefinition & { metadata: NonNullable<api.CustomResourceDefinition['metadata']> };
export type CustomResourceDefinitionCondition = api.CustomResourceDefinitionCondition;
export type CustomResourceDefinitionNames = api.CustomResourceDefinitionNames;
export type CustomResourceDefinitionVersion = api.CustomResourceDefinitionVersion;

/** The finalizer that holds a deleted CRD until its custom resources are gone. */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
