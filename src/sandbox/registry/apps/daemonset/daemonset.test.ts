import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepClone } from '../../../../apimachinery/object.ts';
import type { PrintContext } from '../../types.ts';
import { messages, stored, testContext } from '../shared/testing.ts';
import { defaultDaemonSet } from './defaults.ts';
import { daemonSetPrinter } from './printer.ts';
import { daemonSetStrategy } from './strategy.ts';
import { TEMPLATE_GENERATION_ANNOTATION } from './template-generation.ts';
import type { DaemonSet } from './types.ts';
import { validateDaemonSet } from './validation.ts';

const ctx = testContext();

function ds(mutate: (d: DaemonSet) => void = () => {}): DaemonSet {
  const d = {
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } } },
  } as DaemonSet;
  mutate(d);
  defaultDaemonSet(d);
  return d;
}

describe('DaemonSet', () => {
  it('defaults RollingUpdate with maxUnavailable 1 and maxSurge 0', () => {
    assert.deepEqual(ds().spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(ds().spec?.revisionHistoryLimit, 10);
  });

  it('requires exactly one of maxUnavailable and maxSurge', () => {
    const none = ds((d) => (d.spec!.updateStrategy = { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }));
    assert.deepEqual(messages(validateDaemonSet(none, 1)), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
    const both = ds((d) => (d.spec!.updateStrategy = { rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } }));
    assert.deepEqual(messages(validateDaemonSet(both, 1)), [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"10%"}: may not be set when maxUnavailable is non-zero',
    ]);
  });

  it('reports a missing selector only as a template mismatch, as upstream', () => {
    const d = ds((x) => delete (x.spec as Partial<NonNullable<DaemonSet['spec']>>).selector);
    assert.deepEqual(messages(validateDaemonSet(d, 1)), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
    ]);
  });

  it('keeps the template generation in its annotation', () => {
    const created = ds();
    daemonSetStrategy.prepareForCreate!(created, ctx);
    assert.equal(created.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION], '1');
    assert.deepEqual(created.status, { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
    const old = stored(created);

    const relabeled = deepClone(created);
    relabeled.metadata.annotations = { [TEMPLATE_GENERATION_ANNOTATION]: '7' };
    relabeled.spec!.minReadySeconds = 3;
    daemonSetStrategy.prepareForUpdate!(relabeled, old, ctx);
    assert.equal(relabeled.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION], '1');
    assert.equal(relabeled.metadata.generation, 2);

    const newImage = deepClone(created);
    newImage.spec!.template.spec!.containers[0]!.image = 'busybox:2';
    daemonSetStrategy.prepareForUpdate!(newImage, old, ctx);
    assert.equal(newImage.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION], '2');
    assert.equal(newImage.metadata.generation, 2);
  });

  it('prints every scheduling count and the node selector', () => {
    const d = stored({
      ...ds((x) => (x.spec!.template.spec!.nodeSelector = { 'kubernetes.io/os': 'linux' })),
      metadata: { name: 'agent', creationTimestamp: '2026-01-01T00:00:00Z' },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
    });
    assert.deepEqual(daemonSetPrinter.cells(d, { now: Date.parse('2026-01-01T00:00:30Z') } as PrintContext), [
      'agent', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '30s', 'a', 'busybox', 'app=agent',
    ]);
  });
});
