// `kubecamp sandbox`: serve N sandbox clusters and write a kubeconfig for them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Sandbox } from '../sandbox/sandbox.ts';

export const sandboxHelp = `Usage: kubecamp sandbox [options]

Starts the sandbox: a Kubernetes API server that hosts many isolated, simulated clusters, each
at https://HOST:PORT/clusters/<id>. Writes a kubeconfig with one context per cluster (the first
is current) and prints a line containing "ready" once it serves. Stops on SIGINT/SIGTERM.

Options:
  --host ADDR         address to listen on (default 127.0.0.1)
  --port N            port to listen on (default 6443; 0 picks a free one)
  --data DIR          data directory: CA, clusters, write-ahead log (default ./.kubecamp)
  --clusters N        clusters to serve; missing ones are created (default 1)
  --kubeconfig FILE   where to write the kubeconfig (default DIR/kubeconfig)
  --speed X           multiplier of simulated time (default 1)
  --insecure-http     serve plain HTTP instead of HTTPS (loopback addresses only)
  -h, --help          show this help

Example:
  npx kubecamp sandbox --clusters 3 &
  KUBECONFIG=.kubecamp/kubeconfig kubectl get nodes
`;

export async function sandboxCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '6443' },
      data: { type: 'string', default: './.kubecamp' },
      clusters: { type: 'string', default: '1' },
      kubeconfig: { type: 'string' },
      speed: { type: 'string', default: '1' },
      'insecure-http': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(sandboxHelp);
    return 0;
  }
  const port = Number(values.port);
  const count = Number(values.clusters);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not ${values.port}`);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new UsageError(`--clusters must be a positive integer, not ${values.clusters}`);
  if (!(speed > 0)) throw new UsageError(`--speed must be a positive number, not ${values.speed}`);
  const dataDir = resolve(values.data!);
  const sandbox = await Sandbox.start({ host: values.host, port, dataDir, insecureHttp: values['insecure-http'], speed });
  const ids = [...sandbox.clusters.keys()];
  for (let i = 1; ids.length < count; i++) {
    const id = `c${i}`;
    if (!sandbox.getCluster(id)) {
      await sandbox.createCluster(id);
      ids.push(id);
    }
  }
  const kubeconfigPath = resolve(values.kubeconfig ?? `${dataDir}/kubeconfig`);
  mkdirSync(dirname(kubeconfigPath), { recursive: true });
  writeFileSync(kubeconfigPath, sandbox.kubeconfig(ids.slice(0, Math.max(count, 1)).sort(byClusterId)), { mode: 0o600 });
  // The handlers go in before the ready line: stdout to a pipe is written synchronously, so a
  // supervisor may signal the moment it reads the line.
  const stopped = new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      sandbox.stop().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(`kubecamp sandbox ready: ${ids.length} cluster(s) at ${sandbox.url}/clusters/<id>; kubeconfig ${kubeconfigPath}\n`);
  await stopped;
  return 0;
}

function byClusterId(a: string, b: string): number {
  const na = /^c(\d+)$/.exec(a);
  const nb = /^c(\d+)$/.exec(b);
  if (na && nb) return Number(na[1]) - Number(nb[1]);
  return a.localeCompare(b);
}

export class UsageError extends Error {}
