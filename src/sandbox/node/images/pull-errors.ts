// containerd's wording for failed pulls, as the kubelet passes it on in the `Failed` event and the
// container's waiting message (containerd CRI image_pull.go, remotes/docker resolver and
// authorizer; Go's net errors). Checked against recorded `kubectl describe pod` output:
//
//   failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference
//   "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require
//   authorization: server message: insufficient_scope: authorization failed
import type { ImageReference } from './reference.ts';
import type { RegistryHost } from './registries.ts';

export type PullFailure =
  | { kind: 'no-repository'; registry: RegistryHost }
  | { kind: 'no-tag'; registry: RegistryHost }
  /** A private repository and no login for it. */
  | { kind: 'unauthorized'; registry: RegistryHost }
  /** A login was given but the registry refused it. */
  | { kind: 'bad-credentials'; registry: RegistryHost }
  | { kind: 'unknown-host'; host: string; resolver?: string }
  | { kind: 'loopback'; host: string };

export function pullErrorMessage(ref: ImageReference, failure: PullFailure): string {
  const c = ref.canonical;
  const resolve = (detail: string) => `failed to pull and unpack image "${c}": failed to resolve reference "${c}": ${detail}`;
  switch (failure.kind) {
    case 'no-tag':
      return resolve(`${c}: not found`);
    case 'no-repository':
    case 'unauthorized':
      return resolve(missingRepository(ref, failure.registry));
    case 'bad-credentials': {
      const r = failure.registry;
      if (!r.token) return resolve(`unexpected status from HEAD request to ${manifestUrl('https', r.apiHost, ref)}: ${r.badCredentials.status}`);
      return resolve(`failed to authorize: failed to fetch oauth token: unexpected status from GET request to ${tokenUrl(r, ref)}: ${r.badCredentials.status}`);
    }
    case 'unknown-host': {
      const on = failure.resolver ? ` on ${failure.resolver}` : '';
      return resolve(`failed to do request: Head "${manifestUrl('https', ref.domain, ref)}": dial tcp: lookup ${failure.host}${on}: no such host`);
    }
    case 'loopback': {
      const port = /:(\d+)$/.exec(failure.host)?.[1] ?? '443';
      return resolve(`failed to do request: Head "${manifestUrl('http', ref.domain, ref)}": dial tcp 127.0.0.1:${port}: connect: connection refused`);
    }
  }
}

function missingRepository(ref: ImageReference, r: RegistryHost): string {
  switch (r.missing.kind) {
    case 'insufficient-scope':
      return 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    case 'anonymous-token-denied':
      return `failed to authorize: failed to fetch anonymous token: unexpected status from GET request to ${tokenUrl(r, ref)}: ${r.missing.status}`;
    case 'head-status':
      return `unexpected status from HEAD request to ${manifestUrl('https', r.apiHost, ref)}: ${r.missing.status}`;
    case 'not-found':
      return `${ref.canonical}: not found`;
  }
}

function manifestUrl(scheme: 'http' | 'https', host: string, ref: ImageReference): string {
  return `${scheme}://${host}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag ?? 'latest'}`;
}

function tokenUrl(r: RegistryHost, ref: ImageReference): string {
  const token = r.token!;
  return `${token.realm}?scope=${encodeURIComponent(`repository:${ref.path}:pull`)}&service=${token.service}`;
}
