// SetDefaults_ReplicaSet (pkg/apis/apps/v1/defaults.go): one replica; plus the pod template's defaults.
import { defaultPodTemplate } from '../shared/pod-template.ts';
import type { ReplicaSet, ReplicaSetSpec } from './types.ts';

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as ReplicaSetSpec);
  spec.replicas ??= 1;
  defaultPodTemplate(spec.template);
}
