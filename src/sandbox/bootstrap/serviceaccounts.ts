// The `default` ServiceAccount of every system namespace (the ServiceAccount controller creates
// one in each namespace; a new namespace's comes from that controller too).
import type { KubeObject } from '../../apimachinery/object.ts';
import { SYSTEM_NAMESPACES } from './namespaces.ts';
import type { BootstrapContext, BootstrapObject } from './types.ts';

export function serviceAccountObject(ctx: BootstrapContext, namespace: string, name = 'default'): BootstrapObject {
  const object = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { creationTimestamp: ctx.timestamp, name, namespace, uid: ctx.ids.uid() } };
  return { resource: 'serviceaccounts', object: object as KubeObject };
}

export function serviceAccounts(ctx: BootstrapContext): BootstrapObject[] {
  return SYSTEM_NAMESPACES.map((ns) => serviceAccountObject(ctx, ns));
}
