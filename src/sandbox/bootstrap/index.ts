// Every bootstrap contributor, in the order their objects are written.
import { namespaces } from './namespaces.ts';
import { nodes } from './nodes.ts';
import { rbacPolicy } from './rbac-policy.ts';
import { scheduling } from './scheduling.ts';
import { serviceAccounts } from './serviceaccounts.ts';
import { services } from './services.ts';
import { storage } from './storage.ts';
import type { BootstrapContext, BootstrapContributor, BootstrapObject } from './types.ts';

export const contributors: BootstrapContributor[] = [namespaces, serviceAccounts, services, nodes, storage, rbacPolicy, scheduling];

export function bootstrapObjects(ctx: BootstrapContext): BootstrapObject[] {
  return contributors.flatMap((c) => c(ctx));
}
