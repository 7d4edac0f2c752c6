// The cluster network through kubectl: Endpoints and EndpointSlices following pod readiness,
// `describe svc`, LoadBalancer addresses, Ingress addresses, the kube-dns Service; and, with the
// kubelet running pods, what `kubectl exec` into a pod sees: cluster DNS, Services, NetworkPolicy
// drops and the ingress controller.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { type Cluster, controllerUser } from '../../src/sandbox/cluster.ts';
import { deepClone, type KubeObject } from '../../src/apimachinery/object.ts';

const rows = (out: string) => out.trimEnd().split('\n').map((l) => l.split(/\s{2,}/).map((c) => c.trim()));

/** Plays the kubelet: the pod Running with an IP, Ready or not (as test/helpers/pod-status.ts, on a copy of the stored pod). */
async function setPodReady(cluster: Cluster, name: string, podIP: string, ready: boolean): Promise<void> {
  const def = cluster.resources.byResource('', 'pods')!;
  const ctx = cluster.context(controllerUser('kubelet-test'));
  const pod = deepClone(cluster.api.get(ctx, def, 'default', name)) as KubeObject & { status?: Record<string, unknown> };
  const now = `${new Date(cluster.clock.now()).toISOString().slice(0, 19)}Z`;
  const cond = (type: string, status: boolean) => ({ type, status: status ? 'True' : 'False', lastTransitionTime: now, lastProbeTime: null });
  pod.status = { ...pod.status, phase: 'Running', hostIP: '172.18.0.3', podIP, podIPs: [{ ip: podIP }], conditions: [cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)] };
  await cluster.api.update(ctx, def, 'default', name, pod, { subresource: 'status', fieldManager: 'kubelet' });
}

