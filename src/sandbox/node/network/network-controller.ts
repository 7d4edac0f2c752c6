// Puts the cluster network in place: on start, `cluster.runtime.network` answers forPod() for
// the kubelet (container processes) and the HTTP layer (exec sessions). It keeps no state of its
// own between requests, so it schedules nothing and needs no queue.
import type { Cluster, Controller } from '../../cluster.ts';
import { SimulatedNetwork } from './cluster-network.ts';

export class NetworkController implements Controller {
  readonly name = 'network';
  private cluster?: Cluster;

  start(cluster: Cluster): void {
    this.cluster = cluster;
    cluster.runtime.network = new SimulatedNetwork(cluster.store, cluster.runtime);
  }

  stop(): void {
    if (this.cluster) delete this.cluster.runtime.network;
  }
}
