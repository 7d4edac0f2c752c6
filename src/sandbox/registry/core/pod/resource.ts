// Pod (core/v1, upstream pkg/registry/core/pod): defaults as SetObjectDefaults_Pod, the pod
// strategies, graceful deletion, `kubectl get pods` columns, field selectors, the binding and
// eviction subresources and the connect ones (log, exec, attach, portforward). Deleting returns
// the deleted pod, as upstream's ReturnDeletedObject.
import { defineResource } from '../../define.ts';
import { defaultPodSpecForPod } from '../shared/pod-spec-defaults.ts';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { podBindingSubresource } from './binding.ts';
import { podConnectSubresources } from './connect.ts';
import { podEvictionSubresource } from './eviction.ts';
import { podPrinter } from './printer.ts';
import { convertStatusIPs } from './status-ips.ts';
import { podFieldLabels, podStatusStrategy, podStrategy } from './strategy.ts';
import type { Pod } from './validation.ts';

export const podResource = defineResource<Pod>({
  group: '',
  version: 'v1',
  kind: 'Pod',
  resource: 'pods',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  defaults(pod) {
    pod.metadata ??= {};
    pod.spec ??= {} as core.PodSpec;
    defaultPodSpecForPod(pod.spec);
    if (pod.status) convertStatusIPs(pod.status);
  },
  strategy: podStrategy,
  statusStrategy: podStatusStrategy,
  printer: podPrinter,
  fieldLabels: podFieldLabels,
  returnDeletedObject: true,
  subresources: {
    binding: podBindingSubresource,
    eviction: podEvictionSubresource,
    ...podConnectSubresources,
  },
});
