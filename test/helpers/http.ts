// Raw HTTPS requests to a sandbox (for what kubectl cannot send: malformed bodies, other
// clusters' tokens, odd media types). Verifies TLS with the sandbox CA.
import { request } from 'node:https';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export function raw(
  sandbox: Sandbox,
  method: string,
  path: string,
  opts: { token?: string | null; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const url = new URL(path, sandbox.url);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== null && opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: sandbox.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** The admin token of a cluster (its kubeconfig user). */
export function tokenOf(sandbox: Sandbox, clusterId: string): string {
  return sandbox.getCluster(clusterId)!.record.adminToken;
}