function podYaml(name: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: web\nspec:\n  nodeName: kubecamp-worker\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - name: http\n      containerPort: 80\n`;
}

const webService = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n';

describe('Endpoints, EndpointSlices, LoadBalancers and Ingress addresses with kubectl', () => {
  let t: TestCluster;
  let cluster: Cluster;
  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(), without: ['kubelet', 'scheduler'] });
    cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
  });
  after(() => t.stop());

  it('lists the kube-dns Service in kube-system, as on kind', async () => {
    const r = await t.kubectl('get svc -n kube-system');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(rows(r.stdout).map((x) => x.slice(0, 5)), [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)'],
      ['kube-dns', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP'],
    ]);
  });

  it('follows pod readiness in get endpoints, get endpointslices and describe svc', async () => {
    assert.equal((await t.kubectl('apply -f -', { input: `${podYaml('web-1')}---\n${podYaml('web-2')}---\n${webService}` })).code, 0);
    await t.advance(1000);
    const endpoints = async () => rows((await t.kubectl('get endpoints web')).stdout)[1]!.slice(0, 2);
    const slices = async () => rows((await t.kubectl('get endpointslices -l kubernetes.io/service-name=web')).stdout).slice(1).map((r) => r.slice(0, 4));
    const describeLine = async () => (await t.kubectl('describe svc web')).stdout.split('\n').find((l) => l.startsWith('Endpoints:'))?.replace(/\s+/g, ' ');
    assert.deepEqual(await endpoints(), ['web', '<none>']);
    const [placeholder] = await slices();
    assert.match(placeholder![0]!, /^web-[a-z0-9]{5}$/);
    assert.deepEqual(placeholder!.slice(1), ['IPv4', '<unset>', '<unset>']);
    assert.equal(await describeLine(), 'Endpoints: ');

    await setPodReady(cluster, 'web-1', '10.244.1.5', true);
    await setPodReady(cluster, 'web-2', '10.244.1.6', false);
    await t.advance(1000);
    assert.deepEqual(await endpoints(), ['web', '10.244.1.5:80']);
    assert.deepEqual(await slices(), [[placeholder![0], 'IPv4', '80', '10.244.1.5,10.244.1.6']]);
    assert.equal(await describeLine(), 'Endpoints: 10.244.1.5:80');
    assert.equal((await t.kubectl('get endpoints web -o jsonpath={.subsets[0].notReadyAddresses[*].ip}')).stdout, '10.244.1.6');
    const conditions = await t.kubectl(['get', 'endpointslice', placeholder![0]!, '-o', 'jsonpath={range .endpoints[*]}{.targetRef.name}={.conditions.ready}/{.conditions.serving}/{.conditions.terminating}{" "}{end}']);
    assert.equal(conditions.stdout.trim(), 'web-1=true/true/false web-2=false/false/false');
    const labels = await t.kubectl(`get endpointslice ${placeholder![0]} -o jsonpath={.metadata.labels}`);
    assert.deepEqual(JSON.parse(labels.stdout), { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
    assert.match((await t.kubectl('get endpoints web -o yaml')).stdout, /endpoints\.kubernetes\.io\/last-change-trigger-time: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);

    await setPodReady(cluster, 'web-2', '10.244.1.6', true);
    await t.advance(1000);
    assert.deepEqual(await endpoints(), ['web', '10.244.1.5:80,10.244.1.6:80']);
    assert.equal(await describeLine(), 'Endpoints: 10.244.1.5:80,10.244.1.6:80');

    await setPodReady(cluster, 'web-1', '10.244.1.5', false);
    await t.advance(1000);
    assert.equal(await describeLine(), 'Endpoints: 10.244.1.6:80');

    assert.equal((await t.kubectl('delete svc web')).code, 0);
    await t.advance(1000);
    const gone = await t.kubectl('get endpoints,endpointslices -l kubernetes.io/service-name=web');
    assert.equal(gone.stdout, '');
    assert.equal((await t.kubectl('get endpoints web')).code, 1);
  });

  it('gives LoadBalancer Services an EXTERNAL-IP from the pool, with events, and frees it on delete', async () => {
    assert.equal((await t.kubectl('create service loadbalancer shop --tcp=80:8080')).code, 0);
    await t.advance(1000);
    const row = rows((await t.kubectl('get svc shop')).stdout)[1]!;
    assert.deepEqual([row[0], row[1], row[3]], ['shop', 'LoadBalancer', '172.18.255.201']);
    assert.match(row[4]!, /^80:3\d{4}\/TCP$/);
    assert.equal((await t.kubectl('get svc shop -o jsonpath={.status.loadBalancer.ingress[0].ipMode}')).stdout, 'VIP');
    const events = (await t.kubectl('describe svc shop')).stdout;
    assert.match(events, /Normal\s+EnsuringLoadBalancer\s+\S+\s+service-controller\s+Ensuring load balancer/);
    assert.match(events, /Normal\s+EnsuredLoadBalancer\s+\S+\s+service-controller\s+Ensured load balancer/);
    assert.match(events, /LoadBalancer Ingress:\s+172\.18\.255\.201 \(VIP\)/);
    assert.equal((await t.kubectl('get svc shop -o jsonpath={.metadata.finalizers}')).stdout, '["service.kubernetes.io/load-balancer-cleanup"]');

    assert.equal((await t.kubectl('create service loadbalancer api --tcp=80:8080')).code, 0);
    await t.advance(1000);
    assert.equal(rows((await t.kubectl('get svc api')).stdout)[1]![3], '172.18.255.202');

    assert.equal((await t.kubectl('delete svc shop')).code, 0);
    await t.advance(1000);
    assert.equal((await t.kubectl('get svc shop')).code, 1);
    assert.equal((await t.kubectl('create service loadbalancer cart --tcp=80:8080')).code, 0);
    await t.advance(1000);
    assert.equal(rows((await t.kubectl('get svc cart')).stdout)[1]![3], '172.18.255.201');

    const patch = await t.kubectl(['patch', 'svc', 'cart', '-p', '{"spec":{"type":"ClusterIP"}}']);
    assert.equal(patch.code, 0, patch.stderr);
    await t.advance(1000);
    assert.deepEqual(rows((await t.kubectl('get svc cart')).stdout)[1]!.slice(1, 5), ['ClusterIP', rows((await t.kubectl('get svc cart')).stdout)[1]![2], '<none>', '80/TCP']);
    assert.match((await t.kubectl('describe svc cart')).stdout, /Normal\s+DeletedLoadBalancer\s+\S+\s+service-controller\s+Deleted load balancer/);
    assert.equal((await t.kubectl('get svc cart -o jsonpath={.metadata.finalizers}')).stdout, '');
  });

  it('publishes the ingress controller address on Ingresses of class nginx', async () => {
    const c = await t.kubectl(['create', 'ingress', 'shop', '--class=nginx', '--rule=shop.example.com/*=web:80']);
    assert.equal(c.code, 0, c.stderr);
    const other = await t.kubectl(['create', 'ingress', 'other', '--class=traefik', '--rule=other.example.com/*=web:80']);
    assert.equal(other.code, 0, other.stderr);
    await t.advance(1000);
    const r = rows((await t.kubectl('get ingress')).stdout);
    assert.deepEqual(r.map((x) => x.slice(0, 4)), [
      ['NAME', 'CLASS', 'HOSTS', 'ADDRESS'],
      ['other', 'traefik', 'other.example.com', '80'],
      ['shop', 'nginx', 'shop.example.com', '172.18.255.200'],
    ]);
  });
});

describe('the network from inside a pod (kubectl exec)', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox({ clock: new VirtualClock() });
    await t.kubectl('run web --image=nginx:1.27 --labels=app=web --port=80');
    await t.kubectl('expose pod web --port=80');
    await t.kubectl('create service clusterip idle --tcp=80:80');
    await t.kubectl('run client --image=busybox:1.36 --labels=app=client -- sleep 3600');
    await t.until(async () => (await t.kubectl('get pods web client -o jsonpath={.items[*].status.containerStatuses[0].ready}')).stdout === 'true true', 120_000, 'pods ready');
    await t.advance(5000);
  });
  after(() => t.stop());

  const exec = (...argv: string[]) => t.kubectl(['exec', 'client', '--', ...argv]);

  /** Runs an exec whose client waits on the simulated clock (a dropped connection), moving time along meanwhile. */
  async function execWaiting(...argv: string[]) {
    let done = false;
    const p = exec(...argv).finally(() => {
      done = true;
    });
    for (let i = 0; i < 400 && !done; i++) {
      await new Promise((r) => setTimeout(r, 25));
      await t.advance(500);
    }
    return p;
  }

  it('resolves Services through the search path, kubernetes.default, and NXDOMAIN for unknown names', async () => {
    const ip = (await t.kubectl('get svc web -o jsonpath={.spec.clusterIP}')).stdout;
    const r = await exec('nslookup', 'web');
    assert.equal(r.stdout, `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n`);
    assert.match((await exec('nslookup', 'web.default.svc')).stdout, new RegExp(`Name:\\tweb\\.default\\.svc\\.cluster\\.local\\nAddress: ${ip.replaceAll('.', '\\.')}`));
    assert.match((await exec('nslookup', 'kubernetes.default')).stdout, /Name:\tkubernetes\.default\.svc\.cluster\.local\nAddress: 10\.96\.0\.1\n/);
    const podIP = (await t.kubectl('get pod web -o jsonpath={.status.podIP}')).stdout;
    const dashed = `${podIP.replaceAll('.', '-')}.default.pod.cluster.local`;
    assert.match((await exec('nslookup', dashed)).stdout, new RegExp(`Name:\\t${dashed.replaceAll('.', '\\.')}\\nAddress: ${podIP.replaceAll('.', '\\.')}\\n`));
    const nx = await exec('nslookup', 'nope');
    assert.equal(nx.code, 1);
    assert.match(nx.stdout, /\*\* server can't find nope: NXDOMAIN/);
  });

  it('reaches a Service, logs the client pod IP in the backend, and is refused by a Service without endpoints', async () => {
    const r = await exec('wget', '-q', '-O', '-', 'http://web');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
    const clientIP = (await t.kubectl('get pod client -o jsonpath={.status.podIP}')).stdout;
    const logs = (await t.kubectl('logs web')).stdout;
    assert.match(logs, new RegExp(`^${clientIP.replaceAll('.', '\\.')} - - \\[.*\\] "GET / HTTP/1\\.1" 200 `, 'm'));
    const idleIP = (await t.kubectl('get svc idle -o jsonpath={.spec.clusterIP}')).stdout;
    const refused = await exec('wget', '-q', '-O', '-', 'http://idle');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`wget: can't connect to remote host \\(${idleIP.replaceAll('.', '\\.')}\\): Connection refused`));
  });

  it('drops connections a NetworkPolicy denies: the client times out', async () => {
    const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-deny\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n';
    assert.equal((await t.kubectl('apply -f -', { input: deny })).code, 0);
    const r = await execWaiting('wget', '-q', '-O', '-', '-T', '2', 'http://web');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /wget: download timed out/);
    const allow = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-from-client\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: client\n    ports:\n    - port: 80\n';
    assert.equal((await t.kubectl('apply -f -', { input: allow })).code, 0);
    assert.equal((await exec('wget', '-q', '-O', '-', '-T', '2', 'http://web')).code, 0);
    await t.kubectl('delete netpol web-deny web-from-client');
  });

  it('gives StatefulSet pods DNS names under their headless Service', async () => {
    const sts =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 80\n---\n' +
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';
    assert.equal((await t.kubectl('apply -f -', { input: sts })).code, 0);
    await t.until(async () => (await t.kubectl('get sts db -o jsonpath={.status.readyReplicas}')).stdout === '2', 300_000, 'db ready');
    const ips = (await t.kubectl(['get', 'pods', 'db-0', 'db-1', '-o', 'jsonpath={.items[*].status.podIP}'])).stdout.split(' ');
    const one = await exec('nslookup', 'db-1.db');
    assert.match(one.stdout, new RegExp(`Name:\\tdb-1\\.db\\.default\\.svc\\.cluster\\.local\\nAddress: ${ips[1]!.replaceAll('.', '\\.')}\\n`));
    const all = await exec('nslookup', 'db');
    for (const ip of ips) assert.ok(all.stdout.includes(`Address: ${ip}\n`), all.stdout);
    const hostnames = await t.kubectl(['get', 'endpoints', 'db', '-o', 'jsonpath={.subsets[0].addresses[*].hostname}']);
    assert.deepEqual(hostnames.stdout.split(' ').sort(), ['db-0', 'db-1']);
  });

  it('routes the ingress controller on a node IP by Host header, with the 404 page otherwise', async () => {
    const c = await t.kubectl(['create', 'ingress', 'shop', '--class=nginx', '--rule=shop.example.com/*=web:80']);
    assert.equal(c.code, 0, c.stderr);
    const ok = await exec('wget', '-q', '-O', '-', '--header', 'Host: shop.example.com', 'http://172.18.0.3/');
    assert.match(ok.stdout, /Welcome to nginx!/);
    const notFound = await exec('wget', '-q', '-O', '-', '--header', 'Host: other.example.com', 'http://172.18.0.3/');
    assert.equal(notFound.code, 1);
    assert.match(notFound.stderr, /wget: server returned error: HTTP\/1\.1 404 Not Found/);
  });
});
