import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserInfo } from '../registry/types.ts';
import { compactString, type PolicyRule, ruleAllows } from './policy-rule.ts';
import type { AuthorizationAttributes } from './types.ts';

const user: UserInfo = { username: 'u', groups: [] };

function res(verb: string, resource: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return { user, verb, resourceRequest: true, apiGroup: '', apiVersion: 'v1', resource, subresource: '', namespace: 'default', name: '', path: '', ...extra };
}

function url(verb: string, path: string): AuthorizationAttributes {
  return { user, verb, resourceRequest: false, apiGroup: '', apiVersion: '', resource: '', subresource: '', namespace: '', name: '', path };
}

describe('RBAC rule matching', () => {
  it('matches verbs, groups and resources exactly or by "*"', () => {
    const rule: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] };
    assert.equal(ruleAllows(res('get', 'pods'), rule), true);
    assert.equal(ruleAllows(res('delete', 'pods'), rule), false);
    assert.equal(ruleAllows(res('get', 'pods', { apiGroup: 'apps' }), rule), false);
    assert.equal(ruleAllows(res('get', 'services'), rule), false);
    const all: PolicyRule = { apiGroups: ['*'], resources: ['*'], verbs: ['*'] };
    assert.equal(ruleAllows(res('escalate', 'clusterroles', { apiGroup: 'rbac.authorization.k8s.io' }), all), true);
  });

  it('needs the subresource named, or "*/subresource"', () => {
    const pods: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
    assert.equal(ruleAllows(res('get', 'pods', { subresource: 'log' }), pods), false);
    assert.equal(ruleAllows(res('get', 'pods', { subresource: 'log' }), { ...pods, resources: ['pods/log'] }), true);
    const scale: PolicyRule = { apiGroups: ['*'], resources: ['*/scale'], verbs: ['update'] };
    assert.equal(ruleAllows(res('update', 'deployments', { apiGroup: 'apps', subresource: 'scale' }), scale), true);
    assert.equal(ruleAllows(res('update', 'deployments', { apiGroup: 'apps', subresource: 'status' }), scale), false);
    assert.equal(ruleAllows(res('update', 'deployments', { apiGroup: 'apps' }), scale), false);
  });

  it('limits to resourceNames when given (a list has no name, so it is not allowed)', () => {
    const rule: PolicyRule = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'list'] };
    assert.equal(ruleAllows(res('get', 'configmaps', { name: 'app-config' }), rule), true);
    assert.equal(ruleAllows(res('get', 'configmaps', { name: 'other' }), rule), false);
    assert.equal(ruleAllows(res('list', 'configmaps'), rule), false);
  });

  it('matches non-resource URLs exactly, by trailing "*" prefix, or "*"', () => {
    const rule: PolicyRule = { nonResourceURLs: ['/healthz', '/apis/*'], verbs: ['get'] };
    assert.equal(ruleAllows(url('get', '/healthz'), rule), true);
    assert.equal(ruleAllows(url('get', '/healthz/etcd'), rule), false);
    assert.equal(ruleAllows(url('get', '/apis/apps/v1'), rule), true);
    assert.equal(ruleAllows(url('post', '/healthz'), rule), false);
    assert.equal(ruleAllows(url('get', '/metrics'), { nonResourceURLs: ['*'], verbs: ['*'] }), true);
    assert.equal(ruleAllows(res('get', 'pods'), rule), false);
  });

  it('prints a rule as escalation errors do', () => {
    assert.equal(compactString({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }), '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}');
    assert.equal(compactString({ nonResourceURLs: ['/metrics'], verbs: ['get'] }), '{NonResourceURLs:["/metrics"], Verbs:["get"]}');
    assert.equal(
      compactString({ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['patch'] }),
      '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["web"], Verbs:["patch"]}',
    );
  });
});
