// `npm run bench`: the sandbox's performance figures (see bench/README.md for what each means).
//
//   npm run bench                      1,000 clusters, full run
//   npm run bench -- --clusters 100    a quicker run
//   npm run bench -- --profile         also write a CPU profile of the sandbox under the mixed
//                                      load (bench/results/*-mixed-cpuprofile.json)
//
// The sandbox runs in a child process (so its resident memory is its own) on a loopback port;
// the load generator here uses keep-alive HTTPS and stops after a fixed count or duration.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closedLoop, LoadClient, type LoopReport, openWatches, type RequestSpec } from './lib/load-client.ts';
import { clusterLoad, collectionOf, KINDS, manifest } from './lib/manifests.ts';
import type { ClusterCredentials, Command, MemoryReport, Ready, Reply } from './lib/protocol.ts';
import { round, summarize, type Summary } from './lib/stats.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const { values: args } = parseArgs({
  options: {
    clusters: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    profile: { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
    /** `api` (sections 1-6), `simulation` (section 7), or both (default). */
    only: { type: 'string' },
    'idle-seconds': { type: 'string', default: '30' },
    rollouts: { type: 'string', default: '20' },
  },
});
const ONLY = args.only;
if (ONLY !== undefined && ONLY !== 'api' && ONLY !== 'simulation') throw new Error(`--only must be api or simulation, not ${ONLY}`);
const CLUSTERS = Number(args.clusters);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const MiB = 1024 * 1024;

type Distribute<C> = C extends { cmd: infer K } ? Omit<C, 'id'> & { cmd: K } : never;

