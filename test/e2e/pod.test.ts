// Pods and PodTemplates through the real kubectl: defaults in -o yaml, `get` columns, upstream's
// validation output, the update restrictions, field selectors, deletion, binding and eviction.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

interface PodYaml {
  metadata: { generation?: number };
  spec: Record<string, unknown> & { containers: Array<Record<string, unknown>> };
  status: Record<string, unknown>;
}

const pod = (name: string, container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}) =>
  // An empty labels map is left out: the server drops it (Go omitempty), so re-applying it would
  // read as a change to kubectl's three-way merge, as on a real cluster.
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: Object.keys(labels).length ? { name, labels } : { name },
    spec: { containers: [{ name: 'nginx', image: 'nginx', ...container }], ...spec },
  });

describe('pods through kubectl', () => {
  let t: TestCluster;
  /** `--raw` paths bypass the kubeconfig's server path, so they name the cluster themselves. */
  let raw: (p: string) => string;
  const ok = (args: string | string[], input?: string) => t.ok(args, input);
  const fails = async (args: string[] | string, input?: string) => {
    const r = await t.kubectl(args, input === undefined ? {} : { input });
    assert.notEqual(r.code, 0, r.stdout);
    return cleanStderr(r.stderr);
  };

  before(async () => {
    // The API surface of pods: nothing schedules or runs them here (pod-lifecycle.test.ts and
    // scheduling.test.ts cover the live cluster).
    t = await startSandbox({ without: ['kubelet', 'scheduler'] });
    const id = [...t.sandbox.clusters.keys()][0]!;
    raw = (p) => `/clusters/${id}${p}`;
  });
  after(() => t.stop());

  it('applies a pod and shows upstream defaults in -o yaml', async () => {
    assert.equal((await ok('apply -f -', pod('web', { ports: [{ containerPort: 80 }] }))).trim(), 'pod/web created');
    const y = parseYaml(await ok('get pod web -o yaml')) as PodYaml;
    const c = y.spec.containers[0]!;
    assert.equal(c.imagePullPolicy, 'Always');
    assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.deepEqual(c.resources, {});
    assert.equal(c.terminationMessagePath, '/dev/termination-log');
    assert.equal(c.terminationMessagePolicy, 'File');
    assert.equal(y.spec.dnsPolicy, 'ClusterFirst');
    assert.equal(y.spec.enableServiceLinks, true);
    assert.equal(y.spec.restartPolicy, 'Always');
    assert.equal(y.spec.schedulerName, 'default-scheduler');
    assert.deepEqual(y.spec.securityContext, {});
    assert.equal(y.spec.terminationGracePeriodSeconds, 30);
    assert.equal(y.metadata.generation, 1);
    assert.deepEqual(y.status, { phase: 'Pending', qosClass: 'BestEffort' });
    // Applying the same manifest again changes nothing.
    assert.equal((await ok('apply -f -', pod('web', { ports: [{ containerPort: 80 }] }))).trim(), 'pod/web unchanged');
  });

  it('computes the QoS class from requests and limits', async () => {
    await ok('create -f -', pod('guaranteed', { resources: { limits: { cpu: '500m', memory: '128Mi' } } }));
    assert.equal(await ok(['get', 'pod', 'guaranteed', '-o', 'jsonpath={.status.qosClass} {.spec.containers[0].resources.requests}']), 'Guaranteed {"cpu":"500m","memory":"128Mi"}');
    await ok('delete pod guaranteed');
    // LimitRanger fills in defaults before the class is computed, as upstream's admission does.
    await ok('create -f -', JSON.stringify({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'cpu' }, spec: { limits: [{ type: 'Container', default: { cpu: '200m' } }] } }));
    await ok('create -f -', pod('limited'));
    assert.equal(await ok(['get', 'pod', 'limited', '-o', 'jsonpath={.status.qosClass} {.spec.containers[0].resources}']), 'Burstable {"limits":{"cpu":"200m"},"requests":{"cpu":"200m"}}');
    await ok('delete pod limited');
    await ok('delete limitrange cpu');
  });

  it('prints the pod columns, with the wide ones on -o wide', async () => {
    const lines = (await ok('get pods')).trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.match(lines[1]!, /^web\s+0\/1\s+Pending\s+0\s+\d+s$/);
    const wide = (await ok('get pods -o wide')).trim().split('\n');
    assert.match(wide[0]!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    assert.match(wide[1]!, /^web\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/);
  });

  it('rejects invalid pods with upstream output', async () => {
    assert.equal(await fails('create -f -', pod('bad', { image: '' })), 'The Pod "bad" is invalid: spec.containers[0].image: Required value\n');
    const multi = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'multi' },
      spec: {
        restartPolicy: 'Sometimes',
        containers: [
          { name: 'a', image: 'x', ports: [{ containerPort: 70000 }], resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } },
          { name: 'a', image: 'y', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        ],
      },
    });
    assert.equal(
      await fails('create -f -', multi),
      [
        'The Pod "multi" is invalid: ',
        '* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        '* spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
        '* spec.containers[1].volumeMounts[0].name: Not found: "data"',
        '* spec.containers[1].name: Duplicate value: "a"',
        '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        '',
      ].join('\n'),
    );
    assert.match(await fails('get pod bad'), /pods "bad" not found/);
  });

  it('lets updates change images but nothing else', async () => {
    assert.equal((await ok('apply -f -', pod('web', { image: 'nginx:1.26', ports: [{ containerPort: 80 }] }))).trim(), 'pod/web configured');
    const applied = await fails('apply -f -', pod('web', { image: 'nginx:1.26', ports: [{ containerPort: 80 }], args: ['-g', 'daemon off;'] }));
    assert.ok(applied.startsWith('The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,'), applied);
    assert.equal((await ok(['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.27"}]'])).trim(), 'pod/web patched');
    assert.equal(await ok(['get', 'pod', 'web', '-o', 'jsonpath={.spec.containers[0].image} {.metadata.generation}']), 'nginx:1.27 3');
    const err = await fails(['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"add","path":"/spec/containers/0/command","value":["sleep","3600"]}]']);
    assert.ok(
      err.startsWith(
        'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
      ),
      err,
    );
    assert.match(err, /\+ \t\t\tCommand: \[\]string\{"sleep", "3600"\},/);
    assert.equal(
      await fails(['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"add","path":"/spec/containers/-","value":{"name":"sidecar","image":"busybox"}}]']),
      'The Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n',
    );
  });

  it('filters pods with field selectors', async () => {
    assert.match(await ok('get pods --field-selector status.phase=Pending'), /^web\s/m);
    assert.equal((await t.kubectl('get pods --field-selector status.phase=Running')).stderr.trim(), 'No resources found in default namespace.');
    assert.match(await ok('get pods --field-selector spec.nodeName=,spec.restartPolicy=Always,spec.hostNetwork=false'), /^web\s/m);
    assert.match(await fails('get pods --field-selector spec.image=nginx'), /field label not supported: spec\.image/);
  });

  it('binds a pod to a node once', async () => {
    const binding = (node: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { kind: 'Node', name: node } });
    assert.deepEqual(JSON.parse(await ok(['create', '--raw', raw('/api/v1/namespaces/default/pods/web/binding'), '-f', '-'], binding('node-1'))), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      code: 201,
    });
    assert.match((await ok('get pod web -o wide')).split('\n')[1]!, /\snode-1\s/);
    assert.match(await fails(['create', '--raw', raw('/api/v1/namespaces/default/pods/web/binding'), '-f', '-'], binding('node-2')), /Operation cannot be fulfilled on pods\/binding "web": pod web is already assigned to node "node-1"/);
  });

  it('evicts pods unless their disruption budget forbids it', async () => {
    await ok('create -f -', pod('guarded', {}, {}, { app: 'guarded' }));
    await ok(['patch', 'pod', 'guarded', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}']);
    await ok('create -f -', JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'guarded' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } } }));
    // One ready pod and minAvailable 1: no disruption allowed (what the disruption controller computes too).
    await ok(['patch', 'pdb', 'guarded', '--subresource=status', '--type=merge', '-p', '{"status":{"observedGeneration":1,"currentHealthy":1,"desiredHealthy":1,"disruptionsAllowed":0,"expectedPods":1}}']);
    const eviction = JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded', namespace: 'default' } });
    const evict = ['create', '--raw', raw('/api/v1/namespaces/default/pods/guarded/eviction'), '-f', '-'];
    assert.equal(await fails(evict, eviction), "Error from server (TooManyRequests): Cannot evict pod as it would violate the pod's disruption budget.\n");
    await ok('delete pdb guarded');
    assert.equal(JSON.parse(await ok(evict, eviction)).status, 'Success');
    assert.match(await fails('get pod guarded'), /pods "guarded" not found/);
  });

  it('deletes pods', async () => {
    await ok('create -f -', pod('doomed'));
    assert.equal((await ok('delete pod doomed')).trim(), 'pod "doomed" deleted');
    assert.match(await fails('get pod doomed'), /Error from server \(NotFound\): pods "doomed" not found/);
  });
});

