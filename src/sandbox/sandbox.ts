// The sandbox: many isolated clusters behind one listener. It owns the clusters, their
// persistence, the CA and serving certificate, and the HTTP(S) server; kubeconfigs it writes
// verify TLS with the CA and authenticate with each cluster's own token.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import type { StoredObject } from '../apimachinery/object.ts';
import { bootstrapObjects } from './bootstrap/index.ts';
import { Cluster, type ClusterComponents, type ClusterRecord } from './cluster.ts';
import { randomIds } from './ids.ts';
import type { IdSource } from './registry/types.ts';
import { ScaledClock, type SimClock } from './sim/clock.ts';
import { createRequestHandler } from './server/http-server.ts';
import { closeUpgradedConnections, createUpgradeListener } from './server/connect-upgrade.ts';
import { loadOrCreateCA, servingCertificate, type CertificateAuthority } from './server/tls.ts';
import { TokenBucket } from './server/token-bucket.ts';
import { closeWatches, closeWatchesWhere } from './server/watch.ts';
import type { StoredObjectDraft } from './storage/object-store.ts';
import { writeFileAtomic } from './storage/atomic-file.ts';
import { memoryPersistence, restoreStore, type SandboxPersistence } from './storage/persistence.ts';

export type SandboxComponents = ClusterComponents;

export interface SandboxOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Data directory; without it nothing is kept (and an ephemeral CA is created in memory). */
  dataDir?: string;
  /** Serve plain HTTP (loopback only). */
  insecureHttp?: boolean;
  /** A multiplier of simulated time (used by the simulation). */
  speed?: number;
  /** Simulated time (default: wall time × speed). Tests pass a VirtualClock. */
  clock?: SimClock;
  ids?: IdSource;
  /** Nodes in a new cluster. */
  nodes?: number;
  /** Per-cluster request rate and burst. */
  rateLimit?: { perSecond: number; burst: number };
  components?: Partial<SandboxComponents>;
  persistence?: SandboxPersistence;
  /**
   * Size at which the write-ahead log rolls and snapshots (default 64 MiB; the environment
   * variable KUBECAMP_WAL_SEGMENT_BYTES sets it too, so crash tests can compact constantly).
   */
  walSegmentBytes?: number;
  /**
   * Called once per answered request with the time from its arrival (headers read) to the
   * response being handed to the socket: server-side latency, for the benchmark. Watches report
   * when they end.
   */
  onRequestTimed?: (sample: RequestSample) => void;
}

export interface RequestSample {
  method: string;
  url: string;
  status: number;
  ms: number;
}

export interface ClusterInfo {
  id: string;
  server: string;
  token: string;
  createdAt: string;
}

const CLUSTER_ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * resourceVersions skipped per cluster at each start: more than a cluster can have handed out
 * between its last durable write and a crash (writes in flight during one fdatasync).
 */
const RECOVERY_RV_SKIP = 10_000;

export class Sandbox {
  readonly clusters = new Map<string, Cluster>();
  readonly adminToken: string;
  private server!: Server;
  private ca!: CertificateAuthority;
  private readonly buckets = new Map<string, TokenBucket>();
  private nextId = 1;
  private stopped = false;
  /** Ids of clusters whose creation is being made durable. */
  private readonly creating = new Set<string>();

  private constructor(
    readonly options: SandboxOptions,
    readonly components: SandboxComponents,
    readonly persistence: SandboxPersistence,
    readonly clock: SimClock,
    readonly ids: IdSource,
  ) {
    this.adminToken = Sandbox.loadAdminToken(options.dataDir);
  }

