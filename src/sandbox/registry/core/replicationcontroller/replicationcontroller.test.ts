import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintContext } from '../../types.ts';
import { messages, stored } from '../../apps/shared/testing.ts';
import { defaultReplicationController } from './defaults.ts';
import { replicationControllerPrinter } from './printer.ts';
import type { ReplicationController } from './types.ts';
import { validateReplicationController } from './validation.ts';

function rc(mutate: (r: ReplicationController) => void = () => {}): ReplicationController {
  const r: ReplicationController = { metadata: { name: 'old' }, spec: { template: { metadata: { labels: { app: 'old' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
  mutate(r);
  defaultReplicationController(r);
  return r;
}

describe('ReplicationController', () => {
  it('takes selector and labels from the template', () => {
    const r = rc();
    assert.deepEqual(r.spec?.selector, { app: 'old' });
    assert.deepEqual(r.metadata.labels, { app: 'old' });
    assert.equal(r.spec?.replicas, 1);
    assert.deepEqual(rc((x) => (x.metadata.labels = { mine: 'yes' })).metadata.labels, { mine: 'yes' });
  });

  it('validates the selector against the template', () => {
    assert.deepEqual(messages(validateReplicationController(rc())), []);
    const mismatch = rc((x) => (x.spec!.selector = { app: 'new' }));
    assert.deepEqual(messages(validateReplicationController(mismatch)), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"old"}: `selector` does not match template `labels`',
    ]);
    const noTemplate: ReplicationController = { metadata: { name: 'x' }, spec: { replicas: -2 } };
    assert.deepEqual(messages(validateReplicationController(noTemplate)), [
      'spec.selector: Required value',
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      'spec.template: Required value',
    ]);
  });

  it('prints DESIRED CURRENT READY and the map selector', () => {
    const r = stored({ ...rc(), metadata: { name: 'old', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { replicas: 1, readyReplicas: 1 } });
    assert.deepEqual(replicationControllerPrinter.cells(r, { now: Date.parse('2026-01-01T00:00:01Z') } as PrintContext), ['old', 1, 1, 1, '1s', 'c', 'nginx', 'app=old']);
  });
});
