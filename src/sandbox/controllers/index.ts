// The in-process controllers every cluster runs.
import type { Controller } from '../cluster.ts';
import { NetworkController } from '../node/network/network-controller.ts';
import { IngressStatusController } from '../node/network/ingress-status-controller.ts';
import { JobController } from './job/job-controller.ts';
import { CronJobController } from './cronjob/cronjob-controller.ts';
import { TTLAfterFinishedController } from './ttl-after-finished/ttl-after-finished-controller.ts';
import { EndpointsController } from './endpoint/endpoints-controller.ts';
import { EndpointSliceController } from './endpointslice/endpointslice-controller.ts';
import { ServiceLBController } from './service-lb/service-lb-controller.ts';
import { CRDController } from './crd/crd-controller.ts';
import { ClusterRoleAggregationController } from './clusterrole-aggregation/clusterrole-aggregation-controller.ts';
import { GarbageCollector } from './garbage-collector/garbage-collector.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { ResourceQuotaController } from './resourcequota/resource-quota-controller.ts';
import { RootCAPublisher } from './root-ca/root-ca-publisher.ts';
import { ServiceAccountsController } from './serviceaccounts/serviceaccounts-controller.ts';
import { EventTTLController } from './event-ttl/event-ttl-controller.ts';
import { StorageProtectionController } from './storage-protection/storage-protection-controller.ts';
import { SchedulerController } from '../scheduler/scheduler-controller.ts';
import { NodeHeartbeat } from './node-lifecycle/node-heartbeat.ts';
import { NodeLifecycleController } from './node-lifecycle/node-lifecycle-controller.ts';
import { TaintEvictionController } from './node-lifecycle/taint-eviction-controller.ts';
import { PodGCController } from './pod-gc/pod-gc-controller.ts';
import { StatefulSetController } from './statefulset/statefulset-controller.ts';
import { DaemonSetController } from './daemonset/daemonset-controller.ts';
import { KubeletController } from '../node/kubelet/kubelet-controller.ts';
import { DeploymentController } from './deployment/deployment-controller.ts';
import { DisruptionController } from './disruption/disruption-controller.ts';
import { ReplicaSetController, replicationControllerKind } from './replicaset/replicaset-controller.ts';
import { PersistentVolumeController } from './persistentvolume/pv-controller.ts';
import { LocalPathProvisioner } from './persistentvolume/local-path-provisioner.ts';
import { HorizontalController } from './podautoscaler/hpa-controller.ts';

/** The controllers that keep the API consistent (what an API server with kube-controller-manager's bookkeeping needs). */
export function apiControllers(): Controller[] {
  return [new NamespaceController(), new GarbageCollector(), new ServiceAccountsController(), new RootCAPublisher(), new StorageProtectionController(), new ResourceQuotaController(), new ClusterRoleAggregationController(), new CRDController(), new EventTTLController()];
}

/** The simulation: scheduler, kubelet, workload and network controllers (issue 3). Add new ones here. */
export function simulationControllers(): Controller[] {
  return [new SchedulerController(), new KubeletController(), new NodeHeartbeat(), new NodeLifecycleController(), new TaintEvictionController(), new PodGCController(), new EndpointsController(), new EndpointSliceController(), new ServiceLBController(), new NetworkController(), new IngressStatusController(), new DeploymentController(), new ReplicaSetController(), new ReplicaSetController(replicationControllerKind), new DisruptionController(), new StatefulSetController(), new DaemonSetController(), new JobController(), new CronJobController(), new TTLAfterFinishedController(), new PersistentVolumeController(), new LocalPathProvisioner(), new HorizontalController()];
}

export function controllers(): Controller[] {
  return [...apiControllers(), ...simulationControllers()];
}
