// The in-process controllers every cluster runs.
import type { Controller } from '../cluster.ts';
import { CRDController } from './crd/crd-controller.ts';
import { ClusterRoleAggregationController } from './clusterrole-aggregation/clusterrole-aggregation-controller.ts';
import { GarbageCollector } from './garbage-collector/garbage-collector.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { ResourceQuotaController } from './resourcequota/resource-quota-controller.ts';
import { RootCAPublisher } from './root-ca/root-ca-publisher.ts';
import { ServiceAccountsController } from './serviceaccounts/serviceaccounts-controller.ts';
import { StorageProtectionController } from './storage-protection/storage-protection-controller.ts';

export function controllers(): Controller[] {
  return [new NamespaceController(), new GarbageCollector(), new ServiceAccountsController(), new RootCAPublisher(), new StorageProtectionController(), new ResourceQuotaController(), new ClusterRoleAggregationController(), new CRDController()];
}
