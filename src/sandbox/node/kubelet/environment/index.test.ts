// PodEnvironment against a real cluster store (no controllers): volumes as a container sees them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { deepClone, type KubeObject } from '../../../../apimachinery/object.ts';
import { ADMIN_USER, type Cluster } from '../../../cluster.ts';
import { Sandbox } from '../../../sandbox.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { verifyServiceAccountToken } from '../../../auth/service-account-token.ts';
import { ImageCatalogue, type CatalogueImage } from '../../images/image-catalogue.ts';
import { parseImageReference } from '../../images/reference.ts';
import { FsError, type FileSystem } from '../../fs/types.ts';
import { PodEnvironment, VolumeData } from './index.ts';

const catalogue = new ImageCatalogue();
function image(name: string): CatalogueImage {
  const ref = parseImageReference(name);
  assert.ok(ref.ok);
  const r = catalogue.lookup(ref.ref);
  assert.equal(r.kind, 'found');
  return (r as { image: CatalogueImage }).image;
}
const busybox = image('busybox:1.36');

function fsError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
  return 'no error';
}

/** `ls -la`-ish listing: name, type, octal mode, link target. */
function listing(fs: FileSystem, dir: string): string[] {
  return fs
    .readDir(dir)
    .map((e) => {
      const path = `${dir}/${e.name}`;
      const st = fs.lstat!(path);
      const target = st.type === 'symlink' ? ` -> ${fs.readlink!(path)}` : '';
      return `${st.type} ${(st.mode & 0o7777).toString(8)} ${e.name.replace(/^\.\.\d{4}_.*/, '..<timestamp>')}${target.replace(/\.\.\d{4}_\S*/, '..<timestamp>')}`;
    })
    .sort();
}

