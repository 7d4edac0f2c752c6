// imagePullSecrets as the kubelet's credential keyring reads them (pkg/credentialprovider): the
// `.dockerconfigjson` ({"auths": {...}}) or legacy `.dockercfg` map of registry → login, where a
// key may be a bare host, a URL (`https://index.docker.io/v1/`), carry a path prefix
// (`ghcr.io/kubecamp`) or a wildcard (`*.example.com`). Docker Hub answers to docker.io,
// index.docker.io and registry-1.docker.io alike.
import type { ImageReference } from './reference.ts';

export interface RegistryLogin {
  username: string;
  password: string;
}

interface AuthEntry {
  username?: unknown;
  password?: unknown;
  auth?: unknown;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The logins that apply to a reference, most specific key first, from the decoded contents of
 * the pod's pull secrets (`.dockerconfigjson` or `.dockercfg` values). Unparseable secrets are
 * skipped, as the kubelet skips them (it warns and pulls without them).
 */
export function loginsFor(ref: Pick<ImageReference, 'domain' | 'path'>, secrets: readonly string[]): RegistryLogin[] {
  const matches: { specificity: number; login: RegistryLogin }[] = [];
  for (const text of secrets) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    if (!isRecord(parsed)) continue;
    const auths = isRecord(parsed.auths) ? parsed.auths : parsed;
    for (const [key, entry] of Object.entries(auths)) {
      if (!isRecord(entry)) continue;
      const login = toLogin(entry);
      const specificity = login && matchKey(key, ref);
      if (login && specificity !== undefined) matches.push({ specificity, login });
    }
  }
  return matches.sort((a, b) => b.specificity - a.specificity).map((m) => m.login);
}

function toLogin(entry: AuthEntry): RegistryLogin | undefined {
  if (typeof entry.username === 'string' && typeof entry.password === 'string') return { username: entry.username, password: entry.password };
  if (typeof entry.auth === 'string') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return undefined;
}

/** How specifically a keyring key matches the reference (longer path prefix wins), or undefined. */
function matchKey(key: string, ref: Pick<ImageReference, 'domain' | 'path'>): number | undefined {
  let k = key.trim().replace(/^[a-z]+:\/\//i, '');
  k = k.replace(/\/v[12]\/?$/, '').replace(/\/+$/, '');
  const slash = k.indexOf('/');
  const host = (slash < 0 ? k : k.slice(0, slash)).toLowerCase();
  const prefix = slash < 0 ? '' : k.slice(slash + 1);
  if (!hostMatches(host, ref.domain.toLowerCase())) return undefined;
  if (prefix && ref.path !== prefix && !ref.path.startsWith(`${prefix}/`)) return undefined;
  return prefix.length;
}

function hostMatches(pattern: string, host: string): boolean {
  if (DOCKER_HUB.has(pattern) && DOCKER_HUB.has(host)) return true;
  if (!pattern.includes('*')) return pattern === host;
  const p = pattern.split('.');
  const h = host.split('.');
  return p.length === h.length && p.every((part, i) => part === '*' || part === h[i]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