/** The sandbox child process and a request/reply channel to it. */
class SandboxProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();
  readonly exited: Promise<void>;

  private constructor(
    readonly proc: ChildProcess,
    readonly ready: Ready,
  ) {
    this.exited = new Promise((r) => proc.once('exit', () => r()));
    proc.on('message', (m: Reply) => {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    });
  }

  static start(dataDir: string, env: Record<string, string> = {}, execArgv: string[] = []): Promise<SandboxProcess> {
    const proc = spawn(process.execPath, ['--expose-gc', ...execArgv, '--import', 'tsx', join(here, 'sandbox-child.ts')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_DATA: dataDir, ...env },
    });
    return new Promise((resolve, reject) => {
      proc.once('message', (m: Ready) => resolve(new SandboxProcess(proc, m)));
      proc.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it was ready`)));
    });
  }

  call(c: Distribute<Command>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) => (r.ok ? resolve(r) : reject(new Error(r.error))));
      this.proc.send({ ...c, id });
    });
  }

  async memory(): Promise<MemoryReport> {
    const r = await this.call({ cmd: 'memory' });
    if (!('memory' in r)) throw new Error('no memory report');
    return r.memory;
  }

  async samples(): Promise<Record<string, Summary>> {
    const r = await this.call({ cmd: 'samples' });
    if (!('samples' in r)) throw new Error('no samples');
    return r.samples;
  }

  async cpu(): Promise<{ user: number; system: number }> {
    const r = await this.call({ cmd: 'cpu' });
    if (!('cpu' in r)) throw new Error('no cpu usage');
    return r.cpu;
  }

  async clusters(): Promise<ClusterCredentials[]> {
    const r = await this.call({ cmd: 'clusters' });
    if (!('clusters' in r)) throw new Error('no clusters');
    return r.clusters;
  }

  async stop(): Promise<void> {
    await this.call({ cmd: 'stop' });
    await this.exited;
  }

  async kill(): Promise<void> {
    this.proc.kill('SIGKILL');
    await this.exited;
  }
}

function log(msg: string): void {
  process.stdout.write(`# ${msg}\n`);
}

const mib = (b: number) => round(b / MiB, 1);

function latencyTable(report: LoopReport): Record<string, Summary> {
  return Object.fromEntries([...report.latencies].map(([k, v]) => [k, summarize(v)]));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubecamp-bench-'));
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 1024 ** 3, 1), node: process.version, platform: process.platform, loadAverageAtStart: loadavg().map((x) => round(x, 2)) },
    parameters: { clusters: CLUSTERS, objectsPerCluster: clusterLoad().length, throughputSeconds: SECONDS, connections: CONNECTIONS },
  };
  let sb: SandboxProcess | undefined;
  try {
    if (ONLY !== 'simulation') {
      // 1. Cluster creation.
      sb = await SandboxProcess.start(dataDir, API_ONLY);
      log(`sandbox up at ${sb.ready.url} in ${round(sb.ready.startMs, 1)} ms`);
      const empty = await sb.memory();
      const created = await sb.call({ cmd: 'create', count: CLUSTERS });
      if (!('created' in created)) throw new Error('no clusters created');
      const creds = created.created;
      results.clusterCreate = { ...summarize(created.ms), first100: summarize(created.ms.slice(0, 100)), last100: summarize(created.ms.slice(-100)) };
      log(`created ${CLUSTERS} clusters: p50 ${summarize(created.ms).p50} ms, p99 ${summarize(created.ms).p99} ms`);
      const bootstrapped = await sb.memory();

      // 2. Load 50 objects per cluster over HTTPS (interleaved across clusters).
      const client = new LoadClient(sb.ready.url, sb.ready.caPem, CONNECTIONS);
      const load = clusterLoad();
      const loadReport = await closedLoop(client, {
        connections: CONNECTIONS,
        total: creds.length * load.length,
        next: (i) => {
          const c = creds[i % creds.length]!;
          const m = load[Math.floor(i / creds.length)]!;
          return { method: 'POST', path: `/clusters/${c.id}${m.collection}`, token: c.token, body: Buffer.from(JSON.stringify(m.body)), label: `create ${m.collection.split('/').at(-1)}` };
        },
      });
      log(`loaded ${loadReport.requests} objects in ${round(loadReport.seconds, 1)} s (${Math.round(loadReport.perSecond)}/s): ${JSON.stringify(loadReport.statuses)}`);
      if (loadReport.errors.length) log(`errors: ${loadReport.errors.join('; ')}`);
      results.load = { requests: loadReport.requests, seconds: round(loadReport.seconds, 2), perSecond: Math.round(loadReport.perSecond), statuses: loadReport.statuses, clientLatency: latencyTable(loadReport) };
      const loaded = await sb.memory();
      results.memory = { empty: memoryFigures(empty), bootstrapped: memoryFigures(bootstrapped), loaded: memoryFigures(loaded) };
      log(`memory with ${loaded.clusters} clusters, ${loaded.objects} objects: rss ${mib(loaded.rss)} MiB, heap ${mib(loaded.heapUsed)} MiB`);

      // 3. Latency of single requests (one connection, keep-alive), server-side and client-side.
      // A namespace of 100 ConfigMaps (99 and the published root CA) in a few clusters gives the
      // largest list.
      const listClusters = creds.slice(0, Math.min(10, creds.length));
      const namespaces = await closedLoop(client, {
        connections: CONNECTIONS,
        total: listClusters.length,
        next: (i) => ({ method: 'POST', path: `/clusters/${listClusters[i]!.id}/api/v1/namespaces`, token: listClusters[i]!.token, body: Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench-list' } })), label: 'setup' }),
      });
      const listItems = await closedLoop(client, {
        connections: CONNECTIONS,
        total: listClusters.length * 99,
        next: (i) => {
          const c = listClusters[i % listClusters.length]!;
          const m = manifest('configmaps', Math.floor(i / listClusters.length), 'bench-list');
          return { method: 'POST', path: `/clusters/${c.id}${m.collection}`, token: c.token, body: Buffer.from(JSON.stringify(m.body)), label: 'setup' };
        },
      });
      if (namespaces.statuses['201'] !== listClusters.length || listItems.statuses['201'] !== listClusters.length * 99) {
        throw new Error(`setting up the 100-object lists failed: ${JSON.stringify(namespaces.statuses)} ${JSON.stringify(listItems.statuses)}`);
      }
      const single = new LoadClient(sb.ready.url, sb.ready.caPem, 1);
      const latencyPlan: Array<{ label: string; spec: (c: ClusterCredentials, i: number) => Omit<RequestSpec, 'token' | 'label'>; clusters: ClusterCredentials[] }> = [
        { label: 'get configmap', clusters: creds, spec: (c, i) => ({ method: 'GET', path: `/clusters/${c.id}${collectionOf('configmaps')}/bench-configmap-${i % 10}` }) },
        { label: 'get deployment', clusters: creds, spec: (c, i) => ({ method: 'GET', path: `/clusters/${c.id}${collectionOf('deployments')}/bench-deployment-${i % 10}` }) },
        { label: 'list pods (ns)', clusters: creds, spec: (c) => ({ method: 'GET', path: `/clusters/${c.id}${collectionOf('pods')}` }) },
        { label: 'list configmaps (all ns)', clusters: creds, spec: (c) => ({ method: 'GET', path: `/clusters/${c.id}/api/v1/configmaps` }) },
        { label: 'list 100 configmaps', clusters: listClusters, spec: (c) => ({ method: 'GET', path: `/clusters/${c.id}${collectionOf('configmaps', 'bench-list')}` }) },
      ];
      const latency: Record<string, { server: Summary; client: Summary; statuses: Record<string, number> }> = {};
      for (const plan of latencyPlan) {
        // Warm up, then measure; spread over clusters so that no bucket runs dry.
        const run = (n: number) =>
          closedLoop(single, {
            connections: 1,
            total: n,
            next: (i) => {
              const c = plan.clusters[(i * 7919) % plan.clusters.length]!;
              return { ...plan.spec(c, i), token: c.token, label: plan.label };
            },
          });
        await run(300);
        await sb.call({ cmd: 'record', on: true });
        const r = await run(3000);
        await sb.call({ cmd: 'record', on: false });
        const server = Object.values(await sb.samples())[0]!;
        latency[plan.label] = { server, client: summarize(r.latencies.get(plan.label) ?? []), statuses: r.statuses };
        log(`${plan.label}: server p50 ${server.p50} ms p99 ${server.p99} ms; client p99 ${summarize(r.latencies.get(plan.label) ?? []).p99} ms ${JSON.stringify(r.statuses)}`);
      }
      single.destroy();
      results.latency = latency;

      // 4. Sustained mixed requests over all clusters, with a watch on each cluster's ConfigMaps
      // (as kubectl get -w or an informer would hold) receiving the updates. The sandbox's own CPU
      // time per request is reported too: on a shared machine it is steadier than requests/s.
      const mix = mixedRequests(creds);
      const list0 = await listVersions(sb, creds);
      const watches = await openWatches(
        sb.ready.url,
        sb.ready.caPem,
        creds.map((c) => ({ path: `/clusters/${c.id}${collectionOf('configmaps')}?watch=1&resourceVersion=${list0.get(c.id)}`, token: c.token })),
      );
      const watchedMemory = await sb.memory();
      log(`${creds.length} watches open: rss ${mib(watchedMemory.rss)} MiB`);
      const profileFile = join(resultsDir, `${new Date().toISOString().slice(0, 10)}-mixed-cpuprofile.json`);
      if (args.profile) await sb.call({ cmd: 'profile', on: true });
      await sb.call({ cmd: 'record', on: true });
      const cpu0 = await sb.cpu();
      const own0 = process.cpuUsage();
      const thr = await closedLoop(client, { connections: CONNECTIONS, seconds: SECONDS, next: mix });
      const own = process.cpuUsage(own0);
      const cpu1 = await sb.cpu();
      await sb.call({ cmd: 'record', on: false });
      if (args.profile) await sb.call({ cmd: 'profile', on: false, file: profileFile });
      const thrServer = await sb.samples();
      const watchEvents = watches.events();
      const watchesEnded = watches.ended();
      watches.close();
      const cpuMs = (cpu1.user - cpu0.user + cpu1.system - cpu0.system) / 1000;
      const cpuPerRequest = round(cpuMs / thr.requests, 4);
      results.throughput = {
        requests: thr.requests,
        seconds: round(thr.seconds, 2),
        perSecond: Math.round(thr.perSecond),
        sandboxCpuMsPerRequest: cpuPerRequest,
        sandboxCpuUtilization: round(cpuMs / 1000 / thr.seconds, 2),
        loadGeneratorCpuMsPerRequest: round((own.user + own.system) / 1000 / thr.requests, 4),
        statuses: thr.statuses,
        server: thrServer,
        client: latencyTable(thr),
        errors: thr.errors,
        watches: { open: creds.length, events: watchEvents, endedEarly: watchesEnded, configMapUpdates: thr.latencies.get('update configmap')?.length ?? 0, rssWithWatchesMiB: mib(watchedMemory.rss) },
      };
      log(`mixed: ${Math.round(thr.perSecond)} requests/s over ${round(thr.seconds, 1)} s with ${CONNECTIONS} connections: ${JSON.stringify(thr.statuses)}; sandbox CPU ${cpuPerRequest} ms/request (${round(cpuMs / 1000 / thr.seconds, 2)} cores), load generator ${round((own.user + own.system) / 1000 / thr.requests, 4)} ms/request`);
      if (args.profile) log(`CPU profile of the sandbox under the mixed load: ${profileFile} (summarize with bench/profile-summary.ts)`);

      // 5. Throttling: one cluster hammered past its burst, another served meanwhile.
      const [noisy, quiet] = [creds[0]!, creds[1] ?? creds[0]!];
      let quietDone = false;
      const quietStatuses: Record<string, number> = {};
      const quietLatency: number[] = [];
      const hammer = closedLoop(client, { connections: 24, total: 2000, next: () => ({ method: 'GET', path: `/clusters/${noisy.id}${collectionOf('configmaps')}`, token: noisy.token, label: 'noisy' }) });
      const quietClient = new LoadClient(sb.ready.url, sb.ready.caPem, 1);
      const bystander = (async () => {
        while (!quietDone) {
          const r = await quietClient.send({ method: 'GET', path: `/clusters/${quiet.id}${collectionOf('configmaps')}`, token: quiet.token, label: 'quiet' });
          quietStatuses[r.status] = (quietStatuses[r.status] ?? 0) + 1;
          quietLatency.push(r.ms);
        }
      })();
      const hammered = await hammer;
      quietDone = true;
      await bystander;
      quietClient.destroy();
      results.throttling = { noisy: { requests: hammered.requests, seconds: round(hammered.seconds, 2), statuses: hammered.statuses }, quiet: { statuses: quietStatuses, client: summarize(quietLatency) } };
      log(`throttling: noisy cluster ${JSON.stringify(hammered.statuses)}; other cluster meanwhile ${JSON.stringify(quietStatuses)} (p99 ${summarize(quietLatency).p99} ms)`);
      client.destroy();

      // 6. Crash and recovery: SIGKILL, restart on the same data dir (with and without interning).
      await sb.kill();
      sb = await SandboxProcess.start(dataDir, API_ONLY);
      const recovered = await sb.memory();
      const recoveredStart = sb.ready.startMs;
      log(`recovered ${recovered.clusters} clusters, ${recovered.objects} objects in ${round(recoveredStart)} ms: rss ${mib(recovered.rss)} MiB, heap ${mib(recovered.heapUsed)} MiB`);
      await sb.stop();
      sb = await SandboxProcess.start(dataDir, { ...API_ONLY, BENCH_INTERN: '0' });
      const plain = await sb.memory();
      log(`recovered without interning in ${round(sb.ready.startMs)} ms: rss ${mib(plain.rss)} MiB, heap ${mib(plain.heapUsed)} MiB`);
      results.recovery = { startMs: round(recoveredStart, 1), memory: memoryFigures(recovered), withoutInterning: { startMs: round(sb.ready.startMs, 1), memory: memoryFigures(plain) } };
      await sb.stop();
      sb = undefined;

    }

    // 7. The simulation (issue 3).
    if (ONLY !== 'api') results.simulation = await simulationBench();

    (results.machine as Record<string, unknown>).loadAverageAtEnd = loadavg().map((x) => round(x, 2));
    printTable(results);
    const file = join(resultsDir, `${new Date().toISOString().slice(0, 10)}-sandbox.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`written ${file}`);
  } finally {
    if (sb) await sb.kill();
    if (!args['keep-data']) rmSync(dataDir, { recursive: true, force: true });
    else log(`data kept in ${dataDir}`);
  }
}

const API_ONLY = { BENCH_SIMULATION: '0' };

/**
 * Issue 3's targets: with every cluster running a 3-replica Deployment and a 3-replica
 * StatefulSet, the sandbox's idle CPU (% of one core, at --speed 1); and the wall time a
 * 10-replica Deployment takes to be rolled out at --speed 1000.
 */
async function simulationBench(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const dir = mkdtempSync(join(tmpdir(), 'kubecamp-bench-sim-'));
  let sb: SandboxProcess | undefined;
  try {
    sb = await SandboxProcess.start(dir);
    const created = await sb.call({ cmd: 'create', count: CLUSTERS });
    if (!('created' in created)) throw new Error('no clusters created');
    const t0 = performance.now();
    await sb.call({ cmd: 'workload' });
    let state = { ready: 0, pods: 0 };
    for (;;) {
      const r = await sb.call({ cmd: 'converged' });
      if ('ready' in r) state = r;
      if (state.ready >= CLUSTERS || performance.now() - t0 > 15 * 60_000) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const convergeSeconds = (performance.now() - t0) / 1000;
    log(`simulation: ${state.ready}/${CLUSTERS} clusters with their Deployment and StatefulSet ready (${state.pods} pods) after ${round(convergeSeconds, 1)} s`);
    if (state.ready < CLUSTERS) throw new Error(`only ${state.ready} of ${CLUSTERS} clusters converged`);
    const mem = await sb.memory();
    const idleSeconds = Number(args['idle-seconds']);
    const cpu0 = await sb.cpu();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const cpu1 = await sb.cpu();
    const idleCpu = (cpu1.user - cpu0.user + cpu1.system - cpu0.system) / 1000 / (idleSeconds * 1000);
    log(`simulation idle: ${round(idleCpu * 100, 2)} % of one core over ${idleSeconds} s; rss ${mib(mem.rss)} MiB with ${mem.objects} objects`);
    out.idle = { clusters: CLUSTERS, pods: state.pods, convergeSeconds: round(convergeSeconds, 1), idleSeconds, idleCpuPercentOfOneCore: round(idleCpu * 100, 2), memory: memoryFigures(mem) };
    await sb.stop();

    const fast = mkdtempSync(join(tmpdir(), 'kubecamp-bench-speed-'));
    try {
      sb = await SandboxProcess.start(fast, { BENCH_SPEED: '1000' });
      const n = Number(args.rollouts);
      // One cluster (a learner fast-forwarding their own cluster); the rollouts follow one another in it.
      await sb.call({ cmd: 'create', count: 1 });
      const r = await sb.call({ cmd: 'rollout', count: n });
      if (!('rollouts' in r)) throw new Error('no rollout figures');
      out.rollout = { speed: 1000, replicas: 10, wallMs: summarize(r.rollouts) };
      log(`rollout of a 10-replica Deployment at --speed 1000: p50 ${summarize(r.rollouts).p50} ms, max ${summarize(r.rollouts).max} ms of wall time (${n} rollouts)`);
      await sb.stop();
    } finally {
      rmSync(fast, { recursive: true, force: true });
    }
    sb = undefined;
    return out;
  } finally {
    if (sb) await sb.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each cluster's current resourceVersion, from a list of its ConfigMaps (to start watches at). */
async function listVersions(sb: SandboxProcess, creds: ClusterCredentials[]): Promise<Map<string, string>> {
  const client = new LoadClient(sb.ready.url, sb.ready.caPem, 8);
  const out = new Map<string, string>();
  try {
    for (let i = 0; i < creds.length; i += 8) {
      await Promise.all(
        creds.slice(i, i + 8).map(async (c) => {
          const r = await client.fetch({ method: 'GET', path: `/clusters/${c.id}${collectionOf('configmaps')}?limit=1`, token: c.token, label: 'rv' });
          out.set(c.id, (JSON.parse(r.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
        }),
      );
    }
  } finally {
    client.destroy();
  }
  return out;
}

function memoryFigures(m: MemoryReport) {
  return { rssMiB: mib(m.rss), heapUsedMiB: mib(m.heapUsed), externalMiB: mib(m.external), clusters: m.clusters, objects: m.objects, byResource: m.byResource };
}

/**
 * The mixed workload: reads of single objects and small lists, and unconditional updates of
 * ConfigMaps (durable writes), spread over every cluster so no cluster's rate limit is reached.
 */
function mixedRequests(creds: ClusterCredentials[]): (i: number) => RequestSpec {
  let seq = 0;
  return (i) => {
    const c = creds[(i * 7919 + 13) % creds.length]!;
    const r = (i * 2654435761) % 100;
    const k = i % 10;
    const base = `/clusters/${c.id}`;
    if (r < 35) return { method: 'GET', path: `${base}${collectionOf('configmaps')}/bench-configmap-${k}`, token: c.token, label: 'get configmap' };
    if (r < 50) {
      const kind = KINDS[k % KINDS.length]!;
      return { method: 'GET', path: `${base}${collectionOf(kind)}/bench-${kind.slice(0, -1)}-${k}`, token: c.token, label: `get ${kind}` };
    }
    if (r < 70) return { method: 'GET', path: `${base}${collectionOf('configmaps')}`, token: c.token, label: 'list configmaps' };
    if (r < 80) return { method: 'GET', path: `${base}${collectionOf('pods')}`, token: c.token, label: 'list pods' };
    if (r < 85) return { method: 'GET', path: `${base}${collectionOf('deployments')}`, token: c.token, label: 'list deployments' };
    const m = manifest('configmaps', k);
    const body = { ...m.body, data: { ...(m.body.data as Record<string, string>), revision: String(++seq) } };
    return { method: 'PUT', path: `${base}${m.collection}/${m.name}`, token: c.token, body: Buffer.from(JSON.stringify(body)), label: 'update configmap' };
  };
}

function printTable(r: Record<string, unknown>): void {
  const res = r as {
    machine: { cpus: number; memoryGiB: number; node: string; loadAverageAtStart: number[] };
    parameters: { clusters: number; objectsPerCluster: number };
    clusterCreate: Summary;
    memory: { loaded: { rssMiB: number; heapUsedMiB: number; objects: number } };
    latency: Record<string, { server: Summary; client: Summary }>;
    throughput: { perSecond: number; sandboxCpuMsPerRequest: number; statuses: Record<string, number> };
    throttling: { noisy: { statuses: Record<string, number> }; quiet: { statuses: Record<string, number> } };
    recovery: { startMs: number; memory: { rssMiB: number }; withoutInterning: { memory: { rssMiB: number } } };
    simulation?: {
      idle: { clusters: number; pods: number; idleCpuPercentOfOneCore: number; convergeSeconds: number; memory: { rssMiB: number } };
      rollout: { wallMs: Summary };
    };
  };
  const rows: Array<[string, string, string, string]> = [['figure', 'measured', 'target', 'ok']];
  if (res.clusterCreate) rows.push(
    ['cluster ready (p50 / p99)', `${res.clusterCreate.p50} / ${res.clusterCreate.p99} ms`, '< 20 ms', ok(res.clusterCreate.p99 < 20)],
    [`RSS, ${res.parameters.clusters} clusters × (bootstrap + ${res.parameters.objectsPerCluster})`, `${res.memory.loaded.rssMiB} MiB (heap ${res.memory.loaded.heapUsedMiB}, ${res.memory.loaded.objects} objects)`, '< 1024 MiB', ok(res.memory.loaded.rssMiB < 1024)],
    ...Object.entries(res.latency).map(([k, v]): [string, string, string, string] => [`${k}, server p50 / p99`, `${v.server.p50} / ${v.server.p99} ms`, '< 5 ms p99', ok(v.server.p99 < 5)]),
    ['mixed requests/s', `${res.throughput.perSecond} ${JSON.stringify(res.throughput.statuses)}`, '≥ 3000', ok(res.throughput.perSecond >= 3000)],
    ['sandbox CPU per mixed request', `${res.throughput.sandboxCpuMsPerRequest} ms (≈ ${Math.round(1000 / res.throughput.sandboxCpuMsPerRequest)}/s per core)`, '', ''],
    ['throttling: noisy / other cluster', `${JSON.stringify(res.throttling.noisy.statuses)} / ${JSON.stringify(res.throttling.quiet.statuses)}`, '429s / all 200', ok((res.throttling.noisy.statuses['429'] ?? 0) > 0 && Object.keys(res.throttling.quiet.statuses).join() === '200')],
    ['recovery after kill -9', `${res.recovery.startMs} ms, RSS ${res.recovery.memory.rssMiB} MiB (${res.recovery.withoutInterning.memory.rssMiB} without interning)`, '< 1024 MiB', ok(res.recovery.memory.rssMiB < 1024)],
  );
  const sim = res.simulation;
  if (sim) {
    rows.push(
      [`idle CPU, ${sim.idle.clusters} clusters × (3-replica Deployment + 3-replica StatefulSet)`, `${sim.idle.idleCpuPercentOfOneCore} % of one core (${sim.idle.pods} pods, RSS ${sim.idle.memory.rssMiB} MiB, up in ${sim.idle.convergeSeconds} s)`, '< 10 %', ok(sim.idle.idleCpuPercentOfOneCore < 10)],
      ['10-replica rollout at --speed 1000, wall p50 / max', `${sim.rollout.wallMs.p50} / ${sim.rollout.wallMs.max} ms`, '< 50 ms', ok(sim.rollout.wallMs.max < 50)],
    );
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  process.stdout.write(`\nkubecamp sandbox benchmark — ${res.machine.cpus} CPUs, ${res.machine.memoryGiB} GiB, Node ${res.machine.node}, load average ${res.machine.loadAverageAtStart.join(' ')} (other processes share these CPUs)\n\n`);
  for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  process.stdout.write('\n');
}

function ok(b: boolean): string {
  return b ? 'yes' : 'NO';
}

await main();
