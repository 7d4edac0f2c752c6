// The core kinds through the real kubectl, as against a kind cluster: a fresh cluster's nodes,
// Services and ServiceAccounts; Services with their ClusterIP and NodePort allocation;
// ServiceAccount tokens; Secrets, ConfigMaps, Events, PersistentVolume(Claim)s, LimitRanges and
// ResourceQuotas with upstream's defaults, tables and error messages.
//
// Time is a controlled clock: the cluster is created at T0 and kubectl asks at T0 + 5 minutes,
// so AGE columns read 5m and nothing depends on how fast the test runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VirtualClock } from '../../src/sandbox/sim/clock.ts';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');

describe('core kinds', () => {
  let t: TestCluster;
  const clock = new VirtualClock(T0);

  before(async () => {
    t = await startSandbox({ clock });
    await clock.advance(5 * 60_000);
  });
  after(() => t.stop());

  const run = async (args: string | string[], input?: string) => {
    const r = await t.kubectl(Array.isArray(args) ? [...args] : args, input === undefined ? {} : { input });
    return { ...r, stderr: cleanStderr(r.stderr).trim() };
  };
  const ok = async (args: string | string[], input?: string) => {
    const r = await run(args, input);
    assert.equal(r.code, 0, `kubectl ${args}: ${r.stderr}`);
    return r.stdout;
  };
  const fails = async (args: string, input?: string) => {
    const r = await run(args, input);
    assert.notEqual(r.code, 0, `kubectl ${args} should fail: ${r.stdout}`);
    return r.stderr;
  };
  const table = (s: string) => s.trimEnd().split('\n');

  describe('a fresh cluster', () => {
    it('lists nodes as kind does', async () => {
      assert.deepEqual(table(await ok('get nodes')), [
        'NAME                     STATUS   ROLES           AGE   VERSION',
        'kubecamp-control-plane   Ready    control-plane   5m    v1.36.0',
        'kubecamp-worker          Ready    <none>          5m    v1.36.0',
        'kubecamp-worker2         Ready    <none>          5m    v1.36.0',
      ]);
    });

    it('lists nodes wide with addresses and system info', async () => {
      assert.deepEqual(table(await ok('get nodes -o wide')), [
        'NAME                     STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME',
        'kubecamp-control-plane   Ready    control-plane   5m    v1.36.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.4',
        'kubecamp-worker          Ready    <none>          5m    v1.36.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.4',
        'kubecamp-worker2         Ready    <none>          5m    v1.36.0   172.18.0.4    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.4',
      ]);
    });

    it('taints only the control plane and labels nodes like kubeadm', async () => {
      const taints = await ok(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.taints[*].key}:{.spec.taints[*].effect}{"\\n"}{end}']);
      assert.deepEqual(table(taints), ['kubecamp-control-plane=node-role.kubernetes.io/control-plane:NoSchedule', 'kubecamp-worker=:', 'kubecamp-worker2=:']);
      const labels = JSON.parse(await ok('get node kubecamp-control-plane -o jsonpath={.metadata.labels}')) as Record<string, string>;
      assert.deepEqual(labels, {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'kubecamp-control-plane',
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      });
    });

    it('has the kubernetes Service with its Endpoints and EndpointSlice', async () => {
      assert.deepEqual(table(await ok('get svc -A')), [
        'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE',
        'default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  5m',
        'kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   5m',
      ]);
      assert.deepEqual(table(await ok('get endpointslices')), ['NAME         ADDRESSTYPE   PORTS   ENDPOINTS    AGE', 'kubernetes   IPv4          6443    172.18.0.2   5m']);
      const ep = await run('get endpoints kubernetes -o jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}');
      assert.equal(ep.stdout, '172.18.0.2:6443');
      assert.equal(ep.stderr, 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
    });

    it('has a default ServiceAccount in each system namespace', async () => {
      assert.deepEqual(table(await ok('get sa -A')), [
        'NAMESPACE         NAME      SECRETS   AGE',
        'default           default   0         5m',
        'kube-node-lease   default   0         5m',
        'kube-public       default   0         5m',
        'kube-system       default   0         5m',
      ]);
    });
  });

  describe('Services', () => {
    const service = (name: string, spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

    it('allocates a clusterIP and shows upstream defaults', async () => {
      assert.equal((await ok('apply -f -', service('web', '  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n'))).trim(), 'service/web created');
      const spec = JSON.parse(await ok('get svc web -o jsonpath={.spec}')) as Record<string, unknown>;
      assert.match(String(spec.clusterIP), /^10\.(9[6-9]|10\d|11[01])\.\d{1,3}\.\d{1,3}$/);
      assert.deepEqual(spec, {
        clusterIP: spec.clusterIP,
        clusterIPs: [spec.clusterIP],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      });
    });

    it('refuses a clusterIP that is taken, and changing one', async () => {
      assert.equal(
        await fails('apply -f -', service('dup', '  clusterIP: 10.96.0.1\n  ports:\n  - port: 80\n')),
        'The Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
      );
      assert.equal(
        await fails('apply -f -', service('web', '  clusterIP: 10.96.200.200\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n')),
        'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.200.200"}: may not change once set',
      );
    });

    it('allocates nodePorts and refuses one that is taken', async () => {
      await ok('apply -f -', service('np', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n  - port: 443\n    name: https\n'.replace('  - port: 80\n', '  - port: 80\n    name: http\n')));
      const ports = (await ok('get svc np -o jsonpath={.spec.ports[*].nodePort}')).split(' ').map(Number);
      assert.equal(ports[0], 30080);
      assert.ok(ports[1]! >= 30000 && ports[1]! <= 32767 && ports[1] !== 30080, String(ports));
      assert.equal(
        await fails('apply -f -', service('np2', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n')),
        'The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
      );
      assert.equal(
        await fails('apply -f -', service('np3', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 80\n')),
        'The Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
      );
      const row = table(await ok('get svc np'))[1]!;
      assert.match(row, new RegExp(`^np +NodePort +10\\.\\S+ +<none> +80:30080/TCP,443:${ports[1]}/TCP +0s$`));
    });

    it('frees a deleted Service\'s nodePort and drops nodePorts when the type becomes ClusterIP', async () => {
      await ok('delete svc np');
      await ok('apply -f -', service('np2', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n'));
      await ok('patch svc np2 -p {"spec":{"type":"ClusterIP"}}');
      assert.equal(await ok('get svc np2 -o jsonpath={.spec.ports[0].nodePort}'), '');
    });

    it('prints headless, LoadBalancer and ExternalName Services', async () => {
      await ok('apply -f -', service('db', '  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 5432\n'));
      await ok('apply -f -', service('lb', '  type: LoadBalancer\n  ports:\n  - port: 80\n'));
      await ok('apply -f -', service('ext', '  type: ExternalName\n  externalName: example.com\n'));
      const rows = table(await ok('get svc db lb ext -o wide'));
      assert.match(rows[0]!, /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE +SELECTOR$/);
      assert.match(rows[1]!, /^db +ClusterIP +None +<none> +5432\/TCP +0s +app=db$/);
      // <pending> until the service controller has given it an address from the pool.
      assert.match(rows[2]!, /^lb +LoadBalancer +10\.\S+ +(<pending>|172\.18\.255\.201) +80:3\d{4}\/TCP +0s +<none>$/);
      assert.match(rows[3]!, /^ext +ExternalName +<none> +example\.com +<none> +0s +<none>$/);
    });

    it('reports every validation error with upstream wording', async () => {
      const err = await fails('apply -f -', service('bad', '  ports:\n  - port: 80\n  - port: 70000\n    name: Web\n    protocol: HTTP\n'));
      assert.equal(
        err,
        [
          'The Service "bad" is invalid: ',
          '* spec.ports[0].name: Required value',
          "* spec.ports[1].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
          '* spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
          '* spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
          '* spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        ].join('\n'),
      );
      assert.match(
        await fails('apply -f -', service('Upper', '  ports:\n  - port: 80\n')),
        /^The Service "Upper" is invalid: metadata\.name: Invalid value: "Upper": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character/,
      );
    });
  });

  describe('ServiceAccount tokens', () => {
    it('issues a token for the default ServiceAccount that authenticates as it', async () => {
      const token = (await ok('create token default')).trim();
      const parts = token.split('.');
      assert.equal(parts.length, 3);
      const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as { sub: string; aud: string[]; exp: number; iat: number };
      assert.equal(claims.sub, 'system:serviceaccount:default:default');
      assert.deepEqual(claims.aud, ['https://kubernetes.default.svc.cluster.local']);
      assert.equal(claims.exp - claims.iat, 3600);
      const denied = await run(`--token=${token} get secrets`);
      assert.match(denied.stderr, /system:serviceaccount:default:default/);
    });

    it('honours --duration and --audience, and refuses too short a lifetime', async () => {
      const yaml = await ok('create token default --duration 2h --audience api -o yaml');
      assert.match(yaml, /^kind: TokenRequest$/m);
      assert.match(yaml, /^  expirationSeconds: 7200$/m);
      assert.match(yaml, /^  audiences:\n  - api$/m);
      assert.equal(
        await fails('create token default --duration 1m'),
        'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
      );
      assert.equal(await fails('create token nobody'), 'error: failed to create token: serviceaccounts "nobody" not found');
      assert.equal(await fails('create token default --bound-object-kind Pod --bound-object-name ghost'), 'error: failed to create token: pods "ghost" not found');
    });

    it('binds tokens to a Pod of the same ServiceAccount only', async () => {
      await ok('create sa robot');
      await ok(['run', 'robot-pod', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"robot"}}']);
      const token = (await ok('create token robot --bound-object-kind Pod --bound-object-name robot-pod')).trim();
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { 'kubernetes.io': { pod?: { name: string } } };
      assert.equal(claims['kubernetes.io'].pod?.name, 'robot-pod');
      assert.equal(
        await fails('create token default --bound-object-kind Pod --bound-object-name robot-pod'),
        'error: failed to create token: cannot bind token for serviceaccount "default" to pod running with serviceaccount "robot"',
      );
    });
  });

  describe('Secrets and ConfigMaps', () => {
    it('folds stringData into data', async () => {
      await ok('apply -f -', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  user: admin\ndata:\n  pass: czNjcjN0\n');
      const s = JSON.parse(await ok('get secret creds -o json')) as { data: Record<string, string>; stringData?: unknown; type: string };
      assert.deepEqual(s.data, { pass: 'czNjcjN0', user: Buffer.from('admin').toString('base64') });
      assert.equal(s.stringData, undefined);
      assert.equal(s.type, 'Opaque');
      assert.match(table(await ok('get secret creds'))[1]!, /^creds +Opaque +2 +0s$/);
    });

    it('rejects bad base64 and missing keys of typed Secrets', async () => {
      assert.equal(
        await fails('apply -f -', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: b64\ndata:\n  x: "abc"\n'),
        'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0',
      );
      assert.equal(
        await fails('apply -f -', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ""\n'),
        'The Secret "tls" is invalid: data[tls.key]: Required value',
      );
    });

    it('refuses changes to an immutable ConfigMap', async () => {
      const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: true\ndata:\n  k: "${v}"\n`;
      await ok('apply -f -', cm('1'));
      assert.equal(await fails('apply -f -', cm('2')), 'The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
      assert.equal(
        await fails('patch cm frozen -p {"immutable":false}'),
        'The ConfigMap "frozen" is invalid: immutable: Forbidden: field is immutable when `immutable` is set',
      );
      assert.match(table(await ok('get cm frozen'))[1]!, /^frozen +1 +0s$/);
    });
  });

  describe('Events', () => {
    before(async () => {
      const core = (name: string, kind: string, obj: string, reason: string) =>
        `apiVersion: v1\nkind: Event\nmetadata:\n  name: ${name}\ninvolvedObject:\n  kind: ${kind}\n  name: ${obj}\n  namespace: default\nreason: ${reason}\nmessage: ${reason} happened\ntype: Normal\nsource:\n  component: kubelet\nfirstTimestamp: "2026-03-01T10:03:00Z"\nlastTimestamp: "2026-03-01T10:04:00Z"\ncount: 2\n`;
      await ok('apply -f -', core('web.1', 'Pod', 'web', 'Started'));
      await ok('apply -f -', core('db.1', 'Pod', 'db', 'Pulled'));
      await ok(
        'apply -f -',
        'apiVersion: events.k8s.io/v1\nkind: Event\nmetadata:\n  name: node.1\nregarding:\n  kind: Node\n  name: kubecamp-worker\nreason: NodeReady\nnote: Node is ready\ntype: Normal\neventTime: "2026-03-01T10:02:00.000000Z"\nreportingController: kubelet\nreportingInstance: kubecamp-worker\naction: Ready\n',
      );
    });

    it('prints events and filters them by involved object', async () => {
      assert.deepEqual(table(await ok('get events --field-selector involvedObject.name=web')), [
        'LAST SEEN   TYPE     REASON    OBJECT    MESSAGE',
        '60s         Normal   Started   pod/web   Started happened',
      ]);
      const kinds = table(await ok('get events --field-selector involvedObject.kind=Node -o wide'));
      assert.match(kinds[0]!, /^LAST SEEN +TYPE +REASON +OBJECT +SUBOBJECT +SOURCE +MESSAGE +FIRST SEEN +COUNT +NAME$/);
      assert.match(kinds[1]!, /^3m +Normal +NodeReady +node\/kubecamp-worker +kubelet, kubecamp-worker +Node is ready +3m +1 +node\.1$/);
      assert.equal(table(await ok('get events --field-selector reason=Pulled,type=Normal')).length, 2);
    });

    it('serves the same events through events.k8s.io/v1', async () => {
      const e = JSON.parse(await ok('get events.v1.events.k8s.io web.1 -o json')) as Record<string, unknown>;
      assert.deepEqual([e.note, e.reason, (e.regarding as { name: string }).name, e.deprecatedCount], ['Started happened', 'Started', 'web', 2]);
      assert.deepEqual(table(await ok('get events.events.k8s.io --field-selector regarding.kind=Node -o name')), ['event.events.k8s.io/node.1']);
    });

    it('refuses unknown field selectors and strict events without an eventTime', async () => {
      assert.equal(
        await fails('get events --field-selector spec.foo=bar'),
        'Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo',
      );
      assert.equal(
        await fails('apply -f -', 'apiVersion: events.k8s.io/v1\nkind: Event\nmetadata:\n  name: nope\nregarding:\n  kind: Pod\n  name: x\n  namespace: default\nreason: X\ntype: Normal\n'),
        'The Event "nope" is invalid: eventTime: Required value',
      );
    });
  });

  describe('PersistentVolumes and claims', () => {
    const claim = (cls: string, size: string) =>
      `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ${cls}\n  resources:\n    requests:\n      storage: ${size}\n`;

    it('creates a Pending claim and prints it as upstream', async () => {
      await ok('apply -f -', claim('standard', '1Gi'));
      assert.deepEqual(table(await ok('get pvc -o wide')), [
        'NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE',
        'data   Pending                                      standard       <unset>                 0s    Filesystem',
      ]);
    });

    it('keeps the claim spec immutable', async () => {
      const err = await fails('apply -f -', claim('fast', '1Gi'));
      assert.ok(
        err.startsWith('The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{'),
        err,
      );
      assert.match(err, /^- \tStorageClassName: +&"standard",$/m);
      assert.match(err, /^\+ \tStorageClassName: +&"fast",$/m);
      assert.match(await fails('apply -f -', claim('standard', '2Gi')), /^The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation/);
      assert.equal(
        await fails('apply -f -', claim('standard', '0').replace('name: data', 'name: empty')),
        'The PersistentVolumeClaim "empty" is invalid: spec.resources[storage]: Invalid value: "0": must be greater than zero',
      );
    });

    it('creates volumes with upstream defaults and validation', async () => {
      await ok('apply -f -', 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 5Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /data/pv1\n');
      assert.deepEqual(table(await ok('get pv')), [
        // The PV controller makes an unclaimed volume Available at once.
        'NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
        'pv1    5Gi        RWO            Retain           Available                          <unset>                          0s',
      ]);
      assert.equal(
        await fails('apply -f -', 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv2\nspec:\n  capacity:\n    storage: 5Gi\n  accessModes: [ReadWriteOnce]\n'),
        'The PersistentVolume "pv2" is invalid: spec: Required value: must specify a volume type',
      );
    });
  });

  describe('validation of every kind', () => {
    const cases: Array<[string, string]> = [
      [
        'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ep1\nsubsets:\n- addresses:\n  - ip: 127.0.0.1\n  ports:\n  - port: 80\n',
        'The Endpoints "ep1" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      ],
      [
        'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: es1\naddressType: IPv4\nendpoints:\n- addresses: []\nports:\n- port: 80\n  protocol: HTTP\n',
        'The EndpointSlice "es1" is invalid: \n* endpoints[0].addresses: Required value: must contain at least 1 address\n* ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ],
      [
        'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lr1\nspec:\n  limits:\n  - type: PersistentVolumeClaim\n',
        'The LimitRange "lr1" is invalid: spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
      ],
      [
        'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  podCIDRs: [10.244.9.0/24, 10.244.10.0/24]\n',
        'The Node "n1" is invalid: spec.podCIDRs: Invalid value: []string{"10.244.9.0/24", "10.244.10.0/24"}: may specify no more than one CIDR for each IP family',
      ],
      [
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: Bad_Name\n',
        "The ServiceAccount \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
      [
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: nsx\nspec:\n  finalizers: [cleanup]\n',
        'The Namespace "nsx" is invalid: spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
      ],
      [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cmx\ndata:\n  "bad key": x\n',
        "The ConfigMap \"cmx\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    ];
    for (const [manifest, message] of cases) {
      const kind = /^kind: (\w+)$/m.exec(manifest)![1]!;
      it(`rejects an invalid ${kind} as upstream does`, async () => {
        assert.equal(await fails('apply -f -', manifest), message);
      });
    }
  });

  describe('Nodes, LimitRanges and ResourceQuotas', () => {
    it('cordons a node and selects it by spec.unschedulable', async () => {
      await ok('cordon kubecamp-worker');
      assert.deepEqual(table(await ok('get nodes --field-selector spec.unschedulable=true')), [
        'NAME              STATUS                     ROLES    AGE   VERSION',
        'kubecamp-worker   Ready,SchedulingDisabled   <none>   5m    v1.36.0',
      ]);
      await ok('uncordon kubecamp-worker');
    });

    it('defaults LimitRange container limits', async () => {
      await ok('apply -f -', 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\nspec:\n  limits:\n  - type: Container\n    max:\n      cpu: "2"\n    min:\n      cpu: 100m\n');
      assert.equal(await ok('get limits limits -o jsonpath={.spec.limits[0].default.cpu}/{.spec.limits[0].defaultRequest.cpu}'), '2/2');
    });

    it('prints quota usage in REQUEST and LIMIT', async () => {
      await ok('create namespace quota-test');
      await ok('create quota q -n quota-test --hard=pods=10,requests.cpu=2,limits.memory=2Gi');
      // The quota controller fills in status.hard and status.used in the background.
      for (let i = 0; i < 100 && (await ok('get quota q -n quota-test -o jsonpath={.status.hard.pods}')) !== '10'; i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(table(await ok('get quota -n quota-test')), [
        'NAME   REQUEST                         LIMIT                  AGE',
        'q      pods: 0/10, requests.cpu: 0/2   limits.memory: 0/2Gi   0s',
      ]);
    });
  });
});