describe('pod templates through kubectl', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox();
  });
  after(() => t.stop());

  it('stores templates with template defaults and prints their columns', async () => {
    const tpl = JSON.stringify({ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'tpl' }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis:7' }] } } });
    assert.equal((await t.kubectl('apply -f -', { input: tpl })).stdout.trim(), 'podtemplate/tpl created');
    const lines = (await t.kubectl('get podtemplates')).stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+CONTAINERS\s+IMAGES\s+POD LABELS$/);
    assert.match(lines[1]!, /^tpl\s+a,b\s+nginx,redis:7\s+app=x$/);
    const spec = JSON.parse((await t.kubectl(['get', 'podtemplate', 'tpl', '-o', 'jsonpath={.template.spec}'])).stdout) as Record<string, unknown>;
    assert.equal(spec.restartPolicy, 'Always');
    assert.equal(spec.enableServiceLinks, undefined, 'enableServiceLinks is defaulted on Pods only');
  });

  it('validates the template under template.spec', async () => {
    const bad = JSON.stringify({ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'bad' }, template: { spec: { containers: [{ name: 'a' }] } } });
    const r = await t.kubectl('create -f -', { input: bad });
    assert.equal(cleanStderr(r.stderr), 'The PodTemplate "bad" is invalid: template.spec.containers[0].image: Required value\n');
  });
});
