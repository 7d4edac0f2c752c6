// RBAC as a learner meets it (day 2): a ServiceAccount is forbidden until a Role and RoleBinding
// grant it access; `kubectl auth can-i`, `--list`, `whoami`, impersonation and escalation
// prevention answer as a real cluster does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueServiceAccountToken } from '../../src/sandbox/auth/service-account-token.ts';
import type { Cluster } from '../../src/sandbox/cluster.ts';
import { cleanStderr, startSandbox, type TestCluster } from '../helpers/sandbox.ts';

const SA = 'system:serviceaccount:default:app';
const SA_GROUPS = '[system:serviceaccounts system:serviceaccounts:default system:authenticated]';

describe('RBAC with kubectl', () => {
  let t: TestCluster;
  let cluster: Cluster;
  let token: string;
  /** kubectl as the ServiceAccount `app` (its token instead of the admin's). */
  const asApp = (args: string) => t.kubectl(`--token=${token} ${args}`);

  before(async () => {
    t = await startSandbox();
    cluster = [...t.sandbox.clusters.values()][0]!;
    const sa = await t.kubectl('create serviceaccount app');
    assert.equal(sa.code, 0, sa.stderr);
    const created = await t.kubectl('create token app');
    if (created.code === 0) token = created.stdout.trim();
    else {
      // The TokenRequest subresource may not be served yet: issue the same token in-process.
      const obj = cluster.store.get('serviceaccounts', 'default', 'app')!;
      token = (await issueServiceAccountToken(cluster, { namespace: 'default', name: 'app', uid: obj.metadata.uid }, { expirationSeconds: 3600, now: cluster.clock.now() })).token;
    }
  });
  after(() => t.stop());

  it('forbids a ServiceAccount to list pods with upstream message', async () => {
    const r = await asApp('get pods');
    assert.equal(r.code, 1);
    assert.equal(
      cleanStderr(r.stderr).trim(),
      `Error from server (Forbidden): pods is forbidden: User "${SA}" cannot list resource "pods" in API group "" in the namespace "default"`,
    );
  });

  it('lets it list pods after a Role and RoleBinding', async () => {
    assert.equal((await t.kubectl('create role pod-reader --verb=get,list,watch --resource=pods,pods/log')).stdout.trim(), 'role.rbac.authorization.k8s.io/pod-reader created');
    assert.equal(
      (await t.kubectl('create rolebinding app-pod-reader --role=pod-reader --serviceaccount=default:app')).stdout.trim(),
      'rolebinding.rbac.authorization.k8s.io/app-pod-reader created',
    );
    const r = await asApp('get pods');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(cleanStderr(r.stderr).trim(), 'No resources found in default namespace.');
    const wide = await t.kubectl('get rolebinding app-pod-reader -o wide');
    assert.match(wide.stdout.split('\n')[0]!, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS$/);
    assert.match(wide.stdout.split('\n')[1]!, /^app-pod-reader\s+Role\/pod-reader\s+\S+\s+default\/app$/);
    assert.match((await t.kubectl('get roles')).stdout, /^NAME\s+CREATED AT\npod-reader\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
  });

  it('answers kubectl auth can-i yes and no', async () => {
    const yes = await t.kubectl(`auth can-i list pods --as ${SA}`);
    assert.deepEqual([yes.code, yes.stdout], [0, 'yes\n']);
    const no = await t.kubectl(`auth can-i delete pods --as ${SA}`);
    assert.deepEqual([no.code, no.stdout], [1, 'no\n']);
    assert.equal((await t.kubectl(`auth can-i get pods --subresource=log --as ${SA}`)).stdout, 'yes\n');
    assert.equal((await t.kubectl(`auth can-i get pods --subresource=exec --as ${SA}`)).stdout, 'no\n');
    assert.equal((await t.kubectl(`auth can-i list pods --all-namespaces --as ${SA}`)).stdout, 'no\n');
    assert.equal((await t.kubectl('auth can-i create pods --all-namespaces')).stdout, 'yes\n');
    assert.equal((await asApp('auth can-i get /healthz')).stdout, 'yes\n');
    assert.equal((await asApp('auth can-i get /metrics')).stdout, 'no\n');
    assert.equal((await t.kubectl('auth can-i list secrets --as jane --as-group system:masters')).stdout, 'yes\n');
    assert.equal((await t.kubectl('auth can-i list secrets --as jane')).stdout, 'no\n');
  });

  it('explains a denial caused by a binding to a missing role', async () => {
    assert.equal((await t.kubectl('create rolebinding ghost --role=ghost --user=casper')).code, 0);
    const r = await t.kubectl('auth can-i get pods --as casper');
    assert.deepEqual([r.code, r.stdout], [1, 'no - RBAC: role.rbac.authorization.k8s.io "ghost" not found\n']);
    const get = await t.kubectl('get pods --as casper');
    assert.equal(
      cleanStderr(get.stderr).trim(),
      'Error from server (Forbidden): pods is forbidden: User "casper" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "ghost" not found',
    );
    await t.kubectl('delete rolebinding ghost');
  });

  it('lists what the ServiceAccount may do, as --list prints it', async () => {
    const r = await asApp('auth can-i --list');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'Resources                                       Non-Resource URLs                     Resource Names   Verbs',
        'selfsubjectreviews.authentication.k8s.io        []                                    []               [create]',
        'selfsubjectaccessreviews.authorization.k8s.io   []                                    []               [create]',
        'selfsubjectrulesreviews.authorization.k8s.io    []                                    []               [create]',
        'pods/log                                        []                                    []               [get list watch]',
        'pods                                            []                                    []               [get list watch]',
        '                                                [/.well-known/openid-configuration]   []               [get]',
        '                                                [/api/*]                              []               [get]',
        '                                                [/api]                                []               [get]',
        '                                                [/apis/*]                             []               [get]',
        '                                                [/apis]                               []               [get]',
        '                                                [/healthz]                            []               [get]',
        '                                                [/healthz]                            []               [get]',
        '                                                [/livez]                              []               [get]',
        '                                                [/livez]                              []               [get]',
        '                                                [/openapi/*]                          []               [get]',
        '                                                [/openapi]                            []               [get]',
        '                                                [/openid/v1/jwks]                     []               [get]',
        '                                                [/readyz]                             []               [get]',
        '                                                [/readyz]                             []               [get]',
        '                                                [/version/]                           []               [get]',
        '                                                [/version/]                           []               [get]',
        '                                                [/version]                            []               [get]',
        '                                                [/version]                            []               [get]',
        '',
      ].join('\n'),
    );
  });

  it('tells who you are with auth whoami', async () => {
    const admin = await t.kubectl('auth whoami');
    assert.equal(admin.stdout, 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
    const yaml = await t.kubectl('auth whoami -o yaml');
    assert.match(yaml.stdout, /^apiVersion: authentication\.k8s\.io\/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: "[^"]+"\nstatus:\n  userInfo:\n    groups:\n    - kubeadm:cluster-admins\n    - system:authenticated\n    username: kubernetes-admin\n$/);
    const app = (await asApp('auth whoami')).stdout.split('\n');
    const uid = cluster.store.get('serviceaccounts', 'default', 'app')!.metadata.uid;
    assert.match(app[0]!, /^ATTRIBUTE\s+VALUE$/);
    assert.match(app[1]!, new RegExp(`^Username\\s+${SA}$`));
    assert.match(app[2]!, new RegExp(`^UID\\s+${uid}$`));
    assert.match(app[3]!, new RegExp(`^Groups\\s+\\${SA_GROUPS.slice(0, -1)}\\]$`));
    assert.match(app[4]!, /^Extra: authentication\.kubernetes\.io\/credential-id\s+\[JTI=[0-9a-f-]+\]$/);
    assert.equal((await t.kubectl(`auth whoami --as ${SA}`)).stdout.split('\n')[1], `Username    ${SA}`);
  });

  // --validate=false: kubectl's field-validation probe for create-only kinds needs OpenAPI v2 in
  // protobuf, which the sandbox does not serve (reported; not an RBAC matter).
  it('answers SubjectAccessReview, LocalSubjectAccessReview and TokenReview', async () => {
    const sar = (kind: string, ns: string) =>
      `apiVersion: authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n${ns ? `  namespace: ${ns}\n` : '  {}\n'}spec:\n  user: ${SA}\n  groups: [system:serviceaccounts, system:authenticated]\n  resourceAttributes:\n    namespace: default\n    verb: list\n    resource: pods\n`;
    const global = await t.kubectl('create --validate=false -o jsonpath={.status} -f -', { input: sar('SubjectAccessReview', '') });
    assert.deepEqual(JSON.parse(global.stdout), { allowed: true, reason: 'RBAC: allowed by RoleBinding "app-pod-reader/default" of Role "pod-reader" to ServiceAccount "app/default"' });
    const local = await t.kubectl('create --validate=false -o jsonpath={.status.allowed} -f -', { input: sar('LocalSubjectAccessReview', 'default') });
    assert.equal(local.stdout, 'true', local.stderr);
    const noUser = await t.kubectl('create --validate=false -f -', { input: 'apiVersion: authorization.k8s.io/v1\nkind: SubjectAccessReview\nspec:\n  resourceAttributes:\n    verb: get\n' });
    assert.match(cleanStderr(noUser.stderr), /^The SubjectAccessReview "" is invalid: spec\.user: Invalid value: "": at least one of user or group must be specified/);
    const review = await t.kubectl('create --validate=false -o json -f -', { input: `apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: ${token}\n` });
    const status = (JSON.parse(review.stdout) as { status: { authenticated: boolean; audiences: string[]; user: { username: string; groups: string[] } } }).status;
    assert.equal(status.authenticated, true);
    assert.equal(status.user.username, SA);
    assert.deepEqual(status.audiences, ['https://kubernetes.default.svc.cluster.local']);
    const bogus = await t.kubectl('create --validate=false -o jsonpath={.status} -f -', { input: 'apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: not-a-token\n' });
    assert.deepEqual(JSON.parse(bogus.stdout), { authenticated: false, error: 'invalid bearer token' });
  });

  it('forbids --as without the impersonate permission', async () => {
    const r = await asApp('get pods --as jane');
    assert.equal(r.code, 1);
    assert.equal(
      cleanStderr(r.stderr).trim(),
      `Error from server (Forbidden): users "jane" is forbidden: User "${SA}" cannot impersonate resource "users" in API group "" at the cluster scope`,
    );
  });

  it('refuses to grant permissions the requester does not hold', async () => {
    await t.kubectl('create role rbac-editor --verb=create,get,update --resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io');
    await t.kubectl('create rolebinding app-rbac-editor --role=rbac-editor --serviceaccount=default:app');
    const ok = await asApp('create role narrower --verb=list --resource=pods');
    assert.equal(ok.code, 0, ok.stderr);
    const r = await asApp('create role secret-reader --verb=get --resource=secrets');
    assert.equal(r.code, 1);
    assert.equal(
      cleanStderr(r.stderr).trim(),
      `Error from server (Forbidden): roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "${SA}" (groups=["system:serviceaccounts" "system:serviceaccounts:default" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`,
    );
    const bind = await asApp('create rolebinding app-admin --clusterrole=admin --serviceaccount=default:app');
    assert.equal(bind.code, 1);
    assert.match(cleanStderr(bind.stderr), /rolebindings\.rbac\.authorization\.k8s\.io "app-admin" is forbidden: user "system:serviceaccount:default:app" .* is attempting to grant RBAC permissions not currently held:\n/);
  });

  it('keeps roleRef immutable', async () => {
    const manifest = (role: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: app-pod-reader\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n- kind: ServiceAccount\n  name: app\n`;
    const r = await t.kubectl('apply -f -', { input: manifest('view') });
    assert.equal(r.code, 1);
    assert.match(
      cleanStderr(r.stderr),
      /The RoleBinding "app-pod-reader" is invalid: roleRef: Invalid value: rbac\.RoleRef\{APIGroup:"rbac\.authorization\.k8s\.io", Kind:"ClusterRole", Name:"view"\}: cannot change roleRef/,
    );
  });

  it('serves the default cluster roles, and aggregates labelled roles into view', async () => {
    const names = (await t.kubectl('get clusterroles -o name')).stdout.split('\n');
    for (const n of ['admin', 'cluster-admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:controller:deployment-controller']) {
      assert.ok(names.includes(`clusterrole.rbac.authorization.k8s.io/${n}`), n);
    }
    const crb = await t.kubectl('get clusterrolebinding kubeadm:cluster-admins -o wide');
    assert.match(crb.stdout.split('\n')[1]!, /^kubeadm:cluster-admins\s+ClusterRole\/cluster-admin\s+\S+\s+kubeadm:cluster-admins\s*$/);
    await t.kubectl('create clusterrolebinding app-view --clusterrole=view --serviceaccount=default:app');
    assert.equal((await t.kubectl(`auth can-i list configmaps --as ${SA}`)).stdout, 'yes\n');
    assert.equal((await t.kubectl(`auth can-i list secrets --as ${SA}`)).stdout, 'no\n');
    const role =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-lister\n  labels:\n    rbac.authorization.k8s.io/aggregate-to-view: "true"\nrules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["list"]\n';
    assert.equal((await t.kubectl('apply -f -', { input: role })).code, 0);
    await cluster.settle();
    assert.match((await t.kubectl('get clusterrole view -o jsonpath={.rules[*].resources}')).stdout, /"secrets"/);
    assert.equal((await t.kubectl(`auth can-i list secrets --as ${SA}`)).stdout, 'yes\n');
    assert.equal((await t.kubectl(`auth can-i get secrets --as ${SA}`)).stdout, 'no\n');
  });
});
