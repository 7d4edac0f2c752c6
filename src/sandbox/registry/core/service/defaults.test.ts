import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setServiceDefaults } from './defaults.ts';
import type { Service } from './types.ts';

const svc = (spec: Service['spec']): Service => ({ metadata: { name: 's' }, spec });

describe('setServiceDefaults', () => {
  it('fills in what `kubectl get svc -o yaml` shows for a bare ClusterIP Service', () => {
    const s = svc({ ports: [{ port: 80 }] });
    setServiceDefaults(s);
    assert.deepEqual(s.spec, {
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
    });
  });

  it('keeps a named targetPort and defaults an empty one to the port', () => {
    const s = svc({ ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 0, name: 'b' }] });
    setServiceDefaults(s);
    assert.deepEqual(s.spec?.ports?.map((p) => p.targetPort), ['http', 81]);
  });

  it('gives externally reachable Services externalTrafficPolicy Cluster, LoadBalancers node ports', () => {
    const np = svc({ type: 'NodePort', ports: [{ port: 80 }] });
    setServiceDefaults(np);
    assert.equal(np.spec?.externalTrafficPolicy, 'Cluster');
    assert.equal(np.spec?.allocateLoadBalancerNodePorts, undefined);
    const lb = svc({ type: 'LoadBalancer', ports: [{ port: 80 }] });
    setServiceDefaults(lb);
    assert.equal(lb.spec?.allocateLoadBalancerNodePorts, true);
    const ext = svc({ type: 'ExternalName', externalName: 'example.com' });
    setServiceDefaults(ext);
    assert.equal(ext.spec?.internalTrafficPolicy, undefined);
    assert.equal(ext.spec?.externalTrafficPolicy, undefined);
  });

  it('defaults the ClientIP affinity timeout to three hours and drops config for None', () => {
    const s = svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] });
    setServiceDefaults(s);
    assert.deepEqual(s.spec?.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
    const n = svc({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [{ port: 80 }] });
    setServiceDefaults(n);
    assert.equal(n.spec?.sessionAffinityConfig, undefined);
  });
});
