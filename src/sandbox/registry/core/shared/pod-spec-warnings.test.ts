// Warnings as upstream's pkg/api/pod/warnings.go words them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { path } from '../../../../apimachinery/field-errors.ts';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { warningsForPodSpec } from './pod-spec-warnings.ts';

const spec = (s: Partial<core.PodSpec>): core.PodSpec => ({ containers: [{ name: 'app', image: 'nginx' }], ...s }) as core.PodSpec;

describe('pod spec warnings', () => {
  it('warns about deprecated node labels in selectors, affinity and spread constraints', () => {
    const s = spec({
      nodeSelector: { 'failure-domain.beta.kubernetes.io/zone': 'a' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'beta.kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'failure-domain.beta.kubernetes.io/region', whenUnsatisfiable: 'DoNotSchedule' }],
    });
    assert.deepEqual(warningsForPodSpec(s, {}), [
      'spec.nodeSelector[failure-domain.beta.kubernetes.io/zone]: deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: beta.kubernetes.io/os is deprecated since v1.14; use "kubernetes.io/os" instead',
      'spec.topologySpreadConstraints[0].topologyKey: failure-domain.beta.kubernetes.io/region is deprecated since v1.17; use "topology.kubernetes.io/region" instead',
      'spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod',
    ]);
  });

  it('prefixes template paths', () => {
    const s = spec({ volumes: [{ name: 'src', gitRepo: { repository: 'https://example.com/r.git' } }] });
    assert.deepEqual(warningsForPodSpec(s, {}, path('spec', 'template')), ['spec.template.spec.volumes[0].gitRepo: deprecated in v1.11']);
  });

  it('warns about fractional bytes, hidden env entries, duplicate ports and negative grace periods', () => {
    const s = spec({
      terminationGracePeriodSeconds: -1,
      containers: [
        {
          name: 'app',
          image: 'nginx',
          resources: { requests: { memory: '1500m' } },
          env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'B', value: 'x' }, { name: 'B', value: '$(B)y' }],
          ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 80, protocol: 'TCP' }, { containerPort: 80, protocol: 'TCP', hostPort: 8080 }],
        },
      ],
    });
    assert.deepEqual(warningsForPodSpec(s, {}), [
      'spec.containers[0].resources.requests[memory]: fractional byte value "1500m" is invalid, must be an integer',
      'spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply',
      'spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]',
      'spec.containers[0].ports[2]: overlapping port definition with spec.containers[0].ports[0]',
      'spec.containers[0].ports[2]: overlapping port definition with spec.containers[0].ports[1]',
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });

  it('warns about deprecated annotations and selector-less affinity terms', () => {
    const s = spec({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] } } });
    assert.deepEqual(warningsForPodSpec(s, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default', 'scheduler.alpha.kubernetes.io/critical-pod': '' } }), [
      'metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead',
      'metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead',
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod',
    ]);
  });
});
