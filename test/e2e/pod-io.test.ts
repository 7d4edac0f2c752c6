// What a learner sees through kubectl's streaming commands: `kubectl logs` (tail, timestamps,
// since, previous, follow, containers, deploy/ and job/, selectors with --prefix), `kubectl
// exec` (output, exit codes, stdin, errors, RBAC, a tty session over the WebSocket protocol) and
// `kubectl top`, `kubectl port-forward`. The first suite scripts the kubelet side with a
// FakePodRuntime (test/helpers/fake-pod-runtime.ts) so each behaviour of the HTTP layer is pinned
// down on its own; the second runs real busybox and nginx pods on the simulated kubelet.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { FakePodRuntime } from '../helpers/fake-pod-runtime.ts';
import { setPodPhase } from '../helpers/pod-status.ts';
import { cleanStderr, kubectlBinary, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const NODE = 'kubecamp-worker';
const NODE_IP = '172.18.0.3';

function pod(name: string, opts: { containers?: string[]; init?: string[]; labels?: Record<string, string>; node?: string | null } = {}): string {
  const containers = (opts.containers ?? [name]).map((c) => `{name: ${c}, image: busybox:1.36, command: [sleep, '3600']}`);
  const init = opts.init?.length ? `\n  initContainers: [${opts.init.map((c) => `{name: ${c}, image: busybox:1.36}`).join(', ')}]` : '';
  const labels = opts.labels ? `\n  labels: {${Object.entries(opts.labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}` : '';
  // No node: a selector no node matches keeps the pod unscheduled.
  const node = opts.node === null ? '\n  nodeSelector: {disk: none}' : `\n  nodeName: ${opts.node ?? NODE}`;
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}${labels}
spec:${node}
  containers: [${containers.join(', ')}]${init}
---
`;
}

/** Waits (real time, bounded) for a kubectl child process to reach the server. */
async function eventually(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} did not happen`);
}

