import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDeployment } from './defaults.ts';
import type { Deployment } from './types.ts';

const base = (spec: Partial<Deployment['spec']> = {}): Deployment =>
  ({
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      ...spec,
    },
  }) as Deployment;

describe('Deployment defaults', () => {
  it('fills replicas, a 25%/25% rolling update, history and progress deadline', () => {
    const d = base();
    defaultDeployment(d);
    assert.equal(d.spec?.replicas, 1);
    assert.deepEqual(d.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(d.spec?.revisionHistoryLimit, 10);
    assert.equal(d.spec?.progressDeadlineSeconds, 600);
  });

  it('applies the pod template defaults', () => {
    const d = base();
    defaultDeployment(d);
    const pod = d.spec?.template.spec;
    assert.equal(pod?.restartPolicy, 'Always');
    assert.equal(pod?.dnsPolicy, 'ClusterFirst');
    assert.equal(pod?.containers[0]?.imagePullPolicy, 'IfNotPresent');
  });

  it('keeps what the user set and gives Recreate no rolling update', () => {
    const d = base({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2 });
    defaultDeployment(d);
    assert.equal(d.spec?.replicas, 0);
    assert.deepEqual(d.spec?.strategy, { type: 'Recreate' });
    assert.equal(d.spec?.revisionHistoryLimit, 2);
  });

  it('completes a partial rolling update', () => {
    const d = base({ strategy: { rollingUpdate: { maxSurge: 2 } } });
    defaultDeployment(d);
    assert.deepEqual(d.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } });
  });
});
