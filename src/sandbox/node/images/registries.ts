// The registries the simulated nodes can reach, and how each answers a repository it does not
// hold. Data: the pull logic turns these answers into containerd's error text (pull-errors.ts).
//
// What a real registry says for a repository that does not exist differs by host, and a course
// must be able to rely on a typo failing, so every repository not in the catalogue is treated
// as nonexistent (see README.md, "Unknown images"). Hosts not listed here do not resolve: a node
// looks registries up in the node's DNS, not the cluster's, so even a registry Service inside the
// cluster is "no such host" to the runtime, as on a real node.

/** How a registry answers for a repository the catalogue does not have (or a private one without access). */
export type MissingRepositoryAnswer =
  /** Docker Hub: the anonymous token has no scope for it. */
  | { kind: 'insufficient-scope' }
  /** GitHub/Azure-style token service refusing an anonymous token. */
  | { kind: 'anonymous-token-denied'; status: string }
  /** The registry answers the manifest request with an error status. */
  | { kind: 'head-status'; status: string }
  /** Plain 404: `<ref>: not found`. */
  | { kind: 'not-found' };

export interface RegistryHost {
  /** Host as normalized in references. */
  host: string;
  /** Other names of the same registry (pulls through them work, references keep the name used). */
  aliases?: string[];
  /** The host containerd talks to (Docker Hub's API lives on registry-1.docker.io). */
  apiHost: string;
  /** Token endpoint for `failed to fetch ... token` messages: realm and service. */
  token?: { realm: string; service: string };
  missing: MissingRepositoryAnswer;
  /** Wrong credentials from an imagePullSecret. */
  badCredentials: { status: string };
  /** Typical round trip before layers flow (resolve + auth), ms. */
  latencyMs: number;
  /** Download throughput, bytes per simulated second. */
  bytesPerSecond: number;
}

export const REGISTRIES: readonly RegistryHost[] = [
  {
    host: 'docker.io',
    aliases: ['registry-1.docker.io'],
    apiHost: 'registry-1.docker.io',
    token: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io' },
    missing: { kind: 'insufficient-scope' },
    badCredentials: { status: '401 Unauthorized' },
    latencyMs: 700,
    bytesPerSecond: 40_000_000,
  },
  {
    host: 'registry.k8s.io',
    aliases: ['k8s.gcr.io'],
    apiHost: 'registry.k8s.io',
    missing: { kind: 'not-found' },
    badCredentials: { status: '401 Unauthorized' },
    latencyMs: 450,
    bytesPerSecond: 60_000_000,
  },
  {
    host: 'ghcr.io',
    apiHost: 'ghcr.io',
    token: { realm: 'https://ghcr.io/token', service: 'ghcr.io' },
    missing: { kind: 'anonymous-token-denied', status: '403 Forbidden' },
    badCredentials: { status: '403 Forbidden' },
    latencyMs: 600,
    bytesPerSecond: 45_000_000,
  },
  {
    host: 'quay.io',
    apiHost: 'quay.io',
    missing: { kind: 'head-status', status: '401 UNAUTHORIZED' },
    badCredentials: { status: '401 UNAUTHORIZED' },
    latencyMs: 650,
    bytesPerSecond: 35_000_000,
  },
  {
    host: 'gcr.io',
    apiHost: 'gcr.io',
    missing: { kind: 'not-found' },
    badCredentials: { status: '403 Forbidden' },
    latencyMs: 500,
    bytesPerSecond: 55_000_000,
  },
];

/** The registry serving `domain`, if the simulated world has one. */
export function registryFor(domain: string): RegistryHost | undefined {
  return REGISTRIES.find((r) => r.host === domain || r.aliases?.includes(domain));
}

/** localhost, 127.x and ::1 registries: nothing listens on the node, so the dial is refused. */
export function isLoopbackRegistry(domain: string): boolean {
  const host = domain.replace(/:\d+$/, '');
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}
