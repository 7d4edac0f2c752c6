// The Node strategies (pkg/registry/core/node/strategy.go): a kubelet registers its Node with
// status, so create keeps it; updates of the main resource keep the status and /status keeps
// the spec.
import { deepClone } from '../../../../apimachinery/object.ts';
import type { Strategy } from '../../types.ts';
import type { Node } from './types.ts';
import { validateNode, validateNodeUpdate } from './validation.ts';

function deprecationWarnings(node: Node): string[] {
  const w: string[] = [];
  if (node.spec?.configSource) w.push('spec.configSource: the configSource field has been deprecated and is no longer used');
  if (node.spec?.externalID) w.push('spec.externalID: this field is deprecated, and is unused by Kubernetes');
  return w;
}

export const nodeStrategy: Strategy<Node> = {
  // dropDisabledFields: the retired dynamic kubelet config is dropped unless already in use.
  prepareForCreate(node) {
    if (node.spec) delete node.spec.configSource;
    if (node.status) delete node.status.config;
  },
  prepareForUpdate(node, old) {
    node.status = deepClone(old.status);
    if (node.spec && !old.spec?.configSource) delete node.spec.configSource;
  },
  validate: (node) => validateNode(node),
  validateUpdate: (node, old) => [...validateNode(node), ...validateNodeUpdate(node, old)],
  warningsOnCreate: deprecationWarnings,
  warningsOnUpdate: deprecationWarnings,
};

export const nodeStatusStrategy: Strategy<Node> = {
  prepareForUpdate(node, old) {
    node.spec = deepClone(old.spec);
  },
  validateUpdate: (node, old) => validateNodeUpdate(node, old),
};
