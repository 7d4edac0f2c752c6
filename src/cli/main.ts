// The kubecamp command line: a thin shell over the sandbox, the course engine and the platform.
import { nodeCommand, nodeHelp } from './node.ts';
import { sandboxCommand, sandboxHelp, UsageError } from './sandbox.ts';

const help = `Usage: kubecamp <command> [options]

Commands:
  sandbox     serve sandbox Kubernetes clusters (kubectl-compatible)
  up          run kubecamp locally (today: the sandbox with one demo cluster)
  node        stop or start a node of a running sandbox (node failure drills)
  help        show this help

Run 'kubecamp <command> --help' for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        process.stdout.write(help);
        return 0;
      case 'sandbox':
        return await sandboxCommand(rest);
      case 'node':
        return await nodeCommand(rest);
      case 'up':
        return await sandboxCommand(rest.length ? rest : ['--clusters', '1']);
      default:
        process.stderr.write(`kubecamp: unknown command ${JSON.stringify(command)}\n\n${help}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`kubecamp: ${(e as Error).message}\n`);
      if (command === 'sandbox') process.stderr.write(`\n${sandboxHelp}`);
      if (command === 'node') process.stderr.write(`\n${nodeHelp}`);
      return 2;
    }
    process.stderr.write(`kubecamp: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}
