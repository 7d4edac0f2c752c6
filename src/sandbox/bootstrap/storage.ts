// The default StorageClass standard. (To be filled in.)
import type { BootstrapContext, BootstrapObject } from './types.ts';

export function storage(_ctx: BootstrapContext): BootstrapObject[] {
  return [];
}
