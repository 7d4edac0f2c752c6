// SetDefaults_DaemonSet (pkg/apis/apps/v1/defaults.go): RollingUpdate with maxUnavailable 1 and
// maxSurge 0, ten revisions of history; plus the pod template's defaults.
import { defaultPodTemplate } from '../shared/pod-template.ts';
import type { DaemonSet, DaemonSetSpec } from './types.ts';

export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as DaemonSetSpec);
  const us = (spec.updateStrategy ??= {});
  us.type ||= 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = (us.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
}
