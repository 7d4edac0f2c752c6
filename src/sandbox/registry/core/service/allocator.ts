// ClusterIP and NodePort pools. Nothing extra is persisted: what is taken is read from the
// Services in the store, so a deleted Service frees its IP and ports at once (upstream's repair
// controllers reach the same state). Choices are pseudo-random like upstream's, but derived from
// the Service's name so that a cluster replays the same way.
import { createHash } from 'node:crypto';
import type { ObjectStore } from '../../../storage/object-store.ts';
import { formatIPv4, parseIPv4 } from '../shared/ip-address.ts';
import type { Service } from './types.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
const NETWORK = parseIPv4('10.96.0.0')!;
const SIZE = 2 ** 20;
/** Dynamic allocation starts above a band reserved for static IPs (upstream: min(max(16, size/16), 256)). */
const IP_OFFSET = 256;

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** upstream: min(max(16, size/32), 128). */
const PORT_OFFSET = Math.min(Math.max(16, Math.floor((NODE_PORT_MAX - NODE_PORT_MIN + 1) / 32)), 128);

/** What other Services hold. */
export interface Taken {
  ips: Set<string>;
  ports: Set<number>;
}

/** Everything allocated to Services other than `self` (namespace/name). */
export function takenBy(store: ObjectStore, self?: { namespace?: string; name?: string }): Taken {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const o of store.list('services')) {
    if (self && o.metadata.namespace === self.namespace && o.metadata.name === self.name) continue;
    const spec = (o as Service).spec ?? {};
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) if (ip !== 'None') ips.add(ip);
    for (const p of spec.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
    if (spec.healthCheckNodePort) ports.add(spec.healthCheckNodePort);
  }
  return { ips, ports };
}

function hash(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0);
}

/** Why a requested clusterIP cannot be had (upstream's allocator errors), or undefined. */
export function clusterIPProblem(ip: string, taken: Taken): string | undefined {
  const n = parseIPv4(ip);
  if (n === undefined || n <= NETWORK || n >= NETWORK + SIZE - 1) {
    return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
  }
  if (taken.ips.has(formatIPv4(n))) return 'provided IP is already allocated';
  return undefined;
}

/** The next free clusterIP, searched from a point derived from `seed`. */
export function nextClusterIP(taken: Taken, seed: string): string {
  const first = 1;
  const count = SIZE - 2;
  const dynamic = count - IP_OFFSET;
  const start = hash(seed) % dynamic;
  for (let i = 0; i < count; i++) {
    // Upper band first, then the reserved lower band.
    const idx = i < dynamic ? IP_OFFSET + ((start + i) % dynamic) : i - dynamic;
    const ip = formatIPv4(NETWORK + first + idx);
    if (!taken.ips.has(ip)) {
      taken.ips.add(ip);
      return ip;
    }
  }
  throw new Error('range is full');
}

/** Why a requested nodePort cannot be had, or undefined. */
export function nodePortProblem(port: number, taken: Taken): string | undefined {
  if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) {
    return `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`;
  }
  if (taken.ports.has(port)) return 'provided port is already allocated';
  return undefined;
}

export function nextNodePort(taken: Taken, seed: string): number {
  const count = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const dynamic = count - PORT_OFFSET;
  const start = hash(seed) % dynamic;
  for (let i = 0; i < count; i++) {
    const idx = i < dynamic ? PORT_OFFSET + ((start + i) % dynamic) : i - dynamic;
    const port = NODE_PORT_MIN + idx;
    if (!taken.ports.has(port)) {
      taken.ports.add(port);
      return port;
    }
  }
  throw new Error('range is full');
}
