// PersistentVolumeClaims through the real kubectl: dynamic provisioning by kind's `standard`
// class (WaitForFirstConsumer: bound once a pod uses the claim), static binding, claims with no
// class or a missing one, and what happens to a volume when its claim is deleted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const claim = (name: string, extra = '', size = '1Gi') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: ${size}}}
${extra}`;

const volume = (name: string, extra = '', size = '2Gi') => `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data/${name}}
${extra}`;

const pod = (name: string, claimName: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers: [{name: app, image: busybox:1.36, command: [sleep, '3600'], volumeMounts: [{name: data, mountPath: /data}]}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: ${claimName}}}]
`;

describe('PersistentVolumes and claims with kubectl', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(), without: ['kubelet'] });
  });
  after(() => t.stop());

  const row = async (what: string, name: string) => {
    const r = await t.kubectl(`get ${what} ${name} --no-headers`);
    return r.stdout.trim().split(/\s+/);
  };

  it('provisions a volume for a standard claim once a pod uses it', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: claim('data') })).code, 0);
    await t.advance(1000);
    assert.equal((await row('pvc', 'data'))[1], 'Pending');
    const waiting = await t.kubectl('describe pvc data');
    assert.match(waiting.stdout, /Normal\s+WaitForFirstConsumer\s+\S+\s+persistentvolume-controller\s+waiting for first consumer to be created before binding/);

    assert.equal((await t.kubectl('apply -f -', { input: pod('writer', 'data') })).code, 0);
    await t.until(async () => (await row('pvc', 'data'))[1] === 'Bound', 60_000, 'claim bound');
    await t.advance(1000);
    const pvc = JSON.parse((await t.kubectl('get pvc data -o json')).stdout);
    const pvName = `pvc-${pvc.metadata.uid}`;
    assert.equal(pvc.spec.volumeName, pvName);
    assert.equal(pvc.spec.storageClassName, 'standard');
    assert.equal(pvc.metadata.annotations['pv.kubernetes.io/bind-completed'], 'yes');
    assert.equal(pvc.metadata.annotations['volume.kubernetes.io/storage-provisioner'], 'rancher.io/local-path');
    const node = (await row('pod', 'writer -o wide'))[6];
    assert.equal(pvc.metadata.annotations['volume.kubernetes.io/selected-node'], node);

    const pvRow = await row('pv', pvName);
    // NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS ...
    assert.deepEqual(pvRow.slice(0, 7), [pvName, '1Gi', 'RWO', 'Delete', 'Bound', 'default/data', 'standard']);
    const pv = JSON.parse((await t.kubectl(`get pv ${pvName} -o json`)).stdout);
    assert.equal(pv.metadata.annotations['pv.kubernetes.io/provisioned-by'], 'rancher.io/local-path');
    assert.equal(pv.spec.hostPath.path, `/var/local-path-provisioner/${pvName}_default_data`);
    assert.deepEqual(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values, [node]);

    const described = (await t.kubectl('describe pvc data')).stdout;
    const reasons = [...described.matchAll(/^  Normal\s+(\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(reasons, ['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    assert.match(described, /Normal\s+ExternalProvisioning\s+.*persistentvolume-controller\s+Waiting for a volume to be created either by the external provisioner 'rancher.io\/local-path' or manually by the system administrator/);
    assert.match(described, /Normal\s+Provisioning\s+.*rancher\.io\/local-path_\S+\s+External provisioner is provisioning volume for claim "default\/data"/);
    assert.match(described, new RegExp(`Normal\\s+ProvisioningSucceeded\\s+.*Successfully provisioned volume ${pvName}`));

    // Reclaim policy Delete: the volume goes with the claim.
    assert.equal((await t.kubectl('delete pod writer --grace-period=0 --force')).code, 0);
    assert.equal((await t.kubectl('delete pvc data --wait=false')).code, 0);
    await t.until(async () => (await t.kubectl(`get pv ${pvName}`)).code !== 0, 60_000, 'volume deleted');
    assert.match((await t.kubectl(`get pv ${pvName}`)).stderr, /persistentvolumes "pvc-[0-9a-f-]+" not found/);
  });

  it('keeps a claim without a class Pending until a matching volume appears', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: claim('manual', "  storageClassName: ''\n") })).code, 0);
    await t.advance(1000);
    assert.equal((await row('pvc', 'manual'))[1], 'Pending');
    assert.match((await t.kubectl('describe pvc manual')).stdout, /Normal\s+FailedBinding\s+\S+\s+persistentvolume-controller\s+no persistent volumes available for this claim and no storage class is set/);

    assert.equal((await t.kubectl('apply -f -', { input: volume('pv-small', "  storageClassName: ''\n", '500Mi') })).code, 0);
    await t.advance(1000);
    assert.equal((await row('pvc', 'manual'))[1], 'Pending', 'a 500Mi volume cannot hold a 1Gi claim');
    assert.equal((await row('pv', 'pv-small'))[4], 'Available');

    assert.equal((await t.kubectl('apply -f -', { input: volume('pv-big', "  storageClassName: ''\n", '5Gi') })).code, 0);
    await t.until(async () => (await row('pvc', 'manual'))[1] === 'Bound', 60_000, 'claim bound');
    // NAME STATUS VOLUME CAPACITY ACCESS MODES ...: the claim shows the volume's capacity.
    assert.deepEqual((await row('pvc', 'manual')).slice(0, 5), ['manual', 'Bound', 'pv-big', '5Gi', 'RWO']);
    const pv = JSON.parse((await t.kubectl('get pv pv-big -o json')).stdout);
    assert.equal(pv.metadata.annotations['pv.kubernetes.io/bound-by-controller'], 'yes');
    assert.equal(pv.spec.claimRef.name, 'manual');
  });

  it('releases a Retain volume when its claim is deleted, keeping the claim reference', async () => {
    const retain = "  storageClassName: manual\n  persistentVolumeReclaimPolicy: Retain\n";
    assert.equal((await t.kubectl('apply -f -', { input: volume('pv-keep', retain) })).code, 0);
    assert.equal((await t.kubectl('apply -f -', { input: claim('keep', '  storageClassName: manual\n') })).code, 0);
    await t.until(async () => (await row('pv', 'pv-keep'))[4] === 'Bound', 60_000, 'volume bound');
    assert.equal((await t.kubectl('delete pvc keep')).code, 0);
    await t.until(async () => (await row('pv', 'pv-keep'))[4] === 'Released', 60_000, 'volume released');
    assert.deepEqual((await row('pv', 'pv-keep')).slice(0, 7), ['pv-keep', '2Gi', 'RWO', 'Retain', 'Released', 'default/keep', 'manual']);

    // A new claim of the same name is a different claim (new uid): the volume stays Released.
    assert.equal((await t.kubectl('apply -f -', { input: claim('keep', '  storageClassName: manual\n') })).code, 0);
    await t.advance(2000);
    assert.equal((await row('pvc', 'keep'))[1], 'Pending');
    assert.equal((await row('pv', 'pv-keep'))[4], 'Released');
    // The administrator clears the claimRef: the volume is Available again and binds.
    assert.equal((await t.kubectl(['patch', 'pv', 'pv-keep', '--type=json', '-p', '[{"op":"remove","path":"/spec/claimRef"}]'])).code, 0);
    await t.until(async () => (await row('pvc', 'keep'))[1] === 'Bound', 60_000, 'claim bound again');
  });

  it('provisions the claims of a StatefulSet volumeClaimTemplate on the pod node', async () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16, volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}
`;
    assert.equal((await t.kubectl('apply -f -', { input: sts })).code, 0);
    await t.until(async () => (await row('pvc', 'data-db-0'))[1] === 'Bound', 60_000, 'data-db-0 bound');
    const [, , volumeName, capacity, modes, cls] = await row('pvc', 'data-db-0');
    assert.deepEqual([capacity, modes, cls], ['2Gi', 'RWO', 'standard']);
    const node = (await row('pod', 'db-0 -o wide'))[6];
    const pv = JSON.parse((await t.kubectl(`get pv ${volumeName} -o json`)).stdout);
    assert.deepEqual(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values, [node]);
  });

  it('reports a claim whose class does not exist', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: claim('fast', '  storageClassName: fast\n') })).code, 0);
    await t.advance(1000);
    assert.equal((await row('pvc', 'fast'))[1], 'Pending');
    assert.match((await t.kubectl('describe pvc fast')).stdout, /Warning\s+ProvisioningFailed\s+\S+\s+persistentvolume-controller\s+storageclass\.storage\.k8s\.io "fast" not found/);
  });
});
