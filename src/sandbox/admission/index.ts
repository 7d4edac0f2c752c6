// The admission chain in upstream's order (NamespaceLifecycle, LimitRanger, ServiceAccount,
// PodSecurity, ..., ResourceQuota last).
import type { Cluster } from '../cluster.ts';
import type { AdmissionPlugin } from './types.ts';

export function admissionPlugins(_cluster: Cluster): AdmissionPlugin[] {
  return [];
}