describe('PodEnvironment', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  let env: PodEnvironment;
  let data: VolumeData;
  let worker: core.Node;
  let worker2: core.Node;
  let uid = 0;
  const clock = new VirtualClock(Date.parse('2026-03-01T10:00:00Z'));
  const create = async (resource: string, ns: string | undefined, obj: KubeObject) =>
    cluster.api.create(cluster.context(ADMIN_USER), cluster.resources.byResource('', resource)!, ns, obj, { fieldManager: 'test' });
  const update = async (resource: string, ns: string | undefined, obj: KubeObject) =>
    cluster.api.update(cluster.context(ADMIN_USER), cluster.resources.byResource('', resource)!, ns, obj.metadata!.name!, obj, { fieldManager: 'test' });

  function pod(spec: Partial<core.PodSpec>, name = 'web', node = 'kubecamp-worker'): core.Pod {
    return {
      metadata: { name, namespace: 'default', uid: `pod-uid-${++uid}`, labels: { app: 'web' } },
      spec: { nodeName: node, serviceAccountName: 'default', containers: [{ name: 'app', image: 'busybox:1.36' }], ...spec },
    };
  }
  function start(p: core.Pod, container = p.spec!.containers[0]): FileSystem {
    const node = p.spec!.nodeName === worker2.metadata!.name ? worker2 : worker;
    const r = env.setUpVolumes(p, node);
    assert.deepEqual(r, { ok: true });
    env.allocateIP(p, node);
    return env.containerFs(p, container, busybox);
  }

  before(async () => {
    sandbox = await Sandbox.start({ port: 0, clock, components: { controllers: () => [] } });
    cluster = await sandbox.createCluster('envtest');
    data = new VolumeData();
    env = new PodEnvironment(cluster, data);
    worker = cluster.store.get('nodes', undefined, 'kubecamp-worker') as core.Node;
    worker2 = cluster.store.get('nodes', undefined, 'kubecamp-worker2') as core.Node;
    if (!cluster.store.get('serviceaccounts', 'default', 'default')) await create('serviceaccounts', 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
    if (!cluster.store.get('configmaps', 'default', 'kube-root-ca.crt')) {
      await create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': cluster.caPem } } as KubeObject);
    }
    await create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { 'app.conf': 'color=blue\n', mode: 'prod' } } as KubeObject);
    await create('secrets', 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 's3cret' } } as KubeObject);
  });
  after(() => sandbox.stop());

  it('projects a configMap as a read-only ..data tree', () => {
    const fs = start(pod({ volumes: [{ name: 'cfg', configMap: { name: 'app', defaultMode: 420 } }], containers: [{ name: 'app', volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }] }] }));
    assert.equal(fs.readFile('/etc/config/app.conf'), 'color=blue\n');
    assert.deepEqual(listing(fs, '/etc/config'), [
      'dir 755 ..<timestamp>',
      'symlink 777 ..data -> ..<timestamp>',
      'symlink 777 app.conf -> ..data/app.conf',
      'symlink 777 mode -> ..data/mode',
    ]);
    assert.equal(fs.stat('/etc/config/mode').mode & 0o777, 0o644);
    assert.equal(fsError(() => fs.writeFile('/etc/config/new', 'x')), 'EROFS');
  });

  it('projects only the listed items, at their paths and modes', () => {
    const fs = start(
      pod({
        volumes: [{ name: 'cfg', configMap: { name: 'app', defaultMode: 0o400, items: [{ key: 'app.conf', path: 'conf/app.ini' }, { key: 'mode', path: 'mode.txt', mode: 0o600 }] } }],
        containers: [{ name: 'app', volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }],
      }),
    );
    assert.equal(fs.readFile('/cfg/conf/app.ini'), 'color=blue\n');
    assert.equal(fs.stat('/cfg/conf/app.ini').mode & 0o777, 0o400);
    assert.equal(fs.stat('/cfg/mode.txt').mode & 0o777, 0o600);
    assert.equal(fs.exists('/cfg/app.conf'), false);
  });

  it('fails to mount a missing configMap, secret or key with upstream messages; optional sources mount empty', () => {
    const mount = (v: core.Volume) => env.setUpVolumes(pod({ volumes: [v] }), worker);
    assert.deepEqual(mount({ name: 'cfg', configMap: { name: 'app-config' } }), { ok: false, message: 'MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found' });
    assert.deepEqual(mount({ name: 'creds', secret: { secretName: 'nope' } }), { ok: false, message: 'MountVolume.SetUp failed for volume "creds" : secret "nope" not found' });
    assert.deepEqual(mount({ name: 'cfg', configMap: { name: 'app', items: [{ key: 'missing', path: 'x' }] } }), {
      ok: false,
      message: 'MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: missing',
    });
    assert.deepEqual(mount({ name: 'cfg', configMap: { name: 'app-config', optional: true } }), { ok: true });
  });

  it('mounts again once the missing configMap exists (setUpVolumes is retried)', async () => {
    const p = pod({ volumes: [{ name: 'cfg', configMap: { name: 'late' } }], containers: [{ name: 'app', volumeMounts: [{ name: 'cfg', mountPath: '/late' }] }] });
    assert.equal(env.setUpVolumes(p, worker).ok, false);
    await create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' }, data: { k: 'v' } } as KubeObject);
    assert.deepEqual(env.setUpVolumes(p, worker), { ok: true });
    assert.equal(env.containerFs(p, p.spec!.containers[0], busybox).readFile('/late/k'), 'v');
  });

  it('decodes secrets into a 1777 tmpfs with the defaultMode', () => {
    const fs = start(pod({ volumes: [{ name: 's', secret: { secretName: 'db', defaultMode: 0o400 } }], containers: [{ name: 'app', volumeMounts: [{ name: 's', mountPath: '/secrets' }] }] }));
    assert.equal(fs.readFile('/secrets/password'), 's3cret');
    assert.equal(fs.stat('/secrets/password').mode & 0o777, 0o400);
    assert.equal(fs.stat('/secrets').mode & 0o7777, 0o1777);
  });

  it('fills kube-api-access with a token the API server accepts, ca.crt and the namespace', async () => {
    const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
    const p = pod({
      volumes: [
        {
          name: 'kube-api-access-abcde',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
      containers: [{ name: 'app', volumeMounts: [{ name: 'kube-api-access-abcde', mountPath, readOnly: true }] }],
    });
    const fs = start(p);
    assert.equal(fs.readFile(`${mountPath}/namespace`), 'default');
    assert.match(fs.readFile(`${mountPath}/ca.crt`), /BEGIN CERTIFICATE/);
    assert.equal(fs.stat(mountPath).mode & 0o7777, 0o1777, 'a tmpfs');
    const user = await verifyServiceAccountToken(cluster, fs.readFile(`${mountPath}/token`));
    assert.equal(user?.username, 'system:serviceaccount:default:default');
    assert.deepEqual(user?.extra?.['authentication.kubernetes.io/pod-name'], ['web']);
  });

  it('writes labels and annotations of a downwardAPI volume as key="value" lines, and refreshes them', () => {
    const p = pod({ volumes: [{ name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }], containers: [{ name: 'app', volumeMounts: [{ name: 'info', mountPath: '/info' }] }] });
    const fs = start(p);
    assert.equal(fs.readFile('/info/labels'), 'app="web"');
    const relabelled = { ...p, metadata: { ...p.metadata, labels: { app: 'web', tier: 'front' } } };
    assert.equal(env.refresh(relabelled), true);
    assert.equal(fs.readFile('/info/labels'), 'app="web"\ntier="front"');
    assert.equal(env.refresh(relabelled), false, 'nothing changed, nothing rewritten');
  });

  it('updates a mounted configMap on refresh, but not a subPath copy of it', async () => {
    await create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live' }, data: { 'site.conf': 'v1' } } as KubeObject);
    const p = pod({
      volumes: [{ name: 'cfg', configMap: { name: 'live' } }],
      containers: [
        {
          name: 'app',
          volumeMounts: [
            { name: 'cfg', mountPath: '/whole' },
            { name: 'cfg', mountPath: '/etc/site.conf', subPath: 'site.conf' },
          ],
        },
      ],
    });
    const fs = start(p);
    assert.equal(fs.readFile('/etc/site.conf'), 'v1');
    const cm = deepClone(cluster.store.get('configmaps', 'default', 'live')!);
    await update('configmaps', 'default', { ...cm, data: { 'site.conf': 'v2' } } as KubeObject);
    assert.equal(env.refresh(p), true);
    assert.equal(fs.readFile('/whole/site.conf'), 'v2');
    assert.equal(fs.readFile('/etc/site.conf'), 'v1');
    assert.equal(env.containerFs(p, p.spec!.containers[0], busybox).readFile('/etc/site.conf'), 'v2', 'a restarted container copies the new file');
  });

  it('shares an emptyDir between the containers of a pod and drops it on tearDown', () => {
    const p = pod({
      volumes: [{ name: 'shared', emptyDir: {} }],
      containers: [
        { name: 'writer', volumeMounts: [{ name: 'shared', mountPath: '/out' }] },
        { name: 'reader', volumeMounts: [{ name: 'shared', mountPath: '/in', readOnly: true }] },
      ],
    });
    const writer = start(p, p.spec!.containers[0]);
    const reader = env.containerFs(p, p.spec!.containers[1], busybox);
    writer.writeFile('/out/index.html', 'hello');
    assert.equal(reader.readFile('/in/index.html'), 'hello');
    assert.equal(fsError(() => reader.writeFile('/in/x', 'y')), 'EROFS');
    assert.equal(writer.stat('/out').mode & 0o777, 0o777);
    env.tearDown(p);
    const again = start({ ...p, metadata: { ...p.metadata, uid: 'fresh-uid' } }, p.spec!.containers[1]);
    assert.equal(again.exists('/in/index.html'), false);
  });

  it('gives emptyDirs and claims of an fsGroup pod the group, with setgid directories', () => {
    const p = pod({ securityContext: { fsGroup: 2000 }, volumes: [{ name: 'work', emptyDir: {} }], containers: [{ name: 'app', volumeMounts: [{ name: 'work', mountPath: '/work' }] }] });
    const fs = start(p);
    const st = fs.stat('/work');
    assert.equal(st.gid, 2000);
    assert.equal((st.mode & 0o7777).toString(8), '2777');
  });

  it('bounds a memory emptyDir by its sizeLimit and counts its bytes', () => {
    const p = pod({ volumes: [{ name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '1Ki' } }], containers: [{ name: 'app', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }] });
    const fs = start(p);
    fs.writeFile('/cache/a', 'x'.repeat(600));
    assert.equal(env.memoryBackedBytes(p), 600);
    assert.equal(fsError(() => fs.writeFile('/cache/b', 'x'.repeat(600))), 'ENOSPC');
  });

  it('keeps hostPath data per node, and checks hostPath types', () => {
    const vol = (type?: string): core.Volume => ({ name: 'host', hostPath: { path: '/data/shared', type } });
    const mounts = [{ name: 'host', mountPath: '/host' }];
    const a = start(pod({ volumes: [vol('DirectoryOrCreate')], containers: [{ name: 'app', volumeMounts: mounts }] }));
    a.writeFile('/host/note', 'on worker');
    const b = start(pod({ volumes: [vol('Directory')], containers: [{ name: 'app', volumeMounts: mounts }] }));
    assert.equal(b.readFile('/host/note'), 'on worker');
    assert.deepEqual(env.setUpVolumes(pod({ volumes: [vol('Directory')] }, 'x', 'kubecamp-worker2'), worker2), {
      ok: false,
      message: 'MountVolume.SetUp failed for volume "host" : hostPath type check failed: /data/shared is not a directory',
    });
    const logs = start(pod({ volumes: [{ name: 'host', hostPath: { path: '/var/log', type: 'Directory' } }], containers: [{ name: 'app', volumeMounts: mounts }] }));
    assert.ok(logs.exists('/host/pods'));
  });

  it('keeps PersistentVolume data across pods and nodes; an unbound claim fails to mount', async () => {
    await create('persistentvolumes', undefined, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-data' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' }, claimRef: { namespace: 'default', name: 'data' } },
    } as KubeObject);
    await create('persistentvolumeclaims', 'default', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv-data' },
    } as KubeObject);
    const spec = { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], containers: [{ name: 'app', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] };
    const pending = env.setUpVolumes(pod(spec), worker);
    assert.deepEqual(pending, {
      ok: false,
      message: 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC is not bound',
    });
    const pvc = deepClone(cluster.store.get('persistentvolumeclaims', 'default', 'data')!);
    await cluster.api.update(cluster.context(ADMIN_USER), cluster.resources.byResource('', 'persistentvolumeclaims')!, 'default', 'data', { ...pvc, status: { phase: 'Bound' } } as KubeObject, {
      fieldManager: 'test',
      subresource: 'status',
    });
    const first = pod(spec);
    start(first).writeFile('/data/db.txt', 'rows');
    env.tearDown(first);
    const second = start(pod(spec, 'web2', 'kubecamp-worker2'));
    assert.equal(second.readFile('/data/db.txt'), 'rows');
    const ro = start(pod({ ...spec, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data', readOnly: true } }] }));
    assert.equal(fsError(() => ro.writeFile('/data/x', 'y')), 'EROFS');
    assert.deepEqual(env.setUpVolumes(pod({ volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'nope' } }], containers: [{ name: 'app', volumeMounts: [{ name: 'd', mountPath: '/d' }] }] }), worker), {
      ok: false,
      message:
        'Unable to attach or mount volumes: unmounted volumes=[d], unattached volumes=[], failed to process volumes=[d]: error processing PVC default/nope: failed to fetch PVC from API server: persistentvolumeclaims "nope" not found',
    });
  });

  it('mounts subPath and subPathExpr directories of an emptyDir, creating them', () => {
    const p = pod({
      volumes: [{ name: 'work', emptyDir: {} }],
      containers: [
        {
          name: 'app',
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          volumeMounts: [
            { name: 'work', mountPath: '/logs', subPathExpr: '$(POD_NAME)/logs' },
            { name: 'work', mountPath: '/whole' },
          ],
        },
      ],
    });
    const fs = start(p);
    fs.writeFile('/logs/app.log', 'line');
    assert.equal(fs.readFile('/whole/web/logs/app.log'), 'line');
  });

  it('gives the container kubelet-managed /etc/hosts, /etc/hostname and /etc/resolv.conf', () => {
    const p = pod({ hostname: 'db-0', subdomain: 'db' });
    const fs = start(p);
    const ip = env.allocateIP(p, worker).podIP;
    assert.match(fs.readFile('/etc/hosts'), new RegExp(`^# Kubernetes-managed hosts file\\.\\n[^]*\\n${ip.replace(/\./g, '\\.')}\\tdb-0\\.db\\.default\\.svc\\.cluster\\.local\\tdb-0\\n$`));
    assert.equal(fs.readFile('/etc/hostname'), 'db-0\n');
    assert.equal(fs.readFile('/etc/resolv.conf'), 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    fs.writeFile('/tmp/scratch', 'x');
    assert.equal(env.containerFs(p, p.spec!.containers[0], busybox).exists('/tmp/scratch'), false, 'a new container instance starts from the image');
    assert.ok(fs.exists('/bin/sh'), 'the image files are there');
  });

  it('allocates sequential pod IPs per node, the node IP for hostNetwork, and frees them on tearDown', () => {
    const fresh = new PodEnvironment(cluster, new VolumeData());
    const a = pod({});
    const b = pod({});
    assert.equal(fresh.allocateIP(a, worker).podIP, '10.244.1.2');
    assert.equal(fresh.allocateIP(b, worker).podIP, '10.244.1.3');
    assert.equal(fresh.allocateIP(pod({}, 'c', 'kubecamp-worker2'), worker2).podIP, '10.244.2.2');
    assert.deepEqual(fresh.allocateIP(pod({ hostNetwork: true }), worker), { podIP: '172.18.0.3', podIPs: [{ ip: '172.18.0.3' }] });
    fresh.tearDown(a);
    assert.equal(fresh.allocateIP(pod({}), worker).podIP, '10.244.1.4');
    const env2 = fresh.containerEnv({ ...b, spec: { ...b.spec!, containers: [{ name: 'app', env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }] } }, {
      name: 'app',
      env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
    });
    assert.ok(env2.ok);
    assert.equal(env2.env.IP, '10.244.1.3');
    assert.equal(env2.env.KUBERNETES_SERVICE_HOST, '10.96.0.1');
  });
});
