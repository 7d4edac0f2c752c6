// The pod connect subresources as discovery lists them (log, exec, attach, portforward; upstream
// pkg/registry/core/pod/rest/log.go and subresources.go). They stream, so the HTTP layer serves
// them itself (server/pod-log.ts, server/connect-upgrade.ts); these declarations give discovery
// and RBAC their names and verbs, and answer a request that arrives without an upgrade.
import { badRequest, pageNotFound } from '../../../../apimachinery/errors.ts';
import type { SubresourceHandler } from '../../types.ts';

function streaming(kind: string): SubresourceHandler {
  return {
    verbs: ['create', 'get'],
    kind: { group: '', version: 'v1', kind },
    handle() {
      throw badRequest('Upgrade request required');
    },
  };
}

export const podConnectSubresources: Record<string, SubresourceHandler> = {
  log: {
    verbs: ['get'],
    kind: { group: '', version: 'v1', kind: 'Pod' },
    handle() {
      // GET is served by the HTTP layer as a stream; other verbs are refused before this.
      throw pageNotFound();
    },
  },
  exec: streaming('PodExecOptions'),
  attach: streaming('PodAttachOptions'),
  portforward: streaming('PodPortForwardOptions'),
};
