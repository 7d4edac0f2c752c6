// The remote command streaming protocol of exec and attach over WebSocket, as upstream defines it
// (k8s.io/apimachinery/pkg/util/remotecommand/constants.go, client-go tools/remotecommand/
// websocket.go, the kubelet's cri/streaming/remotecommand): subprotocol choice, the one-byte
// channel prefix of every binary message, the v5 CLOSE signal, resize messages and the Status
// the error channel carries when the command ends. Pure: no sockets here.
import { badRequest } from '../../apimachinery/errors.ts';

export const STREAM_PROTOCOL_V5 = 'v5.channel.k8s.io';
export const STREAM_PROTOCOL_V4 = 'v4.channel.k8s.io';

export const Channel = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  error: 3,
  resize: 4,
  /** v5: `[255, <channel>]` half-closes a channel (the client's end of stdin). */
  close: 255,
} as const;

/** The subprotocol the server speaks among those the client offers, in the client's order. */
export function chooseProtocol(offered: Iterable<string>): string | undefined {
  for (const p of offered) if (p === STREAM_PROTOCOL_V5 || p === STREAM_PROTOCOL_V4) return p;
  return undefined;
}

export function frame(channel: number, data: string | Uint8Array): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return Buffer.concat([Buffer.from([channel]), body]);
}

export type ClientMessage =
  | { kind: 'stdin'; data: Buffer }
  | { kind: 'resize'; cols: number; rows: number }
  | { kind: 'close'; channel: number }
  | { kind: 'ignored' };

/** Decodes one binary message from the client. */
export function decodeClientMessage(msg: Buffer): ClientMessage {
  if (msg.length === 0) return { kind: 'ignored' };
  const ch = msg[0]!;
  const body = msg.subarray(1);
  if (ch === Channel.stdin) return { kind: 'stdin', data: body };
  if (ch === Channel.close && body.length >= 1) return { kind: 'close', channel: body[0]! };
  if (ch === Channel.resize) {
    try {
      const size = JSON.parse(body.toString('utf8')) as { Width?: unknown; Height?: unknown };
      if (typeof size.Width === 'number' && typeof size.Height === 'number') return { kind: 'resize', cols: size.Width, rows: size.Height };
    } catch {
      // A malformed resize is dropped, as the kubelet logs and ignores it.
    }
  }
  return { kind: 'ignored' };
}

/**
 * The error channel's last word: Success, or the NonZeroExitCode Status from which kubectl
 * prints `command terminated with exit code 3` and exits with that code.
 */
export function exitStatus(code: number, argv: readonly string[]): object {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

export interface StreamOptions {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

function flag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1' || v === 'True' || v === 'TRUE' || v === 't';
}

/** PodExecOptions / PodAttachOptions from the query, checked as the kubelet's NewOptions does. */
export function parseStreamOptions(q: URLSearchParams, kind: 'exec' | 'attach'): StreamOptions {
  const tty = flag(q, 'tty');
  const opts: StreamOptions = {
    container: q.get('container') ?? '',
    command: kind === 'exec' ? q.getAll('command') : [],
    stdin: flag(q, 'stdin'),
    stdout: flag(q, 'stdout'),
    // With a tty, stderr is merged into stdout: the kubelet drops a requested stderr stream.
    stderr: flag(q, 'stderr') && !tty,
    tty,
  };
  if (!opts.stdin && !opts.stdout && !flag(q, 'stderr')) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  if (kind === 'exec' && opts.command.length === 0) throw badRequest('you must specify at least one command for the container');
  return opts;
}

/**
 * Output as a terminal shows it: with a tty, the pty turns each newline into CR LF (ONLCR), so
 * output does not staircase in kubectl's raw-mode terminal.
 */
export function ttyOutput(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
