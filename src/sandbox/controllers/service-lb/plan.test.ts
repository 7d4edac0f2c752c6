import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service } from '../../node/network/testing.ts';
import { LB_CLEANUP_FINALIZER, planLoadBalancer, takenAddresses } from './plan.ts';

describe('service load balancer plan', () => {
  it('adds the cleanup finalizer and the first free pool address with ipMode VIP', () => {
    const svc = service('web', { type: 'LoadBalancer', ports: [{ port: 80 }] });
    const plan = planLoadBalancer(svc, new Set(['172.18.255.201']));
    assert.deepEqual(plan.finalizers, [LB_CLEANUP_FINALIZER]);
    assert.deepEqual(plan.loadBalancer, { ingress: [{ ip: '172.18.255.202', ipMode: 'VIP' }] });
    assert.deepEqual(plan.events.map((e) => e.reason), ['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  });

  it('honours a free spec.loadBalancerIP in the pool and reports one it cannot have', () => {
    const svc = service('web', { type: 'LoadBalancer', loadBalancerIP: '172.18.255.240' });
    assert.equal(planLoadBalancer(svc, new Set()).loadBalancer?.ingress?.[0]?.ip, '172.18.255.240');
    const taken = planLoadBalancer(svc, new Set(['172.18.255.240']));
    assert.equal(taken.loadBalancer, undefined);
    assert.deepEqual(taken.events.at(-1), { type: 'Warning', reason: 'SyncLoadBalancerFailed', message: 'Error syncing load balancer: failed to ensure load balancer: requested IP 172.18.255.240 is not available' });
  });

  it('is idle once the Service has its address and finalizer', () => {
    const svc = service('web', { type: 'LoadBalancer' }, { status: { loadBalancer: { ingress: [{ ip: '172.18.255.201', ipMode: 'VIP' }] } } });
    svc.metadata.finalizers = [LB_CLEANUP_FINALIZER];
    assert.deepEqual(planLoadBalancer(svc, new Set()), { events: [] });
  });

  it('releases the address and the finalizer when the type changes or the Service is deleted', () => {
    const svc = service('web', { type: 'ClusterIP' }, { status: { loadBalancer: { ingress: [{ ip: '172.18.255.201', ipMode: 'VIP' }] } } });
    svc.metadata.finalizers = [LB_CLEANUP_FINALIZER];
    const plan = planLoadBalancer(svc, new Set());
    assert.deepEqual(plan.loadBalancer, {});
    assert.deepEqual(plan.finalizers, []);
    assert.deepEqual(plan.events.map((e) => e.reason), ['DeletingLoadBalancer', 'DeletedLoadBalancer']);
  });

  it('counts the addresses other Services hold', () => {
    const a = service('a', { type: 'LoadBalancer' }, { status: { loadBalancer: { ingress: [{ ip: '172.18.255.201' }] } } });
    const b = service('b', { type: 'LoadBalancer' });
    assert.deepEqual([...takenAddresses([a, b], b)], ['172.18.255.201']);
    assert.deepEqual([...takenAddresses([a, b], a)], []);
  });
});
