// The ClusterRole aggregation controller (upstream pkg/controller/clusterroleaggregation): when any
// ClusterRole changes, every ClusterRole with an aggregationRule is recomputed and, if its rules
// differ, server-side applied with the controller's field manager (forced), as upstream does.
import type { StoredObject } from '../../../apimachinery/object.ts';
import { StatusError } from '../../../apimachinery/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { controllerUser } from '../../cluster.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { type Enqueue, QueueController } from '../queue-controller.ts';
import { aggregatedRules, type ClusterRoleLike, sameRules } from './aggregate.ts';

const NAME = 'clusterrole-aggregation-controller';
const USER = controllerUser(NAME);
const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';

type ClusterRole = StoredObject & ClusterRoleLike;

export class ClusterRoleAggregationController extends QueueController {
  readonly name = NAME;

  protected initial(cluster: Cluster, enqueue: Enqueue): void {
    for (const r of cluster.store.list(CLUSTER_ROLES) as ClusterRole[]) if (r.aggregationRule) enqueue(r.metadata.name);
  }

  protected changed(cluster: Cluster, ev: StoreEvent, enqueue: Enqueue): void {
    if (ev.resource === CLUSTER_ROLES) this.initial(cluster, enqueue);
  }

  protected async sync(cluster: Cluster, name: string): Promise<void> {
    const role = cluster.store.get(CLUSTER_ROLES, undefined, name) as ClusterRole | undefined;
    if (!role?.aggregationRule) return;
    let rules;
    try {
      rules = aggregatedRules(role, cluster.store.list(CLUSTER_ROLES) as ClusterRole[]);
    } catch {
      return; // a selector that does not convert: validation rejects these; nothing to do
    }
    if (sameRules(rules, role.rules)) return;
    const def = cluster.resources.byResource('rbac.authorization.k8s.io', 'clusterroles');
    if (!def) return;
    const body = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules };
    try {
      await cluster.api.patch(cluster.context(USER), def, undefined, name, 'apply', body, { fieldManager: NAME, force: true });
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return;
      throw e;
    }
  }
}
