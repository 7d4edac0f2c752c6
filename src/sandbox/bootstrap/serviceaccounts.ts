// The default ServiceAccount of every system namespace. (To be filled in.)
import type { BootstrapContext, BootstrapObject } from './types.ts';

export function serviceAccounts(_ctx: BootstrapContext): BootstrapObject[] {
  return [];
}
