// The namespaces of a fresh cluster, each with its kube-root-ca.crt ConfigMap
// (the default ServiceAccount comes from the serviceaccounts bootstrap). Labels, spec and status
// are shared by every cluster; only uids and timestamps are per cluster.
import type { BootstrapContext, BootstrapObject } from './types.ts';
import { meta } from './types.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const nsLabels = new Map(SYSTEM_NAMESPACES.map((n) => [n, { 'kubernetes.io/metadata.name': n }]));
const nsSpec = { finalizers: ['kubernetes'] };
const nsStatus = { phase: 'Active' };
const rootCAAnnotations = {
  'kubernetes.io/description':
    'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
};

export function namespaceObject(ctx: BootstrapContext, name: string): BootstrapObject {
  return {
    resource: 'namespaces',
    object: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(ctx, name, undefined, { labels: nsLabels.get(name) ?? { 'kubernetes.io/metadata.name': name } }),
      spec: nsSpec,
      status: nsStatus,
    } as BootstrapObject['object'],
  };
}

export function rootCAConfigMap(ctx: BootstrapContext, namespace: string): BootstrapObject {
  return {
    resource: 'configmaps',
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(ctx, 'kube-root-ca.crt', namespace, { annotations: rootCAAnnotations }),
      data: { 'ca.crt': ctx.caPem },
    } as BootstrapObject['object'],
  };
}

export function namespaces(ctx: BootstrapContext): BootstrapObject[] {
  return [...SYSTEM_NAMESPACES.map((n) => namespaceObject(ctx, n)), ...SYSTEM_NAMESPACES.map((n) => rootCAConfigMap(ctx, n))];
}
