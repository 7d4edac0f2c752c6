// One exec or attach session over an open WebSocket (remotecommand.ts framing): output of the
// session goes out on stdout/stderr, the client's stdin, resize and v5 CLOSE messages come in,
// and when the command ends the error channel carries its exit Status before a normal close.
// With a tty, keystrokes pass through the terminal's line discipline (tty-line-discipline.ts).
// Attach follows the container's output from now on (its standard input is not simulated).
import { StringDecoder } from 'node:string_decoder';
import type { WebSocket } from 'ws';
import type { ContainerLog, ExecSession } from '../node/runtime.ts';
import { TtyLineDiscipline } from './tty-line-discipline.ts';
import { Channel, decodeClientMessage, exitStatus, frame, type StreamOptions, ttyOutput } from './remotecommand.ts';

export type SessionSource = { kind: 'exec'; session: ExecSession; /** an attach: the container's exit is not an error */ attach?: boolean } | { kind: 'attach'; log: ContainerLog } | { kind: 'failed'; status: object };

export function runExecSession(ws: WebSocket, source: SessionSource, opts: StreamOptions): void {
  const send = (channel: number, data: string) => {
    if (ws.readyState === ws.OPEN) ws.send(frame(channel, data));
  };
  // The kubelet announces the connection with an empty message on the lowest writable channel.
  send(opts.stdout ? Channel.stdout : opts.stderr ? Channel.stderr : Channel.error, '');
  const out = (stream: 'stdout' | 'stderr', text: string) => {
    if (opts.tty) send(Channel.stdout, ttyOutput(text));
    else if (stream === 'stdout' && opts.stdout) send(Channel.stdout, text);
    else if (stream === 'stderr' && opts.stderr) send(Channel.stderr, text);
  };
  let finished = false;
  const end = (status: object | undefined) => {
    if (finished) return;
    finished = true;
    if (status) send(Channel.error, JSON.stringify(status));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };

  if (source.kind === 'failed') return end(source.status);

  if (source.kind === 'attach') {
    const stop = source.log.follow((line) => out(line.stream, `${line.text}\n`));
    void source.log.ended.then(() => {
      stop();
      end({ metadata: {}, status: 'Success' });
    });
    ws.on('close', () => {
      stop();
      finished = true;
    });
    return;
  }

  const { session } = source;
  const stopOutput = session.onOutput(out);
  const stdin = new StringDecoder('utf8');
  const tty = opts.tty ? new TtyLineDiscipline() : undefined;
  ws.on('message', (data, isBinary) => {
    if (!isBinary || finished) return;
    const msg = decodeClientMessage(Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]));
    if (msg.kind === 'stdin' && opts.stdin) {
      const text = stdin.write(msg.data);
      if (!text) return;
      if (!tty) return session.write(text);
      const actions = tty.keys(text);
      if (actions.echo) send(Channel.stdout, actions.echo);
      for (const line of actions.input) session.write(line);
      if (actions.eof) session.closeStdin();
    } else if (msg.kind === 'close' && msg.channel === Channel.stdin) {
      const rest = stdin.end();
      if (rest) session.write(rest);
      session.closeStdin();
    } else if (msg.kind === 'resize') session.resize?.(msg.cols, msg.rows);
  });
  ws.on('close', () => {
    stopOutput();
    if (!finished) {
      finished = true;
      session.kill();
    }
  });
  void session.exited.then(
    (code) => {
      stopOutput();
      end(source.attach ? exitStatus(0, []) : exitStatus(code, opts.command));
    },
    (err: unknown) => end({ metadata: {}, status: 'Failure', message: err instanceof Error ? err.message : String(err), reason: 'InternalError', code: 500 }),
  );
}
