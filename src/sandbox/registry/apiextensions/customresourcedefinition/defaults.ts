// SetDefaults for apiextensions.k8s.io/v1 CustomResourceDefinitions: singular and listKind from
// the kind, conversion strategy None, webhook service port 443.
import type { CustomResourceDefinition } from './types.ts';

export function setCRDDefaults(crd: CustomResourceDefinition): void {
  const spec = crd.spec;
  if (!spec || typeof spec !== 'object') return;
  const names = spec.names;
  if (names && typeof names === 'object') {
    if (!names.singular && names.kind) names.singular = names.kind.toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
  const service = spec.conversion.webhook?.clientConfig?.service;
  if (service && service.port === undefined) service.port = 443;
}
