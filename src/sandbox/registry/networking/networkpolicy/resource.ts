// NetworkPolicy (pkg/registry/networking/networkpolicy): defaults (policyTypes from the rules
// given, TCP ports), validation, generation, and the table NAME POD-SELECTOR AGE.
import { formatLabelSelector } from '../../../../apimachinery/labels.ts';
import type * as api from '../../../../generated/k8s/networking/v1.ts';
import { defineResource } from '../../define.ts';
import { age, ageColumn, column, nameColumn } from '../../printers/format.ts';
import { generationOnCreate, generationOnUpdate } from '../spec-generation.ts';
import { existingCIDRs, validateNetworkPolicySpec } from './validation.ts';

type NetworkPolicy = api.NetworkPolicy & { metadata: NonNullable<api.NetworkPolicy['metadata']> };

/** SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort. */
export function defaultNetworkPolicy(np: api.NetworkPolicy): void {
  const spec = np.spec;
  if (!spec) return;
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
  if (!spec.policyTypes?.length) {
    spec.policyTypes = ['Ingress'];
    if (spec.egress?.length) spec.policyTypes.push('Egress');
  }
}

export const networkPolicyResource = defineResource<NetworkPolicy>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  namespaced: true,
  shortNames: ['netpol'],
  defaults: defaultNetworkPolicy,
  strategy: {
    prepareForCreate: (np) => generationOnCreate(np),
    prepareForUpdate: (np, old) => generationOnUpdate(np, old),
    validate: (np) => validateNetworkPolicySpec(np.spec),
    validateUpdate: (np, old) => validateNetworkPolicySpec(np.spec, existingCIDRs(old.spec)),
  },
  printer: {
    columns: [
      nameColumn,
      column('Pod-Selector', 'string', "podSelector selects the pods to which this NetworkPolicy object applies. The array of rules is applied to any pods selected by this field. An empty selector matches all pods in this namespace."),
      ageColumn,
    ],
    cells: (np, ctx) => [np.metadata.name, formatLabelSelector(np.spec?.podSelector ?? {}), age(np.metadata.creationTimestamp, ctx.now)],
  },
});
