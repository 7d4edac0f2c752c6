// A loopback load generator: keep-alive HTTPS connections (the sandbox CA verified), closed
// loops (each connection sends its next request when the previous answer has been read), and a
// fixed request count or duration, so every run stops by itself.
import { Agent, request } from 'node:https';

export interface RequestSpec {
  method: string;
  /** Absolute path, e.g. `/clusters/c7/api/v1/namespaces/default/configmaps`. */
  path: string;
  token: string;
  body?: Buffer;
  contentType?: string;
  /** Label under which the result is counted. */
  label: string;
}

export interface Result {
  status: number;
  ms: number;
  retryAfter?: string;
}

export class LoadClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, ca: string, connections: number) {
    const u = new URL(baseUrl);
    if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost' && u.hostname !== '[::1]') throw new Error(`the benchmark only targets loopback, not ${u.hostname}`);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, ca });
  }

  /** One request whose answer is kept (setup, not measurement). */
  fetch(spec: RequestSpec): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, method: spec.method, path: spec.path, agent: this.agent, headers: { Authorization: `Bearer ${spec.token}`, Accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  send(spec: RequestSpec): Promise<Result> {
    const headers: Record<string, string | number> = { Authorization: `Bearer ${spec.token}`, Accept: 'application/json' };
    if (spec.body) {
      headers['Content-Type'] = spec.contentType ?? 'application/json';
      headers['Content-Length'] = spec.body.length;
    }
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, method: spec.method, path: spec.path, agent: this.agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          const ra = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, ...(ra ? { retryAfter: String(ra) } : {}) });
        });
        res.on('error', reject);
      });
      req.setTimeout(60_000, () => req.destroy(new Error(`${spec.method} ${spec.path}: no answer in 60 s`)));
      req.on('error', reject);
      req.end(spec.body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}

export interface LoopReport {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<string, number>;
  /** Client-side latencies by label (ms). */
  latencies: Map<string, number[]>;
  errors: string[];
}

/**
 * Runs `connections` closed loops until `total` requests were sent or `seconds` have passed,
 * each taking its next request from `next`.
 */
export async function closedLoop(client: LoadClient, opts: { connections: number; total?: number; seconds?: number; next: (i: number) => RequestSpec }): Promise<LoopReport> {
  const statuses: Record<string, number> = {};
  const latencies = new Map<string, number[]>();
  const errors: string[] = [];
  const start = performance.now();
  const deadline = opts.seconds ? start + opts.seconds * 1000 : Infinity;
  const total = opts.total ?? Infinity;
  let issued = 0;
  let done = 0;
  const loop = async () => {
    while (issued < total && performance.now() < deadline) {
      const spec = opts.next(issued++);
      try {
        const r = await client.send(spec);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        let l = latencies.get(spec.label);
        if (!l) latencies.set(spec.label, (l = []));
        l.push(r.ms);
      } catch (e) {
        statuses.error = (statuses.error ?? 0) + 1;
        if (errors.length < 5) errors.push((e as Error).message);
      }
      done++;
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, loop));
  const seconds = (performance.now() - start) / 1000;
  return { requests: done, seconds, perSecond: done / seconds, statuses, latencies, errors };
}

export interface WatchSet {
  /** Events received so far (lines of the streams). */
  events(): number;
  /** Watches that ended before close() (the server closed them or failed). */
  ended(): number;
  close(): void;
}

/** Opens one watch per spec, each on its own connection; counts the events that arrive. */
export async function openWatches(baseUrl: string, ca: string, specs: Array<Pick<RequestSpec, 'path' | 'token'>>): Promise<WatchSet> {
  const u = new URL(baseUrl);
  let events = 0;
  let ended = 0;
  let closing = false;
  const reqs: Array<ReturnType<typeof request>> = [];
  await Promise.all(
    specs.map(
      (spec) =>
        new Promise<void>((resolve, reject) => {
          const req = request({ host: u.hostname, port: u.port, path: spec.path, agent: false, ca, headers: { Authorization: `Bearer ${spec.token}`, Accept: 'application/json' } }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`watch ${spec.path}: ${res.statusCode}`));
            resolve();
            res.on('data', (chunk: Buffer) => {
              for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) events++;
            });
            res.on('close', () => {
              if (!closing) ended++;
            });
          });
          req.on('error', (e) => (closing ? resolve() : reject(e)));
          req.end();
          reqs.push(req);
        }),
    ),
  );
  return {
    events: () => events,
    ended: () => ended,
    close: () => {
      closing = true;
      for (const r of reqs) r.destroy();
    },
  };
}
