// The sandbox's standard parts: built-in kinds, admission chain, RBAC, field manager, patch
// engines and controllers. Tests may replace any of them through SandboxOptions.components.
import { fieldManager } from '../apimachinery/apply/index.ts';
import { admissionPlugins } from './admission/index.ts';
import { rbacAuthorizer } from './auth/rbac.ts';
import { controllers } from './controllers/index.ts';
import { builtinResources } from './registry/catalog.ts';
import { patcher } from './registry/patcher.ts';
import type { SandboxComponents } from './sandbox.ts';

export function defaultComponents(): SandboxComponents {
  return {
    builtins: builtinResources,
    admission: admissionPlugins,
    authorizer: rbacAuthorizer,
    fieldManager,
    patcher,
    controllers,
  };
}
