// The sandbox: many isolated clusters behind one listener. It owns the clusters, their
// persistence, the CA and serving certificate, and the HTTP(S) server; kubeconfigs it writes
// verify TLS with the CA and authenticate with each cluster's own token.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import type { FieldManager } from '../apimachinery/apply/field-manager.ts';
import type { StoredObject } from '../apimachinery/object.ts';
import type { AdmissionPlugin } from './admission/types.ts';
import type { Authorizer } from './auth/types.ts';
import { bootstrapObjects } from './bootstrap/index.ts';
import { Cluster, type ClusterRecord, type Controller } from './cluster.ts';
import { randomIds } from './ids.ts';
import { builtinResources } from './registry/catalog.ts';
import type { Patcher } from './registry/generic-store.ts';
import type { Clock, IdSource, ResourceDef } from './registry/types.ts';
import { createRequestHandler } from './server/http-server.ts';
import { loadOrCreateCA, servingCertificate, type CertificateAuthority } from './server/tls.ts';
import { TokenBucket } from './server/token-bucket.ts';
import { closeAllWatches, closeWatches } from './server/watch.ts';
import type { StoredObjectDraft } from './storage/object-store.ts';
import { memoryPersistence, type SandboxPersistence } from './storage/persistence.ts';

export interface SandboxComponents {
  builtins: readonly ResourceDef[];
  admission: (cluster: Cluster) => AdmissionPlugin[];
  authorizer: (cluster: Cluster) => Authorizer;
  fieldManager: FieldManager;
  patcher: Patcher;
  controllers: () => Controller[];
}

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
  clock?: Clock;
  ids?: IdSource;
  /** Nodes in a new cluster. */
  nodes?: number;
  /** Per-cluster request rate and burst. */
  rateLimit?: { perSecond: number; burst: number };
  components?: Partial<SandboxComponents>;
  persistence?: SandboxPersistence;
}

export interface ClusterInfo {
  id: string;
  server: string;
  token: string;
  createdAt: string;
}

const CLUSTER_ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export class Sandbox {
  readonly clusters = new Map<string, Cluster>();
  readonly adminToken: string;
  private server!: Server;
  private ca!: CertificateAuthority;
  private readonly buckets = new Map<string, TokenBucket>();
  private nextId = 1;
  private stopped = false;

  private constructor(
    readonly options: SandboxOptions,
    readonly components: SandboxComponents,
    readonly persistence: SandboxPersistence,
    readonly clock: Clock,
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
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
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
        persistence = await WalPersistence.open(join(options.dataDir, 'sandbox'));
      } else persistence = memoryPersistence();
    }
    const sandbox = new Sandbox(options, components, persistence, options.clock ?? { now: () => Date.now() }, options.ids ?? randomIds);
    const pkiDir = options.dataDir ? join(options.dataDir, 'pki') : undefined;
    sandbox.ca = await loadOrCreateCA(pkiDir ?? join(await tmpPkiDir(), 'pki'));
    await sandbox.recover();
    const handler = createRequestHandler(sandbox);
    if (options.insecureHttp) sandbox.server = createHttpServer(handler);
    else {
      const hosts = ['127.0.0.1', 'localhost', '::1', host].filter((h) => h !== '0.0.0.0' && h !== '::');
      const cert = await servingCertificate(pkiDir ?? join(await tmpPkiDir(), 'pki'), sandbox.ca, hosts);
      sandbox.server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handler);
    }
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

  private async recover(): Promise<void> {
    for (const r of await this.persistence.recover()) {
      const cluster = this.newCluster(r.record);
      if (r.snapshot) {
        for (const [resource, objects] of r.snapshot.resources) {
          for (const o of objects) cluster.store.restore(resource, o, Number(o.metadata.resourceVersion));
        }
      }
      let last = r.snapshot?.rv ?? 0;
      for (const e of r.tail) {
        if (e.op === 'put') cluster.store.restore(e.resource, e.object!, e.rv);
        else cluster.store.restoreDelete(e.resource, e.key, e.rv);
        last = e.rv;
      }
      cluster.store.resumeAfterRecovery(Math.max(last, r.snapshot?.rv ?? 0), 10_000);
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
    if (this.clusters.has(clusterId)) throw new Error(`cluster ${clusterId} already exists`);
    const record: ClusterRecord = {
      id: clusterId,
      createdAt: this.clock.now(),
      adminToken: randomBytes(24).toString('base64url'),
      tokenKey: randomBytes(32).toString('base64url'),
      nodes: opts.nodes ?? this.options.nodes ?? 3,
    };
    await this.persistence.clusterCreated(record);
    const cluster = this.newCluster(record);
    cluster.store.setJournal(this.persistence.attach(clusterId, cluster.store));
    this.clusters.set(clusterId, cluster);
    const objects = bootstrapObjects({
      record,
      ids: this.ids,
      timestamp: `${new Date(record.createdAt).toISOString().slice(0, 19)}Z`,
      caPem: this.ca.certPem,
    });
    const { durable } = cluster.store.write(
      objects.map((o) => ({ type: 'create' as const, resource: o.resource, object: o.object as StoredObjectDraft })),
    );
    await durable;
    cluster.startControllers();
    return cluster;
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
    await this.persistence.clusterDeleted(id);
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
    closeAllWatches();
    for (const c of this.clusters.values()) c.stopControllers();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
    });
    await this.persistence.close();
  }

  /** Every object of a cluster (for tests and snapshots). */
  dump(id: string): Array<[string, StoredObject[]]> {
    return this.clusters.get(id)?.store.snapshot().resources ?? [];
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

let tmpDir: string | undefined;
async function tmpPkiDir(): Promise<string> {
  if (!tmpDir) {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    tmpDir = mkdtempSync(join(tmpdir(), 'kubecamp-sandbox-'));
  }
  return tmpDir;
}
