import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { defaultPodSpec, defaultPodSpecForPod } from './pod-spec-defaults.ts';
import { defaultPullPolicy, parseImageName } from './pod-spec-image.ts';

const spec = (s: Partial<core.PodSpec>): core.PodSpec => ({ containers: [{ name: 'app', image: 'nginx' }], ...s }) as core.PodSpec;

describe('pod spec defaults', () => {
  it('fills the PodSpec defaults a plain pod shows in -o yaml', () => {
    const s = spec({});
    defaultPodSpecForPod(s);
    assert.deepEqual(s, {
      containers: [{ name: 'app', image: 'nginx', imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });

  it('leaves enableServiceLinks and requests-from-limits to Pods (templates keep what was written)', () => {
    const s = spec({ containers: [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '500m' } } }] });
    defaultPodSpec(s);
    assert.equal(s.enableServiceLinks, undefined);
    assert.deepEqual(s.containers[0]!.resources, { limits: { cpu: '500m' } });
    const p = spec({ containers: [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { memory: '512Mi' } } }] });
    defaultPodSpecForPod(p);
    assert.deepEqual(p.containers[0]!.resources, { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '512Mi' } });
  });

  it('keeps explicit values', () => {
    const s = spec({ restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, enableServiceLinks: false, schedulerName: 'mine' });
    defaultPodSpecForPod(s);
    assert.equal(s.restartPolicy, 'Never');
    assert.equal(s.dnsPolicy, 'Default');
    assert.equal(s.terminationGracePeriodSeconds, 0);
    assert.equal(s.enableServiceLinks, false);
    assert.equal(s.schedulerName, 'mine');
  });

  it('defaults ports, env field refs, probes and hooks', () => {
    const s = spec({
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80 }],
          env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          livenessProbe: { httpGet: { port: 80 } },
          readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
          lifecycle: { preStop: { httpGet: { port: 'http' } } },
        },
      ],
    });
    defaultPodSpec(s);
    const c = s.containers[0]!;
    assert.equal(c.imagePullPolicy, 'IfNotPresent');
    assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.deepEqual(c.env![0]!.valueFrom!.fieldRef, { apiVersion: 'v1', fieldPath: 'metadata.name' });
    assert.deepEqual(c.livenessProbe, { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    assert.deepEqual(c.readinessProbe, { grpc: { port: 9000, service: '' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    assert.deepEqual(c.lifecycle!.preStop!.httpGet, { port: 'http', path: '/', scheme: 'HTTP' });
  });

  it('defaults volumes: emptyDir when no source, file modes 420, hostPath type, token lifetime', () => {
    const s = spec({
      volumes: [
        { name: 'scratch' },
        { name: 'cm', configMap: { name: 'settings' } },
        { name: 'sec', secret: { secretName: 'creds' } },
        { name: 'host', hostPath: { path: '/var/log' } },
        { name: 'down', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
    });
    defaultPodSpec(s);
    assert.deepEqual(s.volumes, [
      { name: 'scratch', emptyDir: {} },
      { name: 'cm', configMap: { name: 'settings', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 'creds', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
      { name: 'down', downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
      { name: 'proj', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
    ]);
  });

  it('rounds resource quantities up to milli units', () => {
    const s = spec({ containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100u', memory: '1Gi' } } }] });
    defaultPodSpec(s);
    assert.deepEqual(s.containers[0]!.resources!.requests, { cpu: '1m', memory: '1Gi' });
  });

  it('sets host ports from container ports with hostNetwork (Pods only)', () => {
    const s = spec({ hostNetwork: true, containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 8080 }] }] });
    defaultPodSpecForPod(s);
    assert.deepEqual(s.containers[0]!.ports, [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });

  it('defaults pod-level requests from limits and container requests', () => {
    const s = spec({
      resources: { limits: { cpu: '2', memory: '1Gi' } },
      containers: [
        { name: 'a', image: 'x', resources: { requests: { cpu: '500m' } } },
        { name: 'b', image: 'x', resources: { requests: { cpu: '250m' } } },
      ],
    });
    defaultPodSpecForPod(s);
    assert.deepEqual(s.resources, { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '750m', memory: '1Gi' } });
  });

  it('mirrors the deprecated serviceAccount field', () => {
    const old = spec({ serviceAccount: 'builder' });
    defaultPodSpec(old);
    assert.deepEqual([old.serviceAccountName, old.serviceAccount], ['builder', 'builder']);
    const both = spec({ serviceAccountName: 'app', serviceAccount: 'other' });
    defaultPodSpec(both);
    assert.deepEqual([both.serviceAccountName, both.serviceAccount], ['app', 'app']);
  });

  it('is idempotent', () => {
    const a = spec({ volumes: [{ name: 'v' }], initContainers: [{ name: 'init', image: 'busybox', restartPolicy: 'Always' }] });
    defaultPodSpecForPod(a);
    const once = JSON.stringify(a);
    defaultPodSpecForPod(a);
    assert.equal(JSON.stringify(a), once);
  });
});

describe('image pull policy from the image reference', () => {
  it('pulls always for latest or untagged images, else if not present', () => {
    assert.equal(defaultPullPolicy('nginx'), 'Always');
    assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
    assert.equal(defaultPullPolicy('registry.example.com:5000/team/app'), 'Always');
    assert.equal(defaultPullPolicy('nginx:1.27'), 'IfNotPresent');
    assert.equal(defaultPullPolicy(`nginx@sha256:${'a'.repeat(64)}`), 'IfNotPresent');
    assert.equal(defaultPullPolicy(`nginx:latest@sha256:${'a'.repeat(64)}`), 'Always');
    // Unparsable references (upper case repository, empty) do not count as latest.
    assert.equal(defaultPullPolicy('NGINX'), 'IfNotPresent');
    assert.equal(defaultPullPolicy(''), 'IfNotPresent');
    assert.equal(defaultPullPolicy(undefined), 'IfNotPresent');
  });

  it('parses registry, tag and digest', () => {
    assert.deepEqual(parseImageName('localhost:5000/app:v1'), { name: 'localhost:5000/app', tag: 'v1', digest: '' });
    assert.equal(parseImageName('my_registry/App'), undefined);
  });
});
