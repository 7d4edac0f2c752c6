import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintContext } from '../../types.ts';
import { stored } from '../shared/testing.ts';
import { deploymentPrinter } from './printer.ts';

const now = Date.parse('2026-01-01T01:00:00Z');
const ctx = { now } as PrintContext;

describe('Deployment printer', () => {
  it('has upstream columns, the wide ones at priority 1', () => {
    assert.deepEqual(
      deploymentPrinter.columns.map((c) => [c.name, c.priority]),
      [['Name', 0], ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1]],
    );
  });

  it('prints ready/desired, counts, age and the wide cells', () => {
    const d = stored({
      metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] },
        template: { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }] } },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 1 },
    });
    assert.deepEqual(deploymentPrinter.cells(d, ctx), ['web', '2/3', 3, 1, '60m', 'a,b', 'nginx,busybox', 'app=web,tier in (fe)']);
  });

  it('prints zeros before the controller has written a status', () => {
    const d = stored({ metadata: { name: 'web', creationTimestamp: '2026-01-01T00:59:50Z' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: {} } });
    assert.deepEqual(deploymentPrinter.cells(d, ctx).slice(0, 5), ['web', '0/1', 0, 0, '10s']);
  });
});
