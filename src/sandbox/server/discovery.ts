// Discovery documents built from a cluster's served resources: legacy (/api, /apis, /api/v1,
// /apis/G/V) and aggregated (apidiscovery.k8s.io/v2 APIGroupDiscoveryList), which is what
// `kubectl api-resources`, short names and `kubectl get all` rely on.
import { createHash } from 'node:crypto';
import { GROUP_ORDER } from '../registry/catalog.ts';
import type { ResourceDef, ResourceLookup, Verb } from '../registry/types.ts';
import { groupVersion } from '../registry/types.ts';

interface GroupVersions {
  name: string;
  versions: Map<string, ResourceDef[]>;
}

/** Version preference as upstream sorts versions: GA > beta > alpha, higher numbers first. */
export function versionPriority(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const major = Number(m[1]);
  const level = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return level * 1_000_000 + major * 1000 + Number(m[3] ?? 0);
}

function groups(lookup: ResourceLookup): GroupVersions[] {
  const byGroup = new Map<string, GroupVersions>();
  for (const d of lookup.all()) {
    let g = byGroup.get(d.group);
    if (!g) byGroup.set(d.group, (g = { name: d.group, versions: new Map() }));
    let list = g.versions.get(d.version);
    if (!list) g.versions.set(d.version, (list = []));
    list.push(d);
  }
  const rank = (name: string) => {
    const i = GROUP_ORDER.indexOf(name);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  return [...byGroup.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function sortedVersions(g: GroupVersions): string[] {
  return [...g.versions.keys()].sort((a, b) => versionPriority(b) - versionPriority(a));
}

export function storageVersionHash(def: ResourceDef): string {
  return createHash('sha256').update(`${groupVersion(def)}/${def.kind}`).digest().subarray(0, 8).toString('base64');
}

interface SubresourceInfo {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: readonly Verb[];
}

function subresourcesOf(def: ResourceDef): SubresourceInfo[] {
  const out: SubresourceInfo[] = [];
  if (def.statusStrategy) out.push({ name: 'status', group: def.group, version: def.version, kind: def.kind, verbs: ['get', 'patch', 'update'] });
  if (def.scale) out.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  for (const [name, h] of Object.entries(def.subresources ?? {})) {
    out.push({ name, group: h.kind.group, version: h.kind.version, kind: h.kind.kind, verbs: h.verbs });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** GET /api */
export function apiVersions(): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.96.0.1:443' }],
  };
}

function groupEntry(g: GroupVersions) {
  const versions = sortedVersions(g).map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/** GET /apis */
export function apiGroupList(lookup: ResourceLookup): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups(lookup).filter((g) => g.name !== '').map(groupEntry) };
}

/** GET /apis/{group} */
export function apiGroup(lookup: ResourceLookup, name: string): object | undefined {
  const g = groups(lookup).find((x) => x.name === name && name !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g) } : undefined;
}

/** GET /api/v1 or /apis/{group}/{version} */
export function apiResourceList(lookup: ResourceLookup, group: string, version: string): object | undefined {
  const defs = lookup.all().filter((d) => d.group === group && d.version === version);
  if (defs.length === 0) return undefined;
  const resources: object[] = [];
  for (const d of [...defs].sort((a, b) => a.resource.localeCompare(b.resource))) {
    const entry: Record<string, unknown> = {
      name: d.resource,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: [...d.verbs],
    };
    if (d.shortNames.length) entry.shortNames = [...d.shortNames];
    if (d.categories.length) entry.categories = [...d.categories];
    if (!d.virtual) entry.storageVersionHash = storageVersionHash(d);
    resources.push(entry);
    for (const s of subresourcesOf(d)) {
      const sub: Record<string, unknown> = { name: `${d.resource}/${s.name}`, singularName: '', namespaced: d.namespaced, kind: s.kind, verbs: [...s.verbs] };
      if (s.group !== d.group || s.version !== d.version) {
        sub.group = s.group;
        sub.version = s.version;
      }
      resources.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

function discoveryResource(d: ResourceDef): object {
  const entry: Record<string, unknown> = {
    resource: d.resource,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: [...d.verbs],
  };
  if (d.shortNames.length) entry.shortNames = [...d.shortNames];
  if (d.categories.length) entry.categories = [...d.categories];
  const subs = subresourcesOf(d);
  if (subs.length) {
    entry.subresources = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: [...s.verbs],
    }));
  }
  return entry;
}

/** Aggregated discovery for /api (core only) or /apis (every other group). */
export function aggregatedDiscovery(lookup: ResourceLookup, which: 'api' | 'apis', version: 'v2' | 'v2beta1'): object {
  const items = groups(lookup)
    .filter((g) => (which === 'api' ? g.name === '' : g.name !== ''))
    .map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: sortedVersions(g).map((v) => ({
        version: v,
        resources: [...g.versions.get(v)!].sort((a, b) => a.resource.localeCompare(b.resource)).map(discoveryResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
