// A minimal Kubernetes HTTP client for black-box tests: one keep-alive HTTPS agent per target
// (verifying the sandbox CA), bearer tokens, JSON bodies, and line-delimited watch streams.
import { Agent, request } from 'node:https';
import { parse as parseYaml } from 'yaml';

export interface KubeTarget {
  /** `https://127.0.0.1:PORT/clusters/<id>` */
  server: string;
  token: string;
  ca: string;
}

export interface KubeResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface WatchEvent<T = unknown> {
  type: string;
  object: T;
}

interface Kubeconfig {
  clusters: Array<{ name: string; cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ name: string; user: { token: string } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
}

/** The clusters of a sandbox kubeconfig by cluster id (the last path segment of the server). */
export function targetsOf(kubeconfigText: string): Map<string, KubeTarget> {
  const kc = parseYaml(kubeconfigText) as Kubeconfig;
  const out = new Map<string, KubeTarget>();
  for (const ctx of kc.contexts) {
    const cluster = kc.clusters.find((c) => c.name === ctx.context.cluster)!.cluster;
    const user = kc.users.find((u) => u.name === ctx.context.user)!.user;
    const id = cluster.server.split('/').at(-1)!;
    out.set(id, { server: cluster.server, token: user.token, ca: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8') });
  }
  return out;
}

export class KubeHttp {
  private readonly url: URL;
  readonly agent: Agent;

  private readonly timeoutMs: number;

  constructor(
    readonly target: KubeTarget,
    options: { maxSockets?: number; timeoutMs?: number } = {},
  ) {
    this.url = new URL(target.server);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16, ca: target.ca });
  }

  private options(method: string, path: string, headers: Record<string, string | number>) {
    return {
      method,
      host: this.url.hostname,
      port: this.url.port,
      path: `${this.url.pathname}${path}`,
      agent: this.agent,
      headers: { Authorization: `Bearer ${this.target.token}`, Accept: 'application/json', ...headers },
    };
  }

  /**
   * One request; the body is sent as JSON (a string is sent as it is) and the response parsed as
   * JSON when it is JSON.
   */
  request<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<KubeResponse<T>> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers: Record<string, string | number> = { ...extraHeaders };
    if (payload) {
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = request(this.options(method, path, headers), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text) parsed = JSON.parse(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      // A server that never answers fails the test instead of hanging it.
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer within ${this.timeoutMs} ms`)));
      req.end(payload);
    });
  }

  /**
   * Opens a watch (`path` includes `?watch=1&...`) and calls `onEvent` for each event line.
   * `done` resolves when the server ends the stream or `close()` is called.
   */
  watch<T = unknown>(path: string, onEvent: (ev: WatchEvent<T>) => void): { ready: Promise<number>; done: Promise<void>; close(): void } {
    let close = () => {};
    let onReady: (status: number) => void = () => {};
    const ready = new Promise<number>((r) => (onReady = r));
    const done = new Promise<void>((resolve) => {
      const req = request({ ...this.options('GET', path, {}), agent: false, ca: this.target.ca }, (res) => {
        onReady(res.statusCode ?? 0);
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line.trim()) onEvent(JSON.parse(line) as WatchEvent<T>);
          }
        });
        res.on('end', () => resolve());
        res.on('close', () => resolve());
        res.on('error', () => resolve());
      });
      req.on('error', () => {
        onReady(0);
        resolve();
      });
      req.end();
      close = () => {
        req.destroy();
        resolve();
      };
    });
    return { ready, done, close: () => close() };
  }

  destroy(): void {
    this.agent.destroy();
  }
}
