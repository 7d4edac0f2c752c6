import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageEvents, imagePullBackOffMessage } from './kubelet-messages.ts';
import { planPull, type PullPlan, type PullRequest } from './pull.ts';
import { seededRandom } from './process/testing.ts';

function plan(image: string, extra: Partial<PullRequest> = {}): PullPlan {
  return planPull({ image, policy: 'IfNotPresent', nodeHas: () => false, random: seededRandom(), ...extra });
}

function failed(image: string, extra: Partial<PullRequest> = {}): string {
  const p = plan(image, extra);
  assert.equal(p.kind, 'pull');
  assert.ok(p.kind === 'pull' && !p.outcome.ok, `${image} should fail`);
  assert.equal(p.outcome.reason, 'ErrImagePull');
  return p.outcome.message;
}

const dockerConfig = (server: string, username: string, password: string) => JSON.stringify({ auths: { [server]: { username, password, auth: Buffer.from(`${username}:${password}`).toString('base64') } } });

describe('planPull: successful pulls', () => {
  it('pulls a catalogue image, with its size and a duration from size and registry speed', () => {
    const p = plan('nginx');
    assert.ok(p.kind === 'pull' && p.outcome.ok);
    assert.equal(p.outcome.sizeBytes, 72_099_501);
    assert.equal(p.outcome.image.imageName, 'docker.io/library/nginx:latest');
    assert.match(p.outcome.image.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.ok(p.durationMs > 1000 && p.durationMs < 6000, `${p.durationMs}ms`);
    const small = plan('busybox:1.28');
    assert.ok(small.kind === 'pull' && small.durationMs < p.durationMs, 'a 0.7 MB image pulls faster than a 72 MB one');
  });

  it('gives every tag of one image the same digest, and resolves that digest', () => {
    const a = plan('nginx:latest');
    const b = plan('docker.io/library/nginx:1.27.5');
    assert.ok(a.kind === 'pull' && a.outcome.ok && b.kind === 'pull' && b.outcome.ok);
    assert.equal(a.outcome.image.digest, b.outcome.image.digest);
    const byDigest = plan(`nginx@${a.outcome.image.digest}`);
    assert.ok(byDigest.kind === 'pull' && byDigest.outcome.ok);
    assert.equal(byDigest.outcome.image.variant.vars.version, '1.27.5');
  });

  it('does not pull what the node has unless the policy is Always', () => {
    assert.equal(plan('nginx:1.27', { nodeHas: () => true }).kind, 'present');
    assert.equal(plan('nginx:1.27', { nodeHas: () => true, policy: 'Always' }).kind, 'pull');
    assert.equal(plan('nginx:1.27', { nodeHas: () => true, policy: 'Never' }).kind, 'present');
  });

  it('refuses an absent image with policy Never, in the kubelet words', () => {
    const p = plan('nginx:1.27', { policy: 'Never' });
    assert.deepEqual(p, { kind: 'never', reason: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never' });
  });

  it('passes InvalidImageName through without contacting a registry', () => {
    const p = plan('NGINX');
    assert.equal(p.kind, 'invalid');
  });
});

describe('planPull: containerd error text', () => {
  it('a repository that does not exist on Docker Hub', () => {
    assert.equal(
      failed('ngnix'),
      'failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    assert.match(failed('someone/not-in-the-catalogue:1.0'), /"docker\.io\/someone\/not-in-the-catalogue:1\.0": pull access denied, repository does not exist/);
  });

  it('a tag that does not exist', () => {
    assert.equal(
      failed('nginx:1.999'),
      'failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found',
    );
    assert.match(failed('nginx:1.161'), /docker\.io\/library\/nginx:1\.161: not found$/);
    assert.match(failed(`nginx@sha256:${'0'.repeat(64)}`), new RegExp(`docker\\.io/library/nginx@sha256:${'0'.repeat(64)}: not found$`));
  });

  it('an unknown registry host, with and without the node resolver named', () => {
    assert.equal(
      failed('registry.example.com/team/app:1.0'),
      'failed to pull and unpack image "registry.example.com/team/app:1.0": failed to resolve reference "registry.example.com/team/app:1.0": failed to do request: Head "https://registry.example.com/v2/team/app/manifests/1.0": dial tcp: lookup registry.example.com: no such host',
    );
    assert.match(failed('registry.example.com:5000/app', { nodeResolver: '172.18.0.1:53' }), /dial tcp: lookup registry\.example\.com on 172\.18\.0\.1:53: no such host$/);
  });

  it('a registry on the node that nothing serves', () => {
    assert.match(failed('localhost:5000/x'), /Head "http:\/\/localhost:5000\/v2\/x\/manifests\/latest": dial tcp 127\.0\.0\.1:5000: connect: connection refused$/);
  });

  it('a private repository without a pull secret, with a wrong one, and with the right one', () => {
    assert.equal(
      failed('ghcr.io/kubecamp/demo-app:1.0'),
      'failed to pull and unpack image "ghcr.io/kubecamp/demo-app:1.0": failed to resolve reference "ghcr.io/kubecamp/demo-app:1.0": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Akubecamp%2Fdemo-app%3Apull&service=ghcr.io: 403 Forbidden',
    );
    assert.match(
      failed('ghcr.io/kubecamp/demo-app:1.0', { pullSecrets: [dockerConfig('ghcr.io', 'kubecamp', 'wrong')] }),
      /failed to authorize: failed to fetch oauth token: unexpected status from GET request to https:\/\/ghcr\.io\/token\?scope=repository%3Akubecamp%2Fdemo-app%3Apull&service=ghcr\.io: 403 Forbidden$/,
    );
    const good = plan('ghcr.io/kubecamp/demo-app:1.0', { pullSecrets: [dockerConfig('https://ghcr.io', 'kubecamp', 'kubecamp-pull-token')] });
    assert.ok(good.kind === 'pull' && good.outcome.ok);
    const elsewhere = failed('ghcr.io/kubecamp/demo-app:1.0', { pullSecrets: [dockerConfig('https://index.docker.io/v1/', 'kubecamp', 'kubecamp-pull-token')] });
    assert.match(elsewhere, /failed to fetch anonymous token/, 'a login for another registry does not apply');
  });

  it('a repository on registry.k8s.io that does not exist', () => {
    assert.match(failed('registry.k8s.io/pauze:3.10'), /failed to resolve reference "registry\.k8s\.io\/pauze:3\.10": registry\.k8s\.io\/pauze:3\.10: not found$/);
  });
});

describe('kubelet image events', () => {
  it('writes the Pulled event as the kubelet does, with Go durations', () => {
    assert.equal(
      imageEvents.pulled('nginx', 2400, 2400, 72_099_501).message,
      'Successfully pulled image "nginx" in 2.4s (2.4s including waiting). Image size: 72099501 bytes.',
    );
    assert.equal(imageEvents.pulled('busybox:1.28', 312, 5969, 727_869).message, 'Successfully pulled image "busybox:1.28" in 312ms (5.969s including waiting). Image size: 727869 bytes.');
  });

  it('writes the other image events and the back-off waiting message', () => {
    assert.equal(imageEvents.pulling('nginx').message, 'Pulling image "nginx"');
    assert.equal(imageEvents.alreadyPresent('busybox:1.36').message, 'Container image "busybox:1.36" already present on machine and can be accessed by the pod');
    assert.equal(imageEvents.backOff('ngnix').message, 'Back-off pulling image "ngnix"');
    assert.equal(imageEvents.error('ImagePullBackOff').message, 'Error: ImagePullBackOff');
    const msg = failed('ngnix');
    assert.equal(imageEvents.failed('ngnix', msg).message, `Failed to pull image "ngnix": ${msg}`);
    assert.equal(imagePullBackOffMessage('ngnix', msg), `Back-off pulling image "ngnix": ErrImagePull: ${msg}`);
  });
});
