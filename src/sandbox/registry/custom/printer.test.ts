import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../apimachinery/object.ts';
import type { ClusterServices } from '../types.ts';
import { customResourcePrinter } from './printer.ts';

const now = Date.parse('2024-05-01T12:00:00Z');
const obj = {
  apiVersion: 'stable.example.com/v1',
  kind: 'CronTab',
  metadata: { name: 'tab', uid: 'u', resourceVersion: '1', creationTimestamp: '2024-05-01T11:55:00Z' },
  spec: { cronSpec: '* * * * */5', replicas: 2.7, image: 'img', selector: { a: 'b' }, ready: true },
  status: { lastRun: 'garbage' },
} as unknown as StoredObject;
const ctx = { now, cluster: {} as ClusterServices };

describe('custom resource printer columns', () => {
  it('prints Name and a default Age column without additionalPrinterColumns', () => {
    const p = customResourcePrinter(undefined);
    assert.deepEqual(
      p.columns.map((c) => [c.name, c.type, c.format]),
      [
        ['Name', 'string', 'name'],
        ['Age', 'date', ''],
      ],
    );
    assert.deepEqual(p.cells(obj, ctx), ['tab', '5m']);
  });

  it('evaluates each column by type, keeping priorities for -o wide', () => {
    const p = customResourcePrinter([
      { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
      { name: 'Selector', type: 'string', jsonPath: '.spec.selector' },
      { name: 'Ready', type: 'boolean', jsonPath: '.spec.ready' },
      { name: 'Missing', type: 'string', jsonPath: '.spec.nothing' },
      { name: 'Last', type: 'date', jsonPath: '.status.lastRun' },
      { name: 'Created', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ]);
    assert.deepEqual(
      p.columns.map((c) => c.priority),
      [0, 0, 0, 1, 0, 0, 0, 0, 0],
    );
    assert.deepEqual(p.cells(obj, ctx), ['tab', '* * * * */5', 2, 'img', 'map[a:b]', true, null, '<invalid>', '5m']);
  });
});
