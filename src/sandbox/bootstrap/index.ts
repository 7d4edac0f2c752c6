// Every bootstrap contributor, in the order their objects are written.
import type { BootstrapContext, BootstrapContributor, BootstrapObject } from './types.ts';
import { namespaces } from './namespaces.ts';

export const contributors: BootstrapContributor[] = [namespaces];

export function bootstrapObjects(ctx: BootstrapContext): BootstrapObject[] {
  return contributors.flatMap((c) => c(ctx));
}
