import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakdownRule, compactRules, uncoveredRules } from './covers.ts';

describe('rule coverage (escalation checks)', () => {
  it('breaks a rule down to one verb, group, resource and name each', () => {
    const parts = breakdownRule({ apiGroups: ['', 'apps'], resources: ['pods'], verbs: ['get', 'list'] });
    assert.equal(parts.length, 4);
    assert.deepEqual(parts[0], { apiGroups: [''], resources: ['pods'], verbs: ['get'] });
    assert.equal(breakdownRule({ nonResourceURLs: ['/a', '/b'], verbs: ['get'] }).length, 2);
  });

  it('finds what an owner does not hold, including subresources and names', () => {
    const owner = [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['get'] },
      { nonResourceURLs: ['/healthz/*'], verbs: ['get'] },
    ];
    assert.deepEqual(uncoveredRules(owner, [{ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }]), []);
    assert.deepEqual(uncoveredRules(owner, [{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['update'] }]), []);
    assert.deepEqual(uncoveredRules(owner, [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['get'] }]), []);
    assert.deepEqual(uncoveredRules(owner, [{ nonResourceURLs: ['/healthz/etcd'], verbs: ['get'] }]), []);
    assert.deepEqual(uncoveredRules(owner, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]), [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
    ]);
    assert.deepEqual(uncoveredRules(owner, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'delete'] }]), [
      { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
    ]);
  });

  it('compacts missing rules of one group and resource into one rule', () => {
    const missing = uncoveredRules([], [{ apiGroups: [''], resources: ['secrets', 'pods'], verbs: ['get', 'list'] }]);
    assert.deepEqual(compactRules(missing), [
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ]);
  });
});
