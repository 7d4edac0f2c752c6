import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goJsonRoundTrip } from './go-json.ts';
import { builtinSchema } from './schema-model.ts';

describe('Go JSON round trip', () => {
  const deployment = () => builtinSchema().node('io.k8s.api.apps.v1.Deployment');

  it('drops omitempty zero values but keeps pointers and required fields', () => {
    const obj = {
      metadata: { name: 'web', labels: {}, finalizers: [], generation: 0 },
      spec: {
        replicas: 0,
        minReadySeconds: 0,
        paused: false,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            automountServiceAccountToken: false,
            containers: [{ name: 'web', image: 'nginx', env: [], ports: [{ containerPort: 80, hostPort: 0, name: '' }], resources: {}, stdin: false }],
          },
        },
      },
      status: { replicas: 0, observedGeneration: 1 },
    };
    goJsonRoundTrip(deployment(), obj);
    assert.deepEqual(obj, {
      metadata: { name: 'web' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { automountServiceAccountToken: false, containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} }] },
        },
      },
      status: { observedGeneration: 1 },
    });
  });

  it('keeps non-omitempty fields the OpenAPI does not mark required', () => {
    const pc = { metadata: { name: 'low' }, value: 0 };
    goJsonRoundTrip(builtinSchema().node('io.k8s.api.scheduling.v1.PriorityClass'), pc);
    assert.equal(pc.value, 0);
  });
});