  private static loadAdminToken(dataDir: string | undefined): string {
    if (!dataDir) return randomBytes(24).toString('base64url');
    const file = join(dataDir, 'admin-token');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const token = randomBytes(24).toString('base64url');
    writeFileAtomic(file, `${token}\n`, 0o600);
    return token;
  }

  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const host = options.host ?? '127.0.0.1';
    if (options.insecureHttp && !isLoopback(host)) {
      throw new Error(`plain HTTP is only allowed on loopback addresses, not ${host}`);
    }
    const { defaultComponents } = await import('./components.ts');
    const components = { ...defaultComponents(), ...options.components };
    let persistence = options.persistence;
    if (!persistence) {
      if (options.dataDir) {
        const { WalPersistence } = await import('./storage/wal.ts');
        const fromEnv = Number(process.env.KUBECAMP_WAL_SEGMENT_BYTES) || undefined;
        persistence = await WalPersistence.open(join(options.dataDir, 'sandbox'), { segmentBytes: options.walSegmentBytes ?? fromEnv });
      } else persistence = memoryPersistence();
    }
    const sandbox = new Sandbox(options, components, persistence, options.clock ?? new ScaledClock(options.speed ?? 1), options.ids ?? randomIds);
    const pkiDir = options.dataDir ? join(options.dataDir, 'pki') : undefined;
    sandbox.ca = await loadOrCreateCA(pkiDir);
    await sandbox.recover();
    const handler = timed(createRequestHandler(sandbox), options.onRequestTimed);
    if (options.insecureHttp) sandbox.server = createHttpServer(handler);
    else {
      const hosts = ['127.0.0.1', 'localhost', '::1', host].filter((h) => h !== '0.0.0.0' && h !== '::');
      const cert = await servingCertificate(pkiDir, sandbox.ca, hosts);
      sandbox.server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handler);
    }
    sandbox.server.on('upgrade', createUpgradeListener(sandbox, sandbox.server));
    sandbox.server.keepAliveTimeout = 60_000;
    sandbox.server.headersTimeout = 65_000;
    sandbox.server.requestTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      sandbox.server.once('error', reject);
      sandbox.server.listen(options.port ?? 6443, host, () => resolve());
    });
    return sandbox;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Base URL of the listener (`https://127.0.0.1:6443`). */
  get url(): string {
    const h = this.host === '0.0.0.0' ? '127.0.0.1' : this.host;
    const hostPart = isIP(h) === 6 ? `[${h}]` : h;
    return `${this.options.insecureHttp ? 'http' : 'https'}://${hostPart}:${this.port}`;
  }

  get caPem(): string {
    return this.ca.certPem;
  }

  clusterServer(id: string): string {
    return `${this.url}/clusters/${id}`;
  }

  bucketFor(id: string): TokenBucket {
    let b = this.buckets.get(id);
    if (!b) {
      const rl = this.options.rateLimit ?? { perSecond: 200, burst: 400 };
      this.buckets.set(id, (b = new TokenBucket(rl.perSecond, rl.burst)));
    }
    return b;
  }

  private newCluster(record: ClusterRecord): Cluster {
    return new Cluster(record, {
      builtins: this.components.builtins,
      admission: this.components.admission,
      authorizer: this.components.authorizer,
      fieldManager: this.components.fieldManager,
      patcher: this.components.patcher,
      controllers: this.components.controllers,
      clock: this.clock,
      ids: this.ids,
      caPem: this.ca.certPem,
    });
  }

  /** Loads every cluster back from persistence and reconnects it to its journal. */
  private async recover(): Promise<void> {
    for (const r of await this.persistence.recover()) {
      const cluster = this.newCluster(r.record);
      restoreStore(cluster.store, r, RECOVERY_RV_SKIP);
      cluster.store.setJournal(this.persistence.attach(cluster.id, cluster.store));
      this.clusters.set(cluster.id, cluster);
      cluster.startControllers();
      const n = /^c(\d+)$/.exec(cluster.id);
      if (n) this.nextId = Math.max(this.nextId, Number(n[1]) + 1);
    }
  }

  /** Creates a cluster (ready to serve when the promise resolves). */
  async createCluster(id?: string, opts: { nodes?: number } = {}): Promise<Cluster> {
    if (this.stopped) throw new Error('sandbox is stopped');
    const clusterId = id ?? this.allocateId();
    if (!CLUSTER_ID.test(clusterId)) throw new Error(`invalid cluster id ${JSON.stringify(clusterId)}: use lower-case letters, digits and '-'`);
    if (this.clusters.has(clusterId) || this.creating.has(clusterId)) throw new Error(`cluster ${clusterId} already exists`);
    const record: ClusterRecord = {
      id: clusterId,
      createdAt: this.clock.now(),
      adminToken: randomBytes(24).toString('base64url'),
      tokenKey: randomBytes(32).toString('base64url'),
      nodes: opts.nodes ?? this.options.nodes ?? 3,
    };
    const cluster = this.newCluster(record);
    const objects = bootstrapObjects({
      record,
      ids: this.ids,
      timestamp: `${new Date(record.createdAt).toISOString().slice(0, 19)}Z`,
      caPem: this.ca.certPem,
    });
    // The record and the bootstrap objects become durable together: a crash leaves the cluster
    // whole or absent. It serves only once durable.
    const entries = cluster.store.seed(
      objects.map((o) => ({ type: 'create' as const, resource: o.resource, object: o.object as StoredObjectDraft })),
      this.firstVersion(clusterId),
    );
    this.creating.add(clusterId);
    try {
      const { journal, durable } = this.persistence.addCluster(record, cluster.store, entries);
      cluster.store.setJournal(journal);
      await durable;
    } finally {
      this.creating.delete(clusterId);
    }
    this.clusters.set(clusterId, cluster);
    cluster.startControllers();
    return cluster;
  }

  /**
   * Where a new cluster's resourceVersions start: above every version an earlier cluster with the
   * same id handed out (a reset), so that a client still holding one of those versions gets 410
   * Expired and relists instead of resuming against the new cluster's history.
   */
  private firstVersion(id: string): number {
    return this.persistence.retiredVersion(id) ?? 0;
  }

  private allocateId(): string {
    let id: string;
    do id = `c${this.nextId++}`;
    while (this.clusters.has(id));
    return id;
  }

  getCluster(id: string): Cluster | undefined {
    return this.clusters.get(id);
  }

  async deleteCluster(id: string): Promise<boolean> {
    const c = this.clusters.get(id);
    if (!c) return false;
    c.stopControllers();
    closeWatches(c);
    this.clusters.delete(id);
    this.buckets.delete(id);
    await this.persistence.clusterDeleted(id, c.store.currentRV());
    return true;
  }

  info(id: string): ClusterInfo | undefined {
    const c = this.clusters.get(id);
    if (!c) return undefined;
    return { id, server: this.clusterServer(id), token: c.record.adminToken, createdAt: new Date(c.record.createdAt).toISOString() };
  }

  /** A kubeconfig with one context per cluster; the first is current. */
  kubeconfig(ids: string[] = [...this.clusters.keys()]): string {
    const caData = Buffer.from(this.ca.certPem).toString('base64');
    const entries = ids.map((id) => this.info(id)).filter((x): x is ClusterInfo => x !== undefined);
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: entries.map((e) => ({
        name: `kubecamp-${e.id}`,
        cluster: this.options.insecureHttp ? { server: e.server } : { server: e.server, 'certificate-authority-data': caData },
      })),
      users: entries.map((e) => ({ name: `kubecamp-${e.id}-admin`, user: { token: e.token } })),
      contexts: entries.map((e) => ({
        name: `kubecamp-${e.id}`,
        context: { cluster: `kubecamp-${e.id}`, user: `kubecamp-${e.id}-admin`, namespace: 'default' },
      })),
      'current-context': entries[0] ? `kubecamp-${entries[0].id}` : '',
      preferences: {},
    };
    return toYaml(config);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    closeWatchesWhere((c) => this.clusters.get(c.id) === c);
    for (const c of this.clusters.values()) {
      c.stopControllers();
      c.store.close();
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
      closeUpgradedConnections(this.server);
    });
    await this.persistence.close();
  }

  /** Resolves once every cluster's controllers have caught up with the writes so far (tests). */
  async settle(): Promise<void> {
    for (const c of this.clusters.values()) await c.settle();
  }

  /** Every object of a cluster (for tests and snapshots). */
  dump(id: string): Array<[string, StoredObject[]]> {
    return this.clusters.get(id)?.store.snapshot().resources ?? [];
  }
}

function timed(handler: RequestListener, observe: ((s: RequestSample) => void) | undefined): RequestListener {
  if (!observe) return handler;
  return (req, res) => {
    const start = performance.now();
    res.once('finish', () => observe({ method: req.method ?? '', url: req.url ?? '', status: res.statusCode, ms: performance.now() - start }));
    handler(req, res);
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