describe('pod logs, exec and top through kubectl', () => {
  let t: TestCluster;
  let cluster: Cluster;
  let fake: FakePodRuntime;
  const kubectl = async (args: string | string[], opts?: { input?: string }) => {
    const r = await t.kubectl(args, opts);
    return { ...r, stderr: cleanStderr(r.stderr) };
  };

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(Date.parse('2026-01-01T00:00:00Z')), without: ['kubelet'] });
    cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
    fake = new FakePodRuntime(cluster.clock);
    cluster.runtime.pods = fake;
    const apply = await kubectl(['apply', '-f', '-'], {
      input: [
        pod('web'),
        pod('two', { containers: ['a', 'b'], init: ['setup'] }),
        pod('pending', { node: null }),
        pod('web-1', { labels: { app: 'web' }, containers: ['web'] }),
        pod('web-2', { labels: { app: 'web' }, containers: ['web'] }),
        pod('idle'),
      ].join(''),
    });
    assert.equal(apply.code, 0, apply.stderr);
    for (const name of ['web', 'two', 'web-1', 'web-2']) await setPodPhase(cluster, 'default', name, 'Running');
  });
  after(() => t?.stop());

  describe('kubectl logs', () => {
    it('reports a container that has not started with the kubelet message', async () => {
      const r = await kubectl('logs web');
      assert.equal(r.stderr.trim(), 'Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating');
      assert.equal(r.code, 1);
    });

    it('prints what the container wrote, the last lines with --tail and kubelet timestamps', async () => {
      fake.log('default', 'web', 'web', 'starting');
      await t.advance(1500);
      fake.log('default', 'web', 'web', 'listening on :8080');
      fake.log('default', 'web', 'web', 'GET / 200', 'stderr');
      assert.equal((await kubectl('logs web')).stdout, 'starting\nlistening on :8080\nGET / 200\n');
      assert.equal((await kubectl('logs web --tail=1')).stdout, 'GET / 200\n');
      assert.equal((await kubectl('logs web --tail=0')).stdout, '');
      assert.equal(
        (await kubectl('logs web --timestamps --tail=2')).stdout,
        '2026-01-01T00:00:01.500000000Z listening on :8080\n2026-01-01T00:00:01.500000000Z GET / 200\n',
      );
      assert.equal((await kubectl('logs web --limit-bytes=12')).stdout, 'starting\nlis');
    });

    it('keeps only recent lines with --since and --since-time', async () => {
      await t.advance(10_000);
      fake.log('default', 'web', 'web', 'later');
      assert.equal((await kubectl('logs web --since=5s')).stdout, 'later\n');
      assert.equal((await kubectl('logs web --since-time=2026-01-01T00:00:01Z')).stdout, 'listening on :8080\nGET / 200\nlater\n');
    });

    it('shows the previous instance with --previous once the container restarted', async () => {
      assert.equal((await kubectl('logs web --previous')).stderr.trim(), 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found');
      fake.end('default', 'web', 'web', true);
      fake.log('default', 'web', 'web', 'second life');
      assert.equal((await kubectl('logs web')).stdout, 'second life\n');
      assert.equal((await kubectl('logs web -p --tail=1')).stdout, 'later\n');
    });

    it('follows with -f until the container ends', async () => {
      fake.log('default', 'idle', 'idle', 'waiting for work');
      const follow = kubectl('logs -f idle');
      await eventually(() => fake.followers('default', 'idle', 'idle') > 0, 'kubectl logs -f attaching');
      fake.log('default', 'idle', 'idle', 'job 1 done');
      fake.log('default', 'idle', 'idle', 'bye');
      fake.end('default', 'idle', 'idle');
      const r = await follow;
      assert.equal(r.stdout, 'waiting for work\njob 1 done\nbye\n');
      assert.equal(r.code, 0);
    });

    it('defaults to the first container, takes -c, and the API names the choices', async () => {
      fake.log('default', 'two', 'a', 'from a');
      fake.log('default', 'two', 'b', 'from b');
      const r = await kubectl('logs two');
      assert.equal(r.stdout, 'from a\n');
      assert.equal(r.stderr.trim(), 'Defaulted container "a" out of: a, b, setup (init)');
      assert.equal((await kubectl('logs two -c b')).stdout, 'from b\n');
      assert.equal((await kubectl('logs two -c nope')).stderr.trim(), 'error: container nope is not valid for pod two');
      const raw = await kubectl('get --raw /api/v1/namespaces/default/pods/two/log');
      assert.equal(raw.stderr.trim(), 'Error from server (BadRequest): a container name must be specified for pod two, choose one of: [a b] or one of the init containers: [setup]');
    });

    it('validates the options as upstream', async () => {
      const r = await kubectl('get --raw /api/v1/namespaces/default/pods/web/log?tailLines=-1&sinceSeconds=0');
      assert.equal(
        r.stderr,
        'The PodLogOptions "web" is invalid: \n* tailLines: Invalid value: -1: must be greater than or equal to 0\n* sinceSeconds: Invalid value: 0: must be greater than 0\n',
      );
    });

    it('returns nothing for a pod not yet on a node, and NotFound for a missing pod', async () => {
      const pending = await kubectl('logs pending');
      assert.equal(pending.code, 0, pending.stderr);
      assert.equal(pending.stdout, '');
      assert.equal((await kubectl('logs nope')).stderr.trim(), 'error: error from server (NotFound): pods "nope" not found in namespace "default"');
    });

    it('prefixes lines from every pod of a selector with --prefix', async () => {
      fake.log('default', 'web-1', 'web', 'one');
      fake.log('default', 'web-2', 'web', 'two');
      const r = await kubectl('logs -l app=web --prefix');
      assert.deepEqual(r.stdout.trim().split('\n').sort(), ['[pod/web-1/web] one', '[pod/web-2/web] two']);
    });

    it('resolves deploy/ and job/ to one of their pods', async () => {
      const apply = await kubectl(['apply', '-f', '-'], {
        input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 0
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: busybox:1.36}]}
`,
      });
      assert.equal(apply.code, 0, apply.stderr);
      const r = await kubectl('logs deploy/web');
      assert.match(r.stdout, /^(one|two)\n$/);
      assert.equal((await kubectl(['create', 'job', 'hello', '--image=busybox:1.36', '--', 'echo', 'hi'])).code, 0);
      await t.until(() => cluster.store.list('pods').some((p) => (p.metadata.labels ?? {})['job-name'] === 'hello' && !!(p as { spec?: { nodeName?: string } }).spec?.nodeName), 60_000, 'job pod scheduled');
      const jobPod = cluster.store.list('pods').find((p) => (p.metadata.labels ?? {})['job-name'] === 'hello')!;
      const container = (jobPod as unknown as { spec: { containers: Array<{ name: string }> } }).spec.containers[0]!.name;
      fake.log('default', jobPod.metadata.name, container, 'hi');
      assert.equal((await kubectl('logs job/hello')).stdout, 'hi\n');
    });
  });

  describe('kubectl exec', () => {
    it('runs a command and prints its output', async () => {
      fake.log('default', 'web', 'web', 'running');
      const r = await kubectl('exec web -- ls /');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'bin\ndev\netc\nhome\nlib\nproc\nroot\nsys\ntmp\nusr\nvar\n');
      assert.deepEqual(fake.execs.at(-1), { pod: 'web', container: 'web', argv: ['ls', '/'], opts: { stdin: false, tty: false } });
    });

    it('passes the exit code through and keeps stderr apart', async () => {
      const r = await kubectl(['exec', 'web', '--', 'sh', '-c', 'exit 3']);
      assert.equal(r.code, 3);
      assert.equal(r.stderr.trim(), 'command terminated with exit code 3');
      const ls = await kubectl('exec web -- ls /nope');
      assert.equal(ls.stdout, '');
      assert.equal(ls.stderr, 'ls: /nope: No such file or directory\ncommand terminated with exit code 1\n');
      assert.equal(ls.code, 1);
    });

    it('feeds standard input with -i until it ends', async () => {
      const r = await kubectl('exec -i web -- cat', { input: 'hi\nthere\n' });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'hi\nthere\n');
    });

    it('refuses a missing container, a container not running and a finished pod', async () => {
      assert.equal((await kubectl('exec web -c nope -- ls')).stderr.trim(), 'Error from server (BadRequest): container nope is not valid for pod web');
      const running = await kubectl('exec two -c b -- echo up');
      assert.equal(running.stdout, 'up\n', running.stderr);
      fake.end('default', 'two', 'b');
      assert.equal((await kubectl('exec two -c b -- echo up')).stderr.trim(), 'error: unable to upgrade connection: container not found ("b")');
      await setPodPhase(cluster, 'default', 'idle', 'Succeeded');
      assert.equal((await kubectl('exec idle -- ls')).stderr.trim(), 'error: cannot exec into a container in a completed pod; current phase is Succeeded');
    });

    it('needs create on pods/exec', async () => {
      const setup = await kubectl(['apply', '-f', '-'], {
        input: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
- {apiGroups: [""], resources: [pods/exec], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}]
`,
      });
      assert.equal(setup.code, 0, setup.stderr);
      const denied = await kubectl('exec web --as=alice -- ls /');
      assert.equal(denied.stderr.trim(), 'Error from server (Forbidden): pods "web" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"');
      assert.equal((await kubectl('auth can-i create pods/exec --as=alice')).stdout.trim(), 'no');
      await kubectl('patch role viewer --type=json -p [{"op":"add","path":"/rules/1/verbs/-","value":"create"}]');
      assert.equal((await kubectl('exec web --as=alice -- echo ok')).stdout, 'ok\n');
    });

    it('speaks SPDY/3.1 to a kubectl that does not use WebSockets', async () => {
      const env = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };
      const ls = await t.kubectl('exec web -- ls /', { env });
      assert.equal(ls.stdout, 'bin\ndev\netc\nhome\nlib\nproc\nroot\nsys\ntmp\nusr\nvar\n', ls.stderr);
      const failed = await t.kubectl('exec web -- ls /nope', { env });
      assert.deepEqual([failed.stdout, cleanStderr(failed.stderr), failed.code], ['', 'ls: /nope: No such file or directory\ncommand terminated with exit code 1\n', 1]);
      assert.equal((await t.kubectl('exec -i web -- cat', { env, input: 'over spdy\n' })).stdout, 'over spdy\n');
    });

    it('attaches to the output of a running container until it ends', async () => {
      fake.log('default', 'web-1', 'web', 'before attach');
      let done = false;
      const attach = kubectl('attach web-1').finally(() => (done = true));
      await eventually(() => fake.followers('default', 'web-1', 'web') > 0, 'kubectl attach attaching');
      fake.log('default', 'web-1', 'web', 'after attach');
      fake.end('default', 'web-1', 'web');
      const r = await attach;
      assert.equal(done, true);
      assert.equal(r.stdout, 'after attach\n');
      assert.equal(r.code, 0, r.stderr);
    });

    it('holds a tty session over the v5 WebSocket protocol: prompt, echo, resize, exit', async () => {
      const url = `${t.sandbox.clusterServer(cluster.id).replace(/^http/, 'ws')}/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true&stdout=true&tty=true`;
      const ws = new WebSocket(url, ['v5.channel.k8s.io'], { headers: { Authorization: `Bearer ${cluster.record.adminToken}` }, ca: t.sandbox.caPem });
      const frames: Array<[number, string]> = [];
      ws.on('message', (data: Buffer) => frames.push([data[0]!, data.subarray(1).toString('utf8')]));
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      assert.equal(ws.protocol, 'v5.channel.k8s.io');
      const stdout = () => frames.filter(([c]) => c === 1).map(([, s]) => s).join('');
      await eventually(() => stdout().includes('/ # '), 'the prompt');
      ws.send(Buffer.from('\x04{"Width":120,"Height":40}'));
      // Keystrokes as kubectl sends them from a raw-mode terminal, with a typo erased.
      for (const key of 'echo hx\x7fi\r') ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(key)]));
      await eventually(() => stdout().endsWith('hi\r\n/ # '), 'the command output');
      assert.equal(stdout(), '/ # echo hx\b \bi\r\nhi\r\n/ # ');
      assert.deepEqual(fake.execs.at(-1)?.opts, { stdin: true, tty: true });
      ws.send(Buffer.from([0, 4])); // Ctrl-D
      assert.equal(await closed, 1000);
      assert.deepEqual(frames.filter(([c]) => c === 3).map(([, s]) => JSON.parse(s)), [{ metadata: {}, status: 'Success' }]);
    });
  });

  describe('port-forward over the WebSocket channel protocol', () => {
    it('opens each port with its number, then carries an HTTP exchange on the data channel', async () => {
      fake.servers.set('10.244.1.10', new Map([[8080, (path: string) => ({ status: 200, statusText: 'OK', headers: {}, body: `path ${path}` })]]));
      const url = `${t.sandbox.clusterServer(cluster.id).replace(/^http/, 'ws')}/api/v1/namespaces/default/pods/web/portforward?ports=8080`;
      const ws = new WebSocket(url, ['v4.channel.k8s.io'], { headers: { Authorization: `Bearer ${cluster.record.adminToken}` }, ca: t.sandbox.caPem });
      const frames: Buffer[] = [];
      ws.on('message', (d: Buffer) => frames.push(d));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      await eventually(() => frames.length >= 2, 'the port announcements');
      assert.deepEqual(frames.slice(0, 2).map((f) => [...f]), [[0, 0x90, 0x1f], [1, 0x90, 0x1f]]);
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET /hi HTTP/1.1\r\nConnection: close\r\n\r\n')]));
      await eventually(() => frames.length >= 3, 'the answer');
      assert.equal(frames[2]!.subarray(1).toString(), 'HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\npath /hi');
      ws.close();
    });
  });

  describe('kubectl top', () => {
    it('lists metrics.k8s.io in discovery', async () => {
      assert.match((await kubectl('api-versions')).stdout, /^metrics\.k8s\.io\/v1beta1$/m);
    });

    it('shows pod and container usage as metrics-server reports it', async () => {
      fake.setUsage('default', 'two', { a: { cpuMillicores: 12, memoryBytes: 34 * 1024 * 1024 }, b: { cpuMillicores: 1.234567, memoryBytes: 5 * 1024 * 1024 + 512 * 1024 } });
      fake.setUsage('default', 'web', { web: { cpuMillicores: 250, memoryBytes: 100 * 1024 * 1024 } });
      const pods = await kubectl('top pods');
      assert.equal(pods.stdout, 'NAME   CPU(cores)   MEMORY(bytes)   \ntwo    14m          39Mi            \nweb    250m         100Mi           \n');
      const containers = await kubectl('top pod two --containers');
      assert.equal(containers.stdout, 'POD   NAME   CPU(cores)   MEMORY(bytes)   \ntwo   a      12m          34Mi            \ntwo   b      2m           5Mi             \n');
      const raw = JSON.parse((await kubectl('get --raw /apis/metrics.k8s.io/v1beta1/namespaces/default/pods/two')).stdout);
      assert.deepEqual(raw.containers, [
        { name: 'a', usage: { cpu: '12m', memory: '34Mi' } },
        { name: 'b', usage: { cpu: '1234567n', memory: '5632Ki' } },
      ]);
      assert.equal(raw.window, '30s');
      assert.equal((await kubectl('top pod pending')).stderr.trim(), 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/pending" not found');
    });

    it('shows node usage as the sum of its pods and the system overhead', async () => {
      const r = await kubectl('top nodes');
      const worker = r.stdout.split('\n').find((l) => l.startsWith(`${NODE} `))!;
      // 55m + 250m + 12m + 1.23m; 620Mi + 100Mi + 34Mi + 5.5Mi (kubectl rounds down)
      assert.match(worker, /^kubecamp-worker\s+319m\s+3%\s+759Mi\s+4%\s*$/);
    });
  });

  describe('without a kubelet', () => {
    it('answers as a cluster whose node does not respond', async () => {
      cluster.runtime.pods = undefined;
      try {
        assert.equal((await kubectl('logs web')).stderr.trim(), `Error from server: Get "https://${NODE_IP}:10250/containerLogs/default/web/web": dial tcp ${NODE_IP}:10250: connect: connection refused`);
        assert.equal((await kubectl('exec web -- ls')).stderr.trim(), `Error from server: error dialing backend: dial tcp ${NODE_IP}:10250: connect: connection refused`);
      } finally {
        cluster.runtime.pods = fake;
      }
    });
  });
});

