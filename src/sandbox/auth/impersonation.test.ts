import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../apimachinery/errors.ts';
import type { UserInfo } from '../registry/types.ts';
import { impersonate } from './impersonation.ts';
import type { AuthorizationAttributes, Authorizer } from './types.ts';

const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** Records every check; allows all, or only what `allow` accepts. */
function recorder(allow: (a: AuthorizationAttributes) => boolean = () => true): Authorizer & { seen: AuthorizationAttributes[] } {
  const seen: AuthorizationAttributes[] = [];
  return { seen, authorize: (a) => (seen.push(a), { decision: allow(a) ? 'allow' : 'no-opinion', reason: '' }) };
}

function thrown(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  assert.fail('expected a StatusError');
}

describe('impersonation', () => {
  it('leaves requests without impersonation headers alone', () => {
    const a = recorder();
    assert.equal(impersonate(a, ADMIN, {}), ADMIN);
    assert.equal(a.seen.length, 0);
  });

  it('acts as a ServiceAccount with its groups, after checking impersonate on serviceaccounts', () => {
    const a = recorder();
    const u = impersonate(a, ADMIN, { 'impersonate-user': ['system:serviceaccount:dev:app'] });
    assert.deepEqual(u, { username: 'system:serviceaccount:dev:app', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] });
    assert.deepEqual(
      a.seen.map((s) => [s.verb, s.apiGroup, s.resource, s.namespace, s.name]),
      [['impersonate', '', 'serviceaccounts', 'dev', 'app']],
    );
  });

  it('takes the groups given (one per header line) instead of defaults, and checks each', () => {
    const a = recorder();
    const u = impersonate(a, ADMIN, { 'impersonate-user': ['jane'], 'impersonate-group': ['dev, ops', 'qa'] });
    assert.deepEqual(u, { username: 'jane', groups: ['dev, ops', 'qa', 'system:authenticated'] });
    assert.deepEqual(
      a.seen.map((s) => `${s.resource}/${s.name}`),
      ['users/jane', 'groups/dev, ops', 'groups/qa'],
    );
  });

  it('checks extras as userextras/<key> and the uid in authentication.k8s.io', () => {
    const a = recorder();
    const u = impersonate(a, ADMIN, { 'impersonate-user': ['jane'], 'impersonate-extra-scopes%2Fread': ['a', 'b'], 'impersonate-uid': ['42'] });
    assert.deepEqual(u, { username: 'jane', groups: ['system:authenticated'], uid: '42', extra: { 'scopes/read': ['a', 'b'] } });
    assert.deepEqual(
      a.seen.slice(1).map((s) => [s.apiGroup, s.resource, s.subresource, s.name]),
      [
        ['authentication.k8s.io', 'userextras', 'scopes/read', 'a'],
        ['authentication.k8s.io', 'userextras', 'scopes/read', 'b'],
        ['authentication.k8s.io', 'uids', '', '42'],
      ],
    );
  });

  it('answers 403 as upstream words it when the requester may not impersonate', () => {
    const sa: UserInfo = { username: 'system:serviceaccount:dev:app', groups: ['system:authenticated'] };
    const e = thrown(() => impersonate(recorder(() => false), sa, { 'impersonate-user': ['system:serviceaccount:kube-system:admin'] }));
    assert.equal(e.code, 403);
    assert.equal(
      e.message,
      'serviceaccounts "admin" is forbidden: User "system:serviceaccount:dev:app" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    );
    const g = thrown(() => impersonate(recorder((x) => x.resource === 'users'), sa, { 'impersonate-user': ['jane'], 'impersonate-group': ['system:masters'] }));
    assert.equal(g.message, 'groups "system:masters" is forbidden: User "system:serviceaccount:dev:app" cannot impersonate resource "groups" in API group "" at the cluster scope');
  });

  it('rejects groups without a user with 400', () => {
    const e = thrown(() => impersonate(recorder(), ADMIN, { 'impersonate-group': ['ops'] }));
    assert.equal(e.code, 400);
    assert.equal(e.message, 'requested [{Group  ops    }] without impersonating a user');
  });

  it('gives an impersonated anonymous user system:unauthenticated', () => {
    assert.deepEqual(impersonate(recorder(), ADMIN, { 'impersonate-user': ['system:anonymous'] }), { username: 'system:anonymous', groups: ['system:unauthenticated'] });
  });
});
