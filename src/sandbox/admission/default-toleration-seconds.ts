// DefaultTolerationSeconds (upstream plugin/pkg/admission/defaulttolerationseconds): pods
// tolerate not-ready and unreachable nodes for 300 seconds unless they say otherwise.
import type * as corev1 from '../../generated/k8s/core/v1.ts';
import type { AdmissionPlugin } from './types.ts';

const KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(a) {
    if (a.def.group !== '' || a.def.resource !== 'pods' || a.subresource || a.operation !== 'CREATE') return;
    const spec = (a.object as corev1.Pod).spec;
    if (!spec) return;
    const tolerations = spec.tolerations ?? [];
    for (const key of KEYS) {
      const covered = tolerations.some(
        (t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute'),
      );
      if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
    spec.tolerations = tolerations;
  },
};
