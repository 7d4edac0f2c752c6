import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { serviceEnvVarMap } from './service-env.ts';

const svc = (namespace: string, name: string, clusterIP: string, ports: core.ServicePort[]): core.Service => ({
  metadata: { namespace, name },
  spec: { clusterIP, ports },
});
const kubernetes = svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);

test('a Service in the namespace gives the upstream link variables', () => {
  const env = serviceEnvVarMap('shop', true, [kubernetes], [
    svc('shop', 'my-db', '10.96.12.7', [{ port: 5432 }, { name: 'metrics', port: 9187, protocol: 'TCP' }]),
    svc('shop', 'headless', 'None', [{ port: 80 }]),
  ]);
  assert.equal(env.get('MY_DB_SERVICE_HOST'), '10.96.12.7');
  assert.equal(env.get('MY_DB_SERVICE_PORT'), '5432');
  assert.equal(env.get('MY_DB_SERVICE_PORT_METRICS'), '9187');
  assert.equal(env.get('MY_DB_PORT'), 'tcp://10.96.12.7:5432');
  assert.equal(env.get('MY_DB_PORT_5432_TCP'), 'tcp://10.96.12.7:5432');
  assert.equal(env.get('MY_DB_PORT_5432_TCP_PROTO'), 'tcp');
  assert.equal(env.get('MY_DB_PORT_5432_TCP_PORT'), '5432');
  assert.equal(env.get('MY_DB_PORT_5432_TCP_ADDR'), '10.96.12.7');
  assert.equal(env.get('MY_DB_PORT_9187_TCP_ADDR'), '10.96.12.7');
  assert.equal(env.get('KUBERNETES_SERVICE_HOST'), '10.96.0.1');
  assert.equal(env.get('KUBERNETES_SERVICE_PORT'), '443');
  assert.equal(env.get('KUBERNETES_SERVICE_PORT_HTTPS'), '443');
  assert.equal(env.get('KUBERNETES_PORT'), 'tcp://10.96.0.1:443');
  assert.ok(![...env.keys()].some((k) => k.startsWith('HEADLESS')), 'headless Services give no variables');
});

test('enableServiceLinks: false keeps only the kubernetes Service', () => {
  const env = serviceEnvVarMap('shop', false, [kubernetes, svc('default', 'web', '10.96.3.3', [{ port: 80 }])], [svc('shop', 'db', '10.96.1.1', [{ port: 1 }])]);
  assert.deepEqual([...env.keys()].filter((k) => k.endsWith('_SERVICE_HOST')), ['KUBERNETES_SERVICE_HOST']);
});

test('names starting with a digit get a leading underscore; UDP is lower-cased in URLs', () => {
  const env = serviceEnvVarMap('default', true, [kubernetes, svc('default', '1dns', '10.96.0.10', [{ name: 'dns', port: 53, protocol: 'UDP' }])], []);
  assert.equal(env.get('_1DNS_PORT'), 'udp://10.96.0.10:53');
  assert.equal(env.get('_1DNS_PORT_53_UDP_PROTO'), 'udp');
});
