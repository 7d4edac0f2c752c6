import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { makeEnvironmentVariables } from './container-env.ts';
import { b64, fakeSources, kubernetesService, workerNode } from './testing.ts';

const sources = fakeSources({
  configMaps: [{ metadata: { namespace: 'shop', name: 'app' }, data: { MODE: 'prod', PORT: '8080', LOG_LEVEL: 'info' } }],
  secrets: [{ metadata: { namespace: 'shop', name: 'db' }, data: { password: b64('s3cret'), user: b64('admin') } }],
  services: [kubernetesService, { metadata: { namespace: 'shop', name: 'cache' }, spec: { clusterIP: '10.96.5.5', ports: [{ port: 6379 }] } }],
});

function env(container: Omit<core.Container, 'name'>, podSpec: Partial<core.PodSpec> = {}) {
  const pod: core.Pod = { metadata: { namespace: 'shop', name: 'web', uid: 'u1', labels: { app: 'web' } }, spec: { nodeName: 'kubecamp-worker', containers: [], ...podSpec } };
  return makeEnvironmentVariables({ pod, container: { name: 'app', ...container }, podIPs: ['10.244.1.7'], node: workerNode(), sources });
}

test('envFrom, env and valueFrom sources combine with env winning', () => {
  const r = env({
    envFrom: [{ configMapRef: { name: 'app' } }, { prefix: 'DB_', secretRef: { name: 'db' } }],
    env: [
      { name: 'MODE', value: 'debug' },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app', key: 'LOG_LEVEL' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
    ],
  });
  assert.ok(r.ok);
  assert.equal(r.env.MODE, 'debug');
  assert.equal(r.env.PORT, '8080');
  assert.equal(r.env.DB_password, 's3cret');
  assert.equal(r.env.DB_user, 'admin');
  assert.equal(r.env.PASSWORD, 's3cret');
  assert.equal(r.env.LEVEL, 'info');
  assert.equal(r.env.POD_IP, '10.244.1.7');
  assert.equal(r.env.NODE, 'kubecamp-worker');
  assert.equal(r.env.HOST_IP, '172.18.0.3');
  assert.equal(r.env.CPU, '8');
  assert.equal(r.env.CACHE_SERVICE_HOST, '10.96.5.5');
  assert.equal(r.env.KUBERNETES_SERVICE_HOST, '10.96.0.1');
});

test('$(VAR) expands earlier variables and service variables, not later ones', () => {
  const r = env({
    envFrom: [{ configMapRef: { name: 'app' } }],
    env: [
      { name: 'URL', value: 'http://$(CACHE_SERVICE_HOST):$(PORT)/$(LATER)' },
      { name: 'LATER', value: 'x' },
      { name: 'ESCAPED', value: '$$(PORT)' },
    ],
  });
  assert.ok(r.ok);
  assert.equal(r.env.URL, 'http://10.96.5.5:8080/$(LATER)');
  assert.equal(r.env.ESCAPED, '$(PORT)');
});

test('missing sources fail with CreateContainerConfigError and upstream messages', () => {
  const fail = (c: Omit<core.Container, 'name'>) => {
    const r = env(c);
    assert.equal(r.ok, false);
    return r.ok ? '' : `${r.reason}: ${r.message}`;
  };
  assert.equal(fail({ envFrom: [{ configMapRef: { name: 'nope' } }] }), 'CreateContainerConfigError: configmap "nope" not found');
  assert.equal(fail({ envFrom: [{ secretRef: { name: 'nope' } }] }), 'CreateContainerConfigError: secret "nope" not found');
  assert.equal(fail({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app', key: 'missing' } } }] }), "CreateContainerConfigError: couldn't find key missing in ConfigMap shop/app");
  assert.equal(fail({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'token' } } }] }), "CreateContainerConfigError: couldn't find key token in Secret shop/db");
  assert.equal(fail({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'other', key: 'k' } } }] }), 'CreateContainerConfigError: configmap "other" not found');
});

test('optional sources that are missing are skipped', () => {
  const r = env({
    envFrom: [{ configMapRef: { name: 'nope', optional: true } }],
    env: [
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'app', key: 'missing', optional: true } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 'nope', key: 'k', optional: true } } },
      { name: 'C', value: 'c' },
    ],
  });
  assert.ok(r.ok);
  assert.equal('A' in r.env, false);
  assert.equal('B' in r.env, false);
  assert.equal(r.env.C, 'c');
});

test('enableServiceLinks: false leaves only the kubernetes Service variables', () => {
  const r = env({}, { enableServiceLinks: false });
  assert.ok(r.ok);
  assert.equal(r.env.CACHE_SERVICE_HOST, undefined);
  assert.equal(r.env.KUBERNETES_SERVICE_PORT, '443');
});
