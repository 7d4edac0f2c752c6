// The ServiceAccount strategy (pkg/registry/core/serviceaccount/strategy.go): secret references
// keep only their names; the deprecated enforce-mountable-secrets annotation draws a warning.
import type { Strategy } from '../../types.ts';
import type { ServiceAccount } from './types.ts';

const ENFORCE_MOUNTABLE_SECRETS = 'kubernetes.io/enforce-mountable-secrets';

function cleanSecretReferences(sa: ServiceAccount): void {
  if (sa.secrets) sa.secrets = sa.secrets.map((s) => (s.name === undefined ? {} : { name: s.name }));
}

function warnings(sa: ServiceAccount): string[] {
  if (sa.metadata.annotations?.[ENFORCE_MOUNTABLE_SECRETS] === 'true') {
    return [`metadata.annotations[${ENFORCE_MOUNTABLE_SECRETS}]: deprecated in v1.32+; prefer separate namespaces to isolate access to mounted secrets`];
  }
  return [];
}

export const serviceAccountStrategy: Strategy<ServiceAccount> = {
  prepareForCreate: cleanSecretReferences,
  prepareForUpdate: cleanSecretReferences,
  warningsOnCreate: warnings,
  warningsOnUpdate: warnings,
};
