import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoredObject } from '../../apimachinery/object.ts';
import { ADMIN_USER, type Cluster } from '../cluster.ts';
import { Sandbox } from '../sandbox.ts';
import { VirtualClock } from './clock.ts';
import { EventRecorder } from './event-recorder.ts';

type Event = StoredObject & Record<string, unknown> & { count?: number; involvedObject: Record<string, string> };

describe('EventRecorder', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  let subject: StoredObject;
  const clock = new VirtualClock(Date.parse('2026-02-01T10:00:00Z'));
  const events = () => cluster.store.list('events', 'default') as Event[];

  before(async () => {
    sandbox = await Sandbox.start({ port: 0, clock });
    cluster = await sandbox.createCluster('ev');
    const def = cluster.resources.byResource('', 'configmaps')!;
    subject = (await cluster.api.create(cluster.context(ADMIN_USER), def, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'subject' } }, { fieldManager: 't' }))
      .object as StoredObject;
  });
  after(() => sandbox.stop());

  it('writes legacy events and counts identical ones', async () => {
    const kubelet = new EventRecorder(cluster, { component: 'kubelet', host: 'kubecamp-worker' });
    await kubelet.event(subject, 'Normal', 'Pulling', 'Pulling image "nginx"', { fieldPath: 'spec.containers{nginx}' });
    await clock.advance(30_000);
    await kubelet.event(subject, 'Warning', 'BackOff', 'Back-off restarting failed container nginx');
    await clock.advance(30_000);
    await kubelet.event(subject, 'Warning', 'BackOff', 'Back-off restarting failed container nginx');
    const list = events();
    assert.equal(list.length, 2);
    const pulling = list.find((e) => e.reason === 'Pulling')!;
    assert.match(pulling.metadata.name, /^subject\.[0-9a-f]+$/);
    assert.deepEqual(pulling.source, { component: 'kubelet', host: 'kubecamp-worker' });
    assert.equal(pulling.involvedObject.fieldPath, 'spec.containers{nginx}');
    assert.equal(pulling.involvedObject.uid, subject.metadata.uid);
    const backoff = list.find((e) => e.reason === 'BackOff')!;
    assert.equal(backoff.count, 2);
    assert.equal(backoff.firstTimestamp, '2026-02-01T10:00:30Z');
    assert.equal(backoff.lastTimestamp, '2026-02-01T10:01:00Z');
  });

  it('writes events.k8s.io-style events for the scheduler', async () => {
    const scheduler = new EventRecorder(cluster, { component: 'default-scheduler' }, 'events.k8s.io', 'default-scheduler-kubecamp-control-plane');
    await scheduler.event(subject, 'Normal', 'Scheduled', 'Successfully assigned default/subject to kubecamp-worker', { action: 'Binding' });
    const e = events().find((x) => x.reason === 'Scheduled')!;
    assert.equal(e.action, 'Binding');
    assert.deepEqual(e.source, {});
    assert.equal(e.reportingInstance, 'default-scheduler-kubecamp-control-plane');
    assert.match(String(e.eventTime), /^2026-02-01T10:01:00\.\d{6}Z$/);
  });
});
