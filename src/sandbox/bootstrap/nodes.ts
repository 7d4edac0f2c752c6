// The three Nodes of a fresh cluster (one control plane, two workers). (To be filled in.)
import type { BootstrapContext, BootstrapObject } from './types.ts';

export function nodes(_ctx: BootstrapContext): BootstrapObject[] {
  return [];
}
