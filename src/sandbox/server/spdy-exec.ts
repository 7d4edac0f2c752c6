// exec and attach over SPDY/3.1 (remote command protocol v4.channel.k8s.io, as the kubelet's
// cri/streaming/remotecommand/httpstream.go serves it), for kubectl before 1.29 and for kubectl
// with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false: the client opens one stream per channel (error,
// stdin, stdout, stderr, resize: `streamtype` header); once all it asked for are open the session
// runs; stdin ends with the stream's FIN; resize carries JSON sizes; the exit Status goes on the
// error stream, then every stream ends.
import { StringDecoder } from 'node:string_decoder';
import type { SessionSource } from './exec-websocket.ts';
import { exitStatus, type StreamOptions, ttyOutput } from './remotecommand.ts';
import { type ByteTransport, SpdyConnection } from './spdy-connection.ts';
import { TtyLineDiscipline } from './tty-line-discipline.ts';

/** The SPDY subprotocols of remote command the server accepts, best first. */
export const SPDY_REMOTECOMMAND_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export function chooseSpdyProtocol(offered: readonly string[]): string | undefined {
  return SPDY_REMOTECOMMAND_PROTOCOLS.find((p) => offered.includes(p));
}

export function runSpdyExec(transport: ByteTransport, source: SessionSource, opts: StreamOptions): SpdyConnection {
  const streams = new Map<string, number>();
  const expected = ['error', ...(opts.stdin ? ['stdin'] : []), ...(opts.stdout ? ['stdout'] : []), ...(opts.stderr ? ['stderr'] : []), ...(opts.tty ? ['resize'] : [])];
  let started = false;
  let finished = false;
  const stdin = new StringDecoder('utf8');
  const tty = opts.tty ? new TtyLineDiscipline() : undefined;
  let resizeBuf = '';
  let stopOutput: (() => void) | undefined;

  const conn = new SpdyConnection(transport, {
    stream(id, headers, fin) {
      streams.set(headers.streamtype ?? '', id);
      if (fin && headers.streamtype === 'stdin' && source.kind === 'exec') source.session.closeStdin();
      if (!started && expected.every((t) => streams.has(t))) start();
    },
    data(id, data, fin) {
      if (id === streams.get('stdin') && source.kind === 'exec') {
        const text = stdin.write(data);
        if (text) input(text);
        if (fin) {
          const rest = stdin.end();
          if (rest) input(rest);
          source.session.closeStdin();
        }
      } else if (id === streams.get('resize') && source.kind === 'exec') {
        resizeBuf += data.toString('utf8');
        let nl: number;
        while ((nl = resizeBuf.indexOf('\n')) >= 0) {
          const line = resizeBuf.slice(0, nl);
          resizeBuf = resizeBuf.slice(nl + 1);
          try {
            const size = JSON.parse(line) as { Width?: number; Height?: number };
            if (typeof size.Width === 'number' && typeof size.Height === 'number') source.session.resize?.(size.Width, size.Height);
          } catch {
            // A malformed size is dropped.
          }
        }
      }
    },
    reset(id) {
      if (id !== undefined || finished) return;
      finished = true;
      stopOutput?.();
      if (source.kind === 'exec') source.session.kill();
    },
  });

  function input(text: string): void {
    if (source.kind !== 'exec') return;
    if (!tty) return source.session.write(text);
    const actions = tty.keys(text);
    if (actions.echo) send('stdout', actions.echo);
    for (const line of actions.input) source.session.write(line);
    if (actions.eof) source.session.closeStdin();
  }

  function send(type: 'stdout' | 'stderr' | 'error', text: string): void {
    const id = streams.get(type);
    if (id !== undefined) conn.send(id, Buffer.from(text, 'utf8'));
  }

  function end(status: object): void {
    if (finished) return;
    finished = true;
    stopOutput?.();
    send('error', JSON.stringify(status));
    for (const t of ['error', 'stdout', 'stderr']) {
      const id = streams.get(t);
      if (id !== undefined) conn.finish(id);
    }
    conn.closeAfterWrites();
  }

  // The command runs from the upgrade on: what it writes before kubectl has opened its streams waits.
  const early: Array<['stdout' | 'stderr', string]> = [];
  let exit: Promise<object> | undefined;
  if (source.kind === 'exec') {
    stopOutput = source.session.onOutput((stream, text) => (started ? out(stream, text) : early.push([stream, text])));
    exit = source.session.exited.then(
      (code) => (source.kind === 'exec' && source.attach ? exitStatus(0, []) : exitStatus(code, opts.command)),
      (err: unknown) => ({ metadata: {}, status: 'Failure', message: err instanceof Error ? err.message : String(err), reason: 'InternalError', code: 500 }),
    );
  }

  function out(stream: 'stdout' | 'stderr', text: string): void {
    if (opts.tty) send('stdout', ttyOutput(text));
    else if (stream === 'stdout' && opts.stdout) send('stdout', text);
    else if (stream === 'stderr' && opts.stderr) send('stderr', text);
  }

  function start(): void {
    started = true;
    if (source.kind === 'failed') return end(source.status);
    if (source.kind === 'attach') {
      stopOutput = source.log.follow((line) => out(line.stream, `${line.text}\n`));
      void source.log.ended.then(() => end({ metadata: {}, status: 'Success' }));
      return;
    }
    for (const [stream, text] of early.splice(0)) out(stream, text);
    void exit!.then(end);
  }

  return conn;
}
