// The built-in PriorityClasses system-cluster-critical and system-node-critical. (To be filled in.)
import type { BootstrapContext, BootstrapObject } from './types.ts';

export function scheduling(_ctx: BootstrapContext): BootstrapObject[] {
  return [];
}
