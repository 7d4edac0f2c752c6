// Quota for services (upstream pkg/quota/v1/evaluator/core/services.go): `services` and
// `count/services` per service; `services.nodeports` counts the ports of NodePort and LoadBalancer
// services (only those with an explicit nodePort when allocateLoadBalancerNodePorts is false);
// `services.loadbalancers` counts LoadBalancer services. Updates are charged too: a service's
// type can change.
import type { KubeObject } from '../../../apimachinery/object.ts';
import { Quantity } from '../../../apimachinery/quantity.ts';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { objectCountName, type QuotaEvaluator } from './evaluator.ts';
import type { ResourceList } from './resource-list.ts';

const SERVICE_RESOURCES = new Set([objectCountName('', 'services'), 'services', 'services.nodeports', 'services.loadbalancers']);

export function serviceUsage(svc: corev1.Service): ResourceList {
  const ports = svc.spec?.ports ?? [];
  let nodePorts = 0;
  let loadBalancers = 0;
  if (svc.spec?.type === 'NodePort') nodePorts = ports.length;
  if (svc.spec?.type === 'LoadBalancer') {
    nodePorts = svc.spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => (p.nodePort ?? 0) !== 0).length : ports.length;
    loadBalancers = 1;
  }
  return new Map([
    [objectCountName('', 'services'), Quantity.fromInt(1)],
    ['services', Quantity.fromInt(1)],
    ['services.loadbalancers', Quantity.fromInt(loadBalancers)],
    ['services.nodeports', Quantity.fromInt(nodePorts)],
  ]);
}

export const serviceEvaluator: QuotaEvaluator = {
  group: '',
  resource: 'services',
  handles: (operation) => operation === 'CREATE' || operation === 'UPDATE',
  matchingResources: (names) => names.filter((n) => SERVICE_RESOURCES.has(n)),
  matchesScope: () => false,
  usage: (obj: KubeObject) => serviceUsage(obj as corev1.Service),
  constraints: () => undefined,
};
