// SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go): one replica, RollingUpdate 25%/25%,
// ten revisions of history, a 600s progress deadline; plus the pod template's defaults.
import { defaultPodTemplate } from '../shared/pod-template.ts';
import type { Deployment, DeploymentSpec } from './types.ts';

export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}
