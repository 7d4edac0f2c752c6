import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goDurationString } from './go-duration-string.ts';
import { parseImageReference } from './reference.ts';
import { loginsFor } from './registry-logins.ts';

function ref(image: string) {
  const r = parseImageReference(image);
  assert.ok(r.ok);
  return r.ref;
}

describe('loginsFor: the kubelet keyring over pull secrets', () => {
  const auth = (u: string, p: string) => ({ auth: Buffer.from(`${u}:${p}`).toString('base64') });

  it('matches Docker Hub under any of its names', () => {
    const secret = JSON.stringify({ auths: { 'https://index.docker.io/v1/': auth('me', 'pw') } });
    assert.deepEqual(loginsFor(ref('me/private:1'), [secret]), [{ username: 'me', password: 'pw' }]);
    assert.deepEqual(loginsFor(ref('ghcr.io/me/private:1'), [secret]), []);
  });

  it('reads legacy .dockercfg maps and prefers the longer path prefix', () => {
    const secret = JSON.stringify({ 'ghcr.io': { username: 'any', password: 'a' }, 'ghcr.io/kubecamp': { username: 'team', password: 't' } });
    assert.deepEqual(
      loginsFor(ref('ghcr.io/kubecamp/demo-app'), [secret]).map((l) => l.username),
      ['team', 'any'],
    );
    assert.deepEqual(
      loginsFor(ref('ghcr.io/other/app'), [secret]).map((l) => l.username),
      ['any'],
    );
  });

  it('matches wildcard hosts and skips secrets that are not JSON', () => {
    const secret = JSON.stringify({ auths: { '*.example.com': { username: 'w', password: 'x' } } });
    assert.equal(loginsFor(ref('registry.example.com/app'), ['not json', secret]).length, 1);
    assert.equal(loginsFor(ref('a.b.example.com/app'), [secret]).length, 0);
  });
});

describe('goDurationString', () => {
  it('formats as Go prints a time.Duration', () => {
    assert.equal(goDurationString(0), '0s');
    assert.equal(goDurationString(154), '154ms');
    assert.equal(goDurationString(1000), '1s');
    assert.equal(goDurationString(27_880), '27.88s');
    assert.equal(goDurationString(62_503), '1m2.503s');
    assert.equal(goDurationString(3_600_000), '1h0m0s');
  });
});
