// CustomResourceDefinition (apiextensions.k8s.io/v1): registered; upstream's strategy, validation and printer to come.
import type * as api from '../../../../generated/k8s/apiextensions/v1.ts';
import { defineResource } from '../../define.ts';

type CustomResourceDefinition = api.CustomResourceDefinition & { metadata: NonNullable<api.CustomResourceDefinition['metadata']> };

export const customResourceDefinitionResource = defineResource<CustomResourceDefinition>({
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  resource: 'customresourcedefinitions',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  statusStrategy: {},
});
