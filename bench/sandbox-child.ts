// The sandbox process the benchmark measures: a Sandbox on a loopback port with its data dir,
// driven over IPC (create clusters, report memory after a full GC, record server-side request
// timings). Its resident memory is the sandbox's alone, apart from the load generator.
//
//   BENCH_DATA      data dir
//   BENCH_INTERN=0  recover without interning repeated subtrees (for comparison)
//   BENCH_SIMULATION=0  API server only: no scheduler, kubelet or workload controllers (the API
//                   benchmark's 10 Deployments and 10 Pods per cluster would otherwise start
//                   20,000 simulated containers)
//   BENCH_SPEED     simulated time per wall time (default 1)
import { Sandbox, type RequestSample } from '../src/sandbox/sandbox.ts';
import { WalPersistence } from '../src/sandbox/storage/wal.ts';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { ClusterCredentials, Command, Ready, Reply } from './lib/protocol.ts';
import { deployIdleWorkload, idleWorkloadReady, timeRollout } from './lib/simulation-load.ts';
import { apiControllers } from '../src/sandbox/controllers/index.ts';
import { summarize } from './lib/stats.ts';

const dataDir = process.env.BENCH_DATA;
if (!dataDir || !process.send) throw new Error('run by bench/run.ts (BENCH_DATA and an IPC channel)');
const send = (m: Reply | Ready) => process.send!(m);

const samples = new Map<string, number[]>();
let profiler: Session | undefined;
let recording = false;

/** get / list / write / watch by resource, from the URL alone. */
function classify(s: RequestSample): string {
  const [path, query = ''] = s.url.split('?');
  if (/(^|&)watch=(1|true)/.test(query)) return 'watch';
  const m = /^\/clusters\/[^/]+\/(?:api\/v1|apis\/[^/]+\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/]+)(\/[^/]+)?$/.exec(path!);
  if (!m) return `other ${s.method}`;
  const resource = m[1]!;
  if (s.method === 'GET') return m[2] ? `get ${resource}` : `list ${resource}`;
  return `${s.method.toLowerCase()} ${resource}`;
}

function record(s: RequestSample): void {
  if (!recording) return;
  const label = s.status === 429 ? 'throttled' : classify(s);
  let l = samples.get(label);
  if (!l) samples.set(label, (l = []));
  l.push(s.ms);
}

const started = performance.now();
const persistence = await WalPersistence.open(join(dataDir, 'sandbox'), { intern: process.env.BENCH_INTERN !== '0' });
const simulation = process.env.BENCH_SIMULATION !== '0';
const sandbox = await Sandbox.start({
  port: 0,
  dataDir,
  persistence,
  onRequestTimed: record,
  speed: Number(process.env.BENCH_SPEED ?? 1),
  components: simulation ? {} : { controllers: apiControllers },
});
const startMs = performance.now() - started;
send({ ready: true, url: sandbox.url, caPem: sandbox.caPem, adminToken: sandbox.adminToken, startMs, clusters: sandbox.clusters.size });

const credentials = (): ClusterCredentials[] => [...sandbox.clusters.values()].map((c) => ({ id: c.id, token: c.record.adminToken }));

function fullGC(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

async function handle(m: Command): Promise<Reply> {
  switch (m.cmd) {
    case 'create': {
      const created: ClusterCredentials[] = [];
      const ms: number[] = [];
      for (let i = 0; i < m.count; i++) {
        const t0 = performance.now();
        const c = await sandbox.createCluster();
        ms.push(performance.now() - t0);
        created.push({ id: c.id, token: c.record.adminToken });
      }
      return { id: m.id, ok: true, created, ms };
    }
    case 'memory': {
      fullGC();
      const byResource: Record<string, number> = {};
      let objects = 0;
      for (const c of sandbox.clusters.values()) {
        for (const r of c.store.resources()) {
          const n = c.store.count(r);
          byResource[r] = (byResource[r] ?? 0) + n;
          objects += n;
        }
      }
      const mu = process.memoryUsage();
      return { id: m.id, ok: true, memory: { rss: mu.rss, heapUsed: mu.heapUsed, heapTotal: mu.heapTotal, external: mu.external, arrayBuffers: mu.arrayBuffers, clusters: sandbox.clusters.size, objects, byResource } };
    }
    case 'record':
      if (m.on) samples.clear();
      recording = m.on;
      return { id: m.id, ok: true };
    case 'samples':
      return { id: m.id, ok: true, samples: Object.fromEntries([...samples].map(([k, v]) => [k, summarize(v)])) };
    case 'clusters':
      return { id: m.id, ok: true, clusters: credentials() };
    case 'cpu':
      return { id: m.id, ok: true, cpu: process.cpuUsage() };
    case 'profile':
      if (m.on) {
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      } else if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(m.file!, JSON.stringify(profile));
        profiler.disconnect();
        profiler = undefined;
      }
      return { id: m.id, ok: true };
    case 'workload':
      for (const c of sandbox.clusters.values()) await deployIdleWorkload(c);
      return { id: m.id, ok: true };
    case 'converged': {
      let ready = 0;
      let pods = 0;
      for (const c of sandbox.clusters.values()) {
        if (idleWorkloadReady(c)) ready++;
        pods += c.store.count('pods');
      }
      return { id: m.id, ok: true, ready, pods };
    }
    case 'rollout': {
      const rollouts: number[] = [];
      const all = [...sandbox.clusters.values()];
      // One rollout first, not counted: the first one pays for V8 compiling the code paths.
      await timeRollout(all[0]!, 'warm-up');
      for (let i = 0; i < m.count; i++) rollouts.push(await timeRollout(all[i % all.length]!, `rollout-${i}`));
      return { id: m.id, ok: true, rollouts };
    }
    case 'stop':
      await sandbox.stop();
      setImmediate(() => process.exit(0));
      return { id: m.id, ok: true };
  }
}

process.on('message', (m: Command) => {
  handle(m).then(send, (e: unknown) => send({ id: m.id, ok: false, error: (e as Error).stack ?? String(e) }));
});
process.on('disconnect', () => process.exit(0));
