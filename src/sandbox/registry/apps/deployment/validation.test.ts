import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import { defaultDeployment } from './defaults.ts';
import type { Deployment } from './types.ts';
import { validateDeployment, validateDeploymentStatusUpdate, validateDeploymentUpdate } from './validation.ts';

function deployment(mutate: (d: Deployment) => void = () => {}): Deployment {
  const d = {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
  } as Deployment;
  mutate(d);
  defaultDeployment(d);
  return d;
}

describe('Deployment validation', () => {
  it('accepts a defaulted deployment', () => {
    assert.deepEqual(messages(validateDeployment(deployment())), []);
  });

  it('rejects a selector that does not select the template', () => {
    const d = deployment((x) => (x.spec!.template.metadata = { labels: { app: 'other' } }));
    assert.deepEqual(messages(validateDeployment(d)), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    ]);
  });

  it('requires a selector (and then nothing matches the template)', () => {
    const d = deployment((x) => delete (x.spec as Partial<NonNullable<Deployment['spec']>>).selector);
    assert.deepEqual(messages(validateDeployment(d)), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an empty selector', () => {
    const d = deployment((x) => (x.spec!.selector = {}));
    assert.deepEqual(messages(validateDeployment(d)), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('allows only restartPolicy Always', () => {
    const d = deployment((x) => (x.spec!.template.spec!.restartPolicy = 'OnFailure'));
    assert.deepEqual(messages(validateDeployment(d)), ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']);
  });

  it('rejects maxUnavailable and maxSurge both 0', () => {
    const d = deployment((x) => (x.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }));
    assert.deepEqual(messages(validateDeployment(d)), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('checks int-or-percent values', () => {
    const d = deployment((x) => (x.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%', maxSurge: 'lots' } }));
    assert.deepEqual(messages(validateDeployment(d)), [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"lots\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ]);
  });

  it('forbids a rolling update with Recreate and rejects unknown strategies', () => {
    const recreate = deployment((x) => (x.spec!.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }));
    assert.deepEqual(messages(validateDeployment(recreate)), ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
    const unknown = deployment((x) => (x.spec!.strategy = { type: 'BlueGreen' }));
    assert.deepEqual(messages(validateDeployment(unknown)), [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('checks counts and the progress deadline', () => {
    const d = deployment((x) => {
      x.spec!.replicas = -1;
      x.spec!.minReadySeconds = 700;
    });
    assert.deepEqual(messages(validateDeployment(d)), [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
  });

  it('makes the selector immutable', () => {
    const old = deployment();
    const next = deployment((x) => {
      x.spec!.selector = { matchLabels: { app: 'web2' } };
      x.spec!.template.metadata = { labels: { app: 'web2' } };
    });
    assert.deepEqual(messages(validateDeploymentUpdate(next, old)), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('validates status counters and collisionCount', () => {
    const old = deployment((x) => (x.status = { collisionCount: 2 }));
    const next = deployment((x) => (x.status = { replicas: 1, readyReplicas: 2, collisionCount: 1 }));
    assert.deepEqual(messages(validateDeploymentStatusUpdate(next, old)), [
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.collisionCount: Invalid value: 1: cannot be decremented',
    ]);
  });
});
