// Pod IPs as kind's CNI hands them out (host-local IPAM over the node's spec.podCIDR): the range
// is the subnet without its network address, gateway (.1) and broadcast address, so the first pod
// of a /24 gets .2; allocation continues after the last address handed out (round robin, as
// host-local does) and wraps, skipping addresses in use. Deterministic; an address is free again
// once its pod is torn down. IPv4 only.

export class PodIPAllocator {
  private readonly nodes = new Map<string, { used: Map<number, string>; last: number }>();
  private readonly byPod = new Map<string, { node: string; ip: number }>();

  /** The pod's address on `node` (the same one again for a pod that already has one), or an error when the range is full. */
  allocate(node: string, podCIDR: string, podUID: string): { ok: true; ip: string } | { ok: false; message: string } {
    const held = this.byPod.get(podUID);
    if (held) return { ok: true, ip: formatIPv4(held.ip) };
    const range = rangeOf(podCIDR);
    if (!range) return { ok: false, message: `invalid pod CIDR ${podCIDR}` };
    let state = this.nodes.get(node);
    if (!state) this.nodes.set(node, (state = { used: new Map(), last: range.first - 1 }));
    const size = range.last - range.first + 1;
    for (let i = 1; i <= size; i++) {
      const candidate = range.first + ((state.last - range.first + i) % size + size) % size;
      if (state.used.has(candidate)) continue;
      state.used.set(candidate, podUID);
      state.last = candidate;
      this.byPod.set(podUID, { node, ip: candidate });
      return { ok: true, ip: formatIPv4(candidate) };
    }
    return { ok: false, message: `failed to allocate for range 0: no IP addresses available in range set: ${formatIPv4(range.first)}-${formatIPv4(range.last)}` };
  }

  /** The pod's address, if it has one. */
  addressOf(podUID: string): string | undefined {
    const held = this.byPod.get(podUID);
    return held ? formatIPv4(held.ip) : undefined;
  }

  release(podUID: string): void {
    const held = this.byPod.get(podUID);
    if (!held) return;
    this.byPod.delete(podUID);
    this.nodes.get(held.node)?.used.delete(held.ip);
  }
}

function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The allocatable addresses of a subnet: network + 2 (after the gateway) to broadcast - 1. */
function rangeOf(cidr: string): { first: number; last: number } | undefined {
  const [addr, bitsText] = cidr.split('/');
  const base = parseIPv4(addr ?? '');
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 30) return undefined;
  const size = 2 ** (32 - bits);
  const network = base - (base % size);
  return { first: network + 2, last: network + size - 2 };
}
