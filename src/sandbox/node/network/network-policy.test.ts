import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inCIDR, type PolicyPeer, policyAllows } from './network-policy.ts';
import { namespace, pod, policy } from './testing.ts';

const ns = { default: namespace('default').metadata.labels!, prod: namespace('prod', { env: 'prod' }).metadata.labels! };
const peer = (name: string, labels: Record<string, string>, ip: string, n: 'default' | 'prod' = 'default'): PolicyPeer => ({ ip, pod: pod(name, labels, { ip, namespace: n }), namespaceLabels: ns[n] });
const web = peer('web', { app: 'web' }, '10.244.1.5');
const db = peer('db', { app: 'db' }, '10.244.1.6');
const api = peer('api', { app: 'api' }, '10.244.2.5', 'prod');

describe('NetworkPolicy evaluation', () => {
  it('allows everything when no policy selects either pod', () => {
    assert.equal(policyAllows([], web, db, 5432), true);
    assert.equal(policyAllows([policy('x', { podSelector: { matchLabels: { app: 'other' } }, policyTypes: ['Ingress'] })], web, db, 5432), true);
  });

  it('denies all ingress with an empty podSelector and no rules', () => {
    const deny = policy('deny', { podSelector: {}, policyTypes: ['Ingress'] });
    assert.equal(policyAllows([deny], web, db, 5432), false);
    assert.equal(policyAllows([deny], { ip: '172.18.0.3' }, db, 5432), false);
  });

  it('matches podSelector peers in the policy namespace only, and ports by number, range and name', () => {
    const p = policy('db', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }] });
    const matrix = [
      [web, 5432, true],
      [web, 5433, false],
      [peer('web', { app: 'web' }, '10.244.2.9', 'prod'), 5432, false],
      [api, 5432, false],
    ] as const;
    for (const [from, port, want] of matrix) assert.equal(policyAllows([p], from, db, port), want, `${from.pod?.metadata.namespace}/${from.pod?.metadata.name}:${port}`);
    const range = policy('r', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8000, endPort: 8100, protocol: 'TCP' }] }] });
    assert.equal(policyAllows([range], web, db, 8050), true);
    assert.equal(policyAllows([range], web, db, 8101), false);
    const named = policy('n', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] });
    assert.equal(policyAllows([named], web, db, 8080), true);
    assert.equal(policyAllows([named], web, db, 9090), false);
    assert.equal(policyAllows([named], web, db, 8080, 'UDP'), false);
  });

  it('matches namespaceSelector alone (any pod there) and together with podSelector (both must match)', () => {
    const nsOnly = policy('a', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }] }] });
    assert.equal(policyAllows([nsOnly], api, db, 80), true);
    assert.equal(policyAllows([nsOnly], web, db, 80), false);
    const both = policy('b', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'web' } } }] }] });
    assert.equal(policyAllows([both], api, db, 80), false);
    assert.equal(policyAllows([both], peer('w', { app: 'web' }, '10.244.2.6', 'prod'), db, 80), true);
  });

  it('matches ipBlock with except', () => {
    const p = policy('ip', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } }] }] });
    assert.equal(policyAllows([p], web, db, 80), true);
    assert.equal(policyAllows([p], api, db, 80), false);
    assert.equal(inCIDR('172.18.0.3', '172.18.0.0/16'), true);
    assert.equal(inCIDR('172.19.0.3', '172.18.0.0/16'), false);
    assert.equal(inCIDR('1.2.3.4', '0.0.0.0/0'), true);
  });

  it('isolates egress only for Egress policies; the destination pod is what egress rules match', () => {
    const egress = policy('e', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] });
    assert.equal(policyAllows([egress], web, db, 5432), true);
    assert.equal(policyAllows([egress], web, api, 80), false);
    assert.equal(policyAllows([egress], db, web, 80), true, 'the policy does not select db');
    const dns = policy('dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] });
    const coredns = peer('coredns', { 'k8s-app': 'kube-dns' }, '10.244.0.2', 'default');
    assert.equal(policyAllows([dns], web, coredns, 53, 'UDP'), true);
    assert.equal(policyAllows([dns], web, db, 5432), false);
  });

  it('defaults policyTypes from the rules when absent', () => {
    const p = policy('x', { podSelector: { matchLabels: { app: 'web' } }, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] });
    assert.equal(policyAllows([p], db, web, 80), false, 'Ingress isolation is implied');
    assert.equal(policyAllows([p], web, { ip: '8.8.8.8' }, 53, 'UDP'), false);
  });
});
