import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familiarName, parseImageReference } from './reference.ts';

function ok(image: string) {
  const r = parseImageReference(image);
  assert.ok(r.ok, `${image} should parse`);
  return r.ref;
}

function failure(image: string): string {
  const r = parseImageReference(image);
  assert.ok(!r.ok, `${image} should not parse`);
  assert.equal(r.reason, 'InvalidImageName');
  return r.message;
}

describe('parseImageReference: normalization as containerd does it', () => {
  it('puts familiar names on Docker Hub under library/ with the latest tag', () => {
    const ref = ok('nginx');
    assert.equal(ref.name, 'docker.io/library/nginx');
    assert.equal(ref.canonical, 'docker.io/library/nginx:latest');
    assert.equal(ref.kubeletImage, 'nginx:latest');
    assert.equal(ref.tag, undefined);
  });

  it('keeps user repositories on Docker Hub and their tags', () => {
    const ref = ok('bitnami/redis:7.2');
    assert.equal(ref.domain, 'docker.io');
    assert.equal(ref.path, 'bitnami/redis');
    assert.equal(ref.canonical, 'docker.io/bitnami/redis:7.2');
    assert.equal(ref.kubeletImage, 'bitnami/redis:7.2');
  });

  it('recognizes registry hosts by a dot, a port or localhost', () => {
    assert.equal(ok('registry.k8s.io/pause:3.10').canonical, 'registry.k8s.io/pause:3.10');
    assert.equal(ok('localhost:5000/x').canonical, 'localhost:5000/x:latest');
    assert.equal(ok('localhost/x').domain, 'localhost');
    assert.equal(ok('myregistry:5000/team/app:1').domain, 'myregistry:5000');
  });

  it('folds index.docker.io into docker.io', () => {
    assert.equal(ok('index.docker.io/library/busybox:1.36').canonical, 'docker.io/library/busybox:1.36');
    assert.equal(ok('docker.io/busybox').canonical, 'docker.io/library/busybox:latest');
  });

  it('drops the tag next to a digest and leaves digest references untagged', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const byDigest = ok(`ghcr.io/org/app@${digest}`);
    assert.equal(byDigest.canonical, `ghcr.io/org/app@${digest}`);
    assert.equal(byDigest.kubeletImage, `ghcr.io/org/app@${digest}`);
    const both = ok(`nginx:1.27@${digest}`);
    assert.equal(both.tag, '1.27');
    assert.equal(both.canonical, `docker.io/library/nginx@${digest}`);
  });

  it('gives the familiar form back', () => {
    assert.equal(familiarName(ok('docker.io/library/nginx')), 'nginx');
    assert.equal(familiarName(ok('bitnami/redis')), 'bitnami/redis');
    assert.equal(familiarName(ok('ghcr.io/org/app')), 'ghcr.io/org/app');
  });
});

describe('parseImageReference: the kubelet InvalidImageName messages', () => {
  it('reports an uppercase repository with the normalized name', () => {
    assert.equal(
      failure('NGINX'),
      'Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    );
    assert.equal(
      failure('unsloth/gemma-3-4b-it-GGUF:Q4_K_XL'),
      'Failed to apply default image tag "unsloth/gemma-3-4b-it-GGUF:Q4_K_XL": couldn\'t parse image name "unsloth/gemma-3-4b-it-GGUF:Q4_K_XL": invalid reference format: repository name (unsloth/gemma-3-4b-it-GGUF) must be lowercase',
    );
  });

  it('reports malformed references as invalid reference format', () => {
    assert.equal(failure(':sha-0b293ab'), 'Failed to apply default image tag ":sha-0b293ab": couldn\'t parse image name ":sha-0b293ab": invalid reference format');
    assert.match(failure('registry.hub.docker.com/library//nginx:latest'), /: invalid reference format$/);
    assert.match(failure('nginx:'), /: invalid reference format$/);
    assert.match(failure('https://registry.example.com/app'), /: invalid reference format$/);
    assert.match(failure('nginx:1.27 '), /: invalid reference format$/);
    assert.match(failure(''), /: invalid reference format$/);
  });

  it('refuses a bare 64-hex identifier', () => {
    const id = 'f'.repeat(64);
    assert.match(failure(id), new RegExp(`invalid repository name \\(${id}\\), cannot specify 64-byte hexadecimal strings$`));
  });

  it('checks digests as go-digest does', () => {
    assert.match(failure(`nginx@sha256:${'A'.repeat(64)}`), /: invalid checksum digest format$/);
    assert.match(failure(`nginx@sha256:${'a'.repeat(63)}`), /: invalid checksum digest length$/);
    assert.match(failure(`nginx@md5:${'a'.repeat(32)}`), /: unsupported digest algorithm$/);
    assert.match(failure('nginx@sha256:abc'), /: invalid reference format$/);
  });

  it('limits the repository name to 255 characters', () => {
    assert.match(failure(`a/${'b'.repeat(260)}`), /repository name must not be more than 255 characters$/);
  });
});
