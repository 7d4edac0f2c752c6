// `kubecamp node stop|start <cluster> <node>`: switches a node of a running sandbox off or on
// through its admin API (POST /admin/v1/clusters/<cluster>/nodes/<node>/stop|start), with the
// admin token and CA from the sandbox's data directory.
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './sandbox.ts';

export const nodeHelp = `Usage: kubecamp node stop|start <cluster> <node> [options]

Stops or starts a node's kubelet in a running sandbox. A stopped node stops renewing its Lease;
after 50 s the node lifecycle controller marks it NotReady and taints it, and its pods are
evicted after their tolerationSeconds (300 s by default). Starting it makes it Ready again.

Options:
  --server URL        the sandbox (default https://127.0.0.1:6443)
  --data DIR          the sandbox's data directory: admin token and CA (default ./.kubecamp)
  -h, --help          show this help

Example:
  npx kubecamp node stop c1 kubecamp-worker
`;

export async function nodeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string', default: 'https://127.0.0.1:6443' },
      data: { type: 'string', default: './.kubecamp' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(nodeHelp);
    return 0;
  }
  const [verb, cluster, node] = positionals;
  if ((verb !== 'stop' && verb !== 'start') || !cluster || !node || positionals.length !== 3) throw new UsageError('expected: node stop|start <cluster> <node>');
  const dataDir = resolve(values.data!);
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const url = new URL(`/admin/v1/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(node)}/${verb}`, values.server);
  const { status, body } = await post(url, token, url.protocol === 'https:' ? readFileSync(join(dataDir, 'pki', 'ca.crt'), 'utf8') : undefined);
  if (status !== 200) {
    const message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
    process.stderr.write(`kubecamp: ${message}\n`);
    return 1;
  }
  process.stdout.write(`node/${node} ${verb === 'stop' ? 'stopped' : 'started'}\n`);
  return 0;
}

function post(url: URL, token: string, ca: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const options = { method: 'POST', headers: { Authorization: `Bearer ${token}` }, ...(ca ? { ca } : {}) };
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}
