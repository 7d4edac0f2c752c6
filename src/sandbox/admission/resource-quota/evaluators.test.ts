import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { objectCountEvaluator } from './object-count-evaluator.ts';
import { pvcMatchesScope, pvcUsage } from './pvc-evaluator.ts';
import { evaluatorFor } from './registry.ts';
import { toRecord } from './resource-list.ts';
import { serviceUsage } from './service-evaluator.ts';

describe('service quota usage', () => {
  const ports = [
    { port: 80, nodePort: 30080 },
    { port: 443 },
  ];
  it('counts node ports for NodePort and LoadBalancer services, and load balancers', () => {
    assert.deepEqual(toRecord(serviceUsage({ spec: { type: 'ClusterIP', ports } })), {
      'count/services': '1',
      services: '1',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    assert.equal(toRecord(serviceUsage({ spec: { type: 'NodePort', ports } }))['services.nodeports'], '2');
    const lb = toRecord(serviceUsage({ spec: { type: 'LoadBalancer', ports } }));
    assert.equal(lb['services.nodeports'], '2');
    assert.equal(lb['services.loadbalancers'], '1');
    assert.equal(toRecord(serviceUsage({ spec: { type: 'LoadBalancer', ports, allocateLoadBalancerNodePorts: false } }))['services.nodeports'], '1');
  });
});

describe('PersistentVolumeClaim quota usage', () => {
  it('charges claims and storage, overall and per StorageClass', () => {
    assert.deepEqual(toRecord(pvcUsage({ spec: { storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } } })), {
      'count/persistentvolumeclaims': '1',
      'fast.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
      'fast.storageclass.storage.k8s.io/requests.storage': '1Gi',
      persistentvolumeclaims: '1',
      'requests.storage': '1Gi',
    });
  });

  it('prefers the beta annotation, rounds storage up to whole bytes and charges a larger allocation', () => {
    const u = toRecord(
      pvcUsage({
        metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } },
        spec: { storageClassName: 'fast', resources: { requests: { storage: '1500m' } } },
      }),
    );
    assert.equal(u['slow.storageclass.storage.k8s.io/requests.storage'], '2');
    assert.equal(u['fast.storageclass.storage.k8s.io/requests.storage'], undefined);
    assert.equal(toRecord(pvcUsage({ spec: { resources: { requests: { storage: '1Gi' } } }, status: { allocatedResources: { storage: '2Gi' } } }))['requests.storage'], '2Gi');
  });

  it('matches the VolumeAttributesClass scope', () => {
    const gold = { spec: { volumeAttributesClassName: 'gold' } };
    assert.ok(pvcMatchesScope({ scopeName: 'VolumeAttributesClass', operator: 'Exists' }, gold));
    assert.ok(pvcMatchesScope({ scopeName: 'VolumeAttributesClass', operator: 'In', values: ['gold'] }, gold));
    assert.ok(!pvcMatchesScope({ scopeName: 'VolumeAttributesClass', operator: 'Exists' }, {}));
  });
});

describe('object count quota', () => {
  it('counts any resource as count/<resource>.<group>, and legacy kinds under their old name too', () => {
    const deployments = objectCountEvaluator('apps', 'deployments');
    assert.deepEqual(toRecord(deployments.usage({}, 0)), { 'count/deployments.apps': '1' });
    assert.deepEqual(evaluatorFor('', 'configmaps')!.matchingResources(['configmaps', 'count/configmaps', 'secrets']), ['configmaps', 'count/configmaps']);
    assert.ok(deployments.handles('CREATE', ''));
    assert.ok(!deployments.handles('UPDATE', ''));
  });

  it('ignores events and virtual review resources', () => {
    assert.equal(evaluatorFor('', 'events'), undefined);
    assert.equal(evaluatorFor('events.k8s.io', 'events'), undefined);
    assert.equal(evaluatorFor('authorization.k8s.io', 'localsubjectaccessreviews'), undefined);
  });
});
