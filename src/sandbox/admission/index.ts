// The admission chain in upstream's order (kube-apiserver's default plugin order: NamespaceLifecycle,
// LimitRanger, ServiceAccount, ..., PodSecurity, Priority, DefaultTolerationSeconds, ..., ResourceQuota last).
import type { Cluster } from '../cluster.ts';
import { defaultIngressClass, defaultStorageClass } from './default-classes.ts';
import { defaultTolerationSeconds } from './default-toleration-seconds.ts';
import { limitRanger } from './limit-ranger.ts';
import { namespaceLifecycle } from './namespace-lifecycle.ts';
import { podSecurityAdmission } from './pod-security/pod-security.ts';
import { priorityAdmission } from './priority.ts';
import { resourceQuotaAdmission } from './resource-quota/resource-quota.ts';
import { serviceAccountAdmission } from './service-account.ts';
import { storageObjectInUseProtection } from './storage-protection.ts';
import type { AdmissionPlugin } from './types.ts';

export function admissionPlugins(_cluster: Cluster): AdmissionPlugin[] {
  return [
    namespaceLifecycle,
    limitRanger,
    serviceAccountAdmission,
    podSecurityAdmission,
    priorityAdmission,
    defaultTolerationSeconds,
    defaultStorageClass,
    storageObjectInUseProtection,
    defaultIngressClass,
    resourceQuotaAdmission,
  ];
}
