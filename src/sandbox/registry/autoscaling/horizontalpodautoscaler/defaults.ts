// SetDefaults_HorizontalPodAutoscaler for autoscaling/v2 (pkg/apis/autoscaling/v2/defaults.go):
// minReplicas 1, an 80% CPU utilization target when no metric is given, and, when a behavior is
// given, every unset part of its scale-up and scale-down rules.
import type { HPA, v2 } from './types.ts';

export const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpRules(): v2.HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

function scaleDownRules(): v2.HPAScalingRules {
  // The scale-down stabilization window stays unset: the controller's flag decides it.
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

function fill(from: v2.HPAScalingRules | undefined, to: v2.HPAScalingRules): v2.HPAScalingRules {
  if (!from) return to;
  if (from.selectPolicy !== undefined) to.selectPolicy = from.selectPolicy;
  if (from.stabilizationWindowSeconds !== undefined) to.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (from.policies !== undefined) to.policies = from.policies;
  if (from.tolerance !== undefined) to.tolerance = from.tolerance;
  return to;
}

export function defaultHPA(hpa: HPA): void {
  const spec = (hpa.spec ??= {} as v2.HorizontalPodAutoscalerSpec);
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fill(spec.behavior.scaleUp, scaleUpRules());
    spec.behavior.scaleDown = fill(spec.behavior.scaleDown, scaleDownRules());
  }
}

/** SetDefaults_HorizontalPodAutoscaler for autoscaling/v1 (the CPU default is applied in conversion). */
export function defaultHPAV1(hpa: { spec?: { minReplicas?: number } }): void {
  const spec = (hpa.spec ??= {});
  spec.minReplicas ??= 1;
}
