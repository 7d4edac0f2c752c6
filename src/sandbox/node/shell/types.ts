// What a process in a simulated container can reach: its files, environment, identity, the
// cluster network, simulated time, and its output streams. The shell interpreter runs a
// container's command (busybox/alpine-style images) and `kubectl exec` sessions against it.
import type { FileSystem } from '../fs/types.ts';

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

/** Why a connection did not produce a response, as a client would experience it. */
export type NetworkFailure =
  | { kind: 'unresolved'; host: string }
  | { kind: 'refused'; host: string; port: number }
  /** No answer at all (a NetworkPolicy drops it, an unready Service has no endpoints, ...): the client waits for its timeout. */
  | { kind: 'timeout'; host: string; port: number };

export interface NetworkAccess {
  /** DNS: A records for a name (cluster DNS with the pod's search path), or undefined (NXDOMAIN). */
  resolve(name: string): string[] | undefined;
  /** The resolver the pod uses (/etc/resolv.conf nameserver), for nslookup's "Server:" line. */
  nameserver(): string;
  /** An HTTP request from this pod. */
  http(req: { method: string; url: string; headers: Record<string, string>; body?: string }): Promise<HttpResponse | NetworkFailure>;
  /** A TCP connect attempt (nc -z, telnet). */
  connect(host: string, port: number): Promise<true | NetworkFailure>;
  /**
   * Optional (added for nslookup/getent): the fully qualified name the search path resolved
   * `name` to (`db` → `db.default.svc.cluster.local`) with its addresses. Absent, the shell prints
   * the name as given.
   */
  lookup?(name: string): { name: string; addresses: string[] } | undefined;
  /**
   * Optional: false when the pod's resolver cannot reach its nameserver (a NetworkPolicy drops
   * its DNS traffic): lookups then time out instead of answering NXDOMAIN.
   */
  dnsReachable?(): boolean;
}

export interface ProcessIdentity {
  uid: number;
  gid: number;
  user: string;
  hostname: string;
  /**
   * Supplementary groups as the runtime sets them (fsGroup, supplementalGroups, and the groups
   * /etc/group lists the user in). Optional (added for `id`); absent, `id` derives them from
   * /etc/group as containerd does.
   */
  groups?: number[];
}

export interface ProcessContext {
  fs: FileSystem;
  env: Record<string, string>;
  cwd: string;
  identity: ProcessIdentity;
  network: NetworkAccess;
  /** Simulated time. */
  now(): number;
  sleep(ms: number): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a line of standard input (exec -i), or undefined at end of input. */
  readLine?(): Promise<string | undefined>;
  /** Aborted when the container is killed: running commands stop promptly. */
  signal: AbortSignal;
}
