import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingressLoadBalancer } from './ingress-status-controller.ts';
import { ingress } from './testing.ts';

describe('ingress status', () => {
  it('publishes the controller address on Ingresses it serves and clears it on others', () => {
    assert.deepEqual(ingressLoadBalancer(ingress('a', { ingressClassName: 'nginx' }), []), { ingress: [{ ip: '172.18.255.200' }] });
    assert.deepEqual(ingressLoadBalancer(ingress('b', { ingressClassName: 'traefik' }), []), {});
    assert.deepEqual(ingressLoadBalancer(ingress('c', {}), []), {});
  });
});
