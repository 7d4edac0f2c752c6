// What serving one version of a custom resource needs to know, taken from an established CRD:
// its accepted names, scope, schema, subresources and printer columns.
import type { CustomResourceColumnDefinition, CustomResourceSubresourceScale } from '../../../generated/k8s/apiextensions/v1.ts';
import type { JSONSchemaProps } from './schema-props.ts';

export interface CustomResourceVersion {
  /** The CRD's name (`crontabs.stable.example.com`). */
  crdName: string;
  group: string;
  version: string;
  /** The version objects are stored in. */
  storageVersion: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  categories: readonly string[];
  namespaced: boolean;
  schema: JSONSchemaProps | undefined;
  /** spec.preserveUnknownFields (legacy CRDs only): nothing is pruned. */
  preserveUnknownFields: boolean;
  /** The /status subresource is served. */
  status: boolean;
  scale?: CustomResourceSubresourceScale;
  columns: readonly CustomResourceColumnDefinition[];
  /** JSONPaths usable as field selectors. */
  selectableFields: readonly string[];
  deprecated: boolean;
  deprecationWarning?: string;
}
