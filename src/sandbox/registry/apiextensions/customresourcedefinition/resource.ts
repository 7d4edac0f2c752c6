// CustomResourceDefinition (apiextensions.k8s.io/v1), as upstream's apiextensions-apiserver
// registry: defaults, strategies (validation.ts), the cleanup finalizer on delete, and the
// default table (NAME, CREATED AT). The CRD controller (controllers/crd) serves established
// definitions.
import { defineResource } from '../../define.ts';
import { setCRDDefaults } from './defaults.ts';
import { crdStatusStrategy, crdStrategy } from './strategy.ts';
import type { CustomResourceDefinition } from './types.ts';

export const customResourceDefinitionResource = defineResource<CustomResourceDefinition>({
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  resource: 'customresourcedefinitions',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  defaults: setCRDDefaults,
  strategy: crdStrategy,
  statusStrategy: crdStatusStrategy,
});
