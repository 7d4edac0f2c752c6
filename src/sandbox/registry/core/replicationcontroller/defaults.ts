// SetDefaults_ReplicationController (pkg/apis/core/v1/defaults.go): the selector and the
// controller's labels come from the template's labels when unset; one replica; plus the pod
// template's defaults.
import { defaultPodTemplate } from '../../apps/shared/pod-template.ts';
import type { ReplicationController } from './types.ts';

export function defaultReplicationController(rc: ReplicationController): void {
  rc.metadata ??= {};
  const spec = (rc.spec ??= {});
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...labels };
    if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = { ...labels };
  }
  spec.replicas ??= 1;
  defaultPodTemplate(spec.template);
}
