// The kubernetes Service in default, with its Endpoints and EndpointSlice. (To be filled in.)
import type { BootstrapContext, BootstrapObject } from './types.ts';

export function services(_ctx: BootstrapContext): BootstrapObject[] {
  return [];
}