/** Runs kubectl in the background (port-forward), collecting its output; stop() ends it. */
function background(t: TestCluster, args: string[], env: Record<string, string> = {}): { out: () => string; err: () => string; exited: () => boolean; stop: () => void } {
  const child = spawn(kubectlBinary(), args, { env: { ...process.env, KUBECONFIG: t.kubeconfig, HOME: t.dir, ...env } });
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.on('exit', () => (exited = true));
  return { out: () => out, err: () => cleanStderr(err), exited: () => exited, stop: () => child.kill() };
}

describe('pod logs, exec, port-forward and top with the simulated kubelet', () => {
  let t: TestCluster;
  const kubectl = async (args: string | string[], opts?: { input?: string }) => {
    const r = await t.kubectl(args, opts);
    return { ...r, stderr: cleanStderr(r.stderr) };
  };

  before(async () => {
    t = await startSandbox({ clock: new VirtualClock(Date.parse('2026-01-01T00:00:00Z')) });
    assert.equal((await kubectl(['run', 'bb', '--image=busybox:1.36', '--', 'sh', '-c', 'echo hello; i=0; while true; do i=$((i+1)); echo tick $i; sleep 5; done'])).code, 0);
    assert.equal((await kubectl('run web --image=nginx:1.27')).code, 0);
    await t.advance(30_000);
    assert.match((await kubectl('get pods')).stdout, /bb\s+1\/1\s+Running[\s\S]*web\s+1\/1\s+Running/);
  });
  after(() => t?.stop());

  it('prints what busybox wrote, with --tail and kubelet timestamps', async () => {
    const logs = (await kubectl('logs bb')).stdout.split('\n');
    assert.equal(logs[0], 'hello');
    assert.equal(logs[1], 'tick 1');
    const tail = (await kubectl('logs bb --tail=2 --timestamps')).stdout.trim().split('\n');
    assert.equal(tail.length, 2);
    for (const l of tail) assert.match(l, /^2026-01-01T00:00:\d\d\.\d{9}Z tick \d+$/);
  });

  it('follows a container with -f until it exits', async () => {
    assert.equal((await kubectl(['run', 'once', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'echo one; sleep 3; echo two'])).code, 0);
    await t.until(async () => (await kubectl('get pod once -o jsonpath={.status.phase}')).stdout === 'Running', 60_000, 'once running');
    let done = false;
    const follow = kubectl('logs -f once').finally(() => (done = true));
    for (let i = 0; i < 100 && !done; i++) {
      await t.advance(500);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((await follow).stdout, 'one\ntwo\n');
  });

  it('runs commands with exec: output, stderr, exit code, stdin, unknown command', async () => {
    const r = await kubectl(['exec', 'bb', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    assert.deepEqual([r.stdout, r.stderr, r.code], ['out\n', 'err\ncommand terminated with exit code 3\n', 3]);
    assert.equal((await kubectl('exec -i bb -- cat', { input: 'piped\n' })).stdout, 'piped\n');
    assert.equal((await kubectl('exec web -- cat /etc/hostname')).stdout, 'web\n');
    const missing = await kubectl('exec bb -- nosuch');
    assert.match(missing.stderr, /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/);
    assert.equal(missing.code, 1);
  });

  it('echoes a tty session as a terminal would', async () => {
    const cluster = t.sandbox.getCluster([...t.sandbox.clusters.keys()][0]!)!;
    const url = `${t.sandbox.clusterServer(cluster.id).replace(/^http/, 'ws')}/api/v1/namespaces/default/pods/bb/exec?command=sh&stdin=true&stdout=true&tty=true`;
    const ws = new WebSocket(url, ['v5.channel.k8s.io'], { headers: { Authorization: `Bearer ${cluster.record.adminToken}` }, ca: t.sandbox.caPem });
    let stdout = '';
    const errors: unknown[] = [];
    ws.on('message', (d: Buffer) => (d[0] === 1 ? (stdout += d.subarray(1).toString()) : d[0] === 3 && errors.push(JSON.parse(d.subarray(1).toString()))));
    const closed = new Promise((resolve) => ws.on('close', resolve));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    for (const key of 'echo hi\r') ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(key)]));
    await eventually(() => stdout.includes('hi\r\nhi\r\n'), 'the echoed command and its output');
    for (const key of 'exit 4\r') ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(key)]));
    await closed;
    assert.match(stdout, /echo hi\r\nhi\r\n(\/ # )?exit 4\r\n$/);
    assert.deepEqual(errors, [
      { metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: error executing command [sh], exit code 4', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } },
    ]);
  });

  it('runs kubectl run -i --rm: stdin reaches the container, its output comes back, the pod goes', async () => {
    let done: { stdout: string; stderr: string; code: number } | undefined;
    void kubectl(['run', '-i', '--rm', 'dbg', '--image=busybox:1.36', '--restart=Never', '--', 'sh'], { input: 'echo hello from stdin; hostname\nexit 3\n' }).then((r) => (done = r));
    // kubectl waits for the pod to run, attaches, sends its input; simulated time moves meanwhile.
    for (let i = 0; i < 400 && !done; i++) {
      await t.advance(500);
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(done, 'kubectl run -i finished');
    assert.equal(done.stdout, 'hello from stdin\ndbg\npod "dbg" deleted\n');
    assert.doesNotMatch(done.stderr, /falling back to streaming logs/);
    assert.match(done.stderr, /pod default\/dbg terminated \(Error\)/);
  });

  it('shows the crashed instance with --previous', async () => {
    assert.equal((await kubectl(['run', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'echo crashing; exit 1'])).code, 0);
    await t.advance(60_000);
    assert.match((await kubectl('get pod crash')).stdout, /CrashLoopBackOff/);
    assert.equal((await kubectl('logs crash --previous')).stdout, 'crashing\n');
  });

  it('resolves deploy/ to one of its pods and prefixes a selector with --prefix', async () => {
    assert.equal((await kubectl(['create', 'deployment', 'dep', '--image=busybox:1.36', '--replicas=2', '--', 'sh', '-c', 'echo dep-started; sleep 3600'])).code, 0);
    await t.advance(30_000);
    const one = await kubectl('logs deploy/dep');
    assert.equal(one.stdout, 'dep-started\n');
    assert.match(one.stderr, /^Found 2 pods, using pod\/dep-[a-z0-9]+-[a-z0-9]{5}\n$/);
    const all = (await kubectl('logs -l app=dep --prefix')).stdout.trim().split('\n');
    assert.equal(all.length, 2);
    for (const l of all) assert.match(l, /^\[pod\/dep-[a-z0-9]+-[a-z0-9]{5}\/busybox\] dep-started$/);
  });

  it('forwards a local port to nginx, and reports a port nothing listens on', async () => {
    const pf = background(t, ['port-forward', 'pod/web', ':80']);
    try {
      await eventually(() => /Forwarding from 127\.0\.0\.1:\d+ -> 80/.test(pf.out()), 'port-forward listening');
      const port = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(pf.out())![1];
      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>Welcome to nginx!<\/title>/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/nope`)).status, 404);
      assert.match(pf.out(), /Handling connection for \d+/);
    } finally {
      pf.stop();
    }
    const closed = background(t, ['port-forward', 'pod/web', ':8080']);
    try {
      await eventually(() => /Forwarding from 127\.0\.0\.1:\d+ -> 8080/.test(closed.out()), 'port-forward listening');
      const port = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(closed.out())![1];
      await assert.rejects(fetch(`http://127.0.0.1:${port}/`));
      await eventually(() => closed.exited(), 'kubectl port-forward giving up');
      // klog quotes the error: its inner quotes come escaped.
      assert.match(closed.err().replaceAll('\\"', '"'), /an error occurred forwarding \d+ -> 8080: error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]+": failed to connect to localhost:8080 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:8080: connect: connection refused/);
      assert.match(closed.err(), /error: lost connection to pod\n$/);
    } finally {
      closed.stop();
    }
  });

  it('forwards over plain SPDY/3.1 when kubectl does not tunnel it', async () => {
    const pf = background(t, ['port-forward', 'pod/web', ':80'], { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    try {
      await eventually(() => /Forwarding from 127\.0\.0\.1:\d+ -> 80/.test(pf.out()), 'port-forward listening');
      const port = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(pf.out())![1];
      assert.match(await (await fetch(`http://127.0.0.1:${port}/`)).text(), /Welcome to nginx!/);
    } finally {
      pf.stop();
    }
  });

  it('shows usage with kubectl top', async () => {
    const pods = await kubectl('top pods');
    assert.match(pods.stdout, /^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\n/);
    assert.match(pods.stdout, /^web\s+\d+m\s+\d+Mi\s*$/m);
    const nodes = await kubectl('top nodes');
    assert.match(nodes.stdout, /^kubecamp-worker\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/m);
  });
});
