import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuQuantity, memoryQuantity, metricsResources, withMetricsAPI } from './metrics-api.ts';
import type { ResourceLookup } from '../registry/types.ts';

describe('metrics-server quantities', () => {
  it('writes CPU as canonical nanocores', () => {
    assert.equal(cpuQuantity(12), '12m');
    assert.equal(cpuQuantity(1.234567), '1234567n');
    assert.equal(cpuQuantity(0.5), '500u');
    assert.equal(cpuQuantity(2000), '2');
    assert.equal(cpuQuantity(0), '0');
  });

  it('writes memory in the largest exact binary unit', () => {
    assert.equal(memoryQuantity(34 * 1024 * 1024), '34Mi');
    assert.equal(memoryQuantity(5632 * 1024), '5632Ki');
    assert.equal(memoryQuantity(1000), '1k');
    assert.equal(memoryQuantity(1025), '1025');
  });
});

describe('withMetricsAPI', () => {
  it('adds NodeMetrics and PodMetrics to what discovery sees', () => {
    const empty: ResourceLookup = { byResource: () => undefined, byKind: () => undefined, all: () => [] };
    const lookup = withMetricsAPI(empty);
    assert.deepEqual(lookup.all().map((d) => `${d.group}/${d.version} ${d.resource} ${d.kind} ${d.verbs.join(',')}`), [
      'metrics.k8s.io/v1beta1 nodes NodeMetrics get,list',
      'metrics.k8s.io/v1beta1 pods PodMetrics get,list',
    ]);
    assert.equal(lookup.byResource('metrics.k8s.io', 'pods'), metricsResources[1]);
    assert.equal(lookup.byResource('', 'pods'), undefined);
  });
});
