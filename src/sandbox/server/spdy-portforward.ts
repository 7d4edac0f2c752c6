// The server side of `kubectl port-forward` (portforward.k8s.io over SPDY/3.1, as the kubelet's
// pkg/kubelet/cri/streaming/portforward/httpstream.go): for each local connection kubectl opens an
// error stream and a data stream carrying `streamtype`, `port` and `requestid` headers. Each pair
// becomes one forwarded connection (http-bytes.ts); a refusal is written on the error stream,
// which kubectl prints as `an error occurred forwarding 8080 -> 80: …`. Frames travel over any
// byte transport: WebSocket binary messages (SPDY tunnelled) or an upgraded socket.
import { type ForwardTarget, forwardedConnection, type ForwardedConnection } from './http-bytes.ts';
import { type ByteTransport, SpdyConnection } from './spdy-connection.ts';

export type { ByteTransport } from './spdy-connection.ts';

interface Pair {
  port: number;
  errorStream?: number;
  dataStream?: number;
  conn?: ForwardedConnection;
  closed: boolean;
}

/** One SPDY port-forward connection; feed it the client's bytes with `receive`. */
export class SpdyPortForwardSession {
  private readonly spdy: SpdyConnection;
  private readonly pairs = new Map<string, Pair>();
  private readonly byStream = new Map<number, Pair>();

  constructor(
    transport: ByteTransport,
    private readonly target: ForwardTarget,
  ) {
    this.spdy = new SpdyConnection(transport, {
      stream: (id, headers, fin) => this.onStream(id, headers, fin),
      data: (id, data, fin) => this.onData(id, data, fin),
      reset: (id) => {
        if (id === undefined) for (const p of this.pairs.values()) p.conn?.close();
        else this.closePair(this.byStream.get(id), false);
      },
    });
  }

  receive(bytes: Buffer): void {
    this.spdy.receive(bytes);
  }

  close(): void {
    this.spdy.close();
  }

  private onStream(streamId: number, h: Record<string, string>, fin: boolean): void {
    const port = Number(h.port);
    const key = `${h.requestid ?? ''}/${port}`;
    let pair = this.pairs.get(key);
    if (!pair) this.pairs.set(key, (pair = { port, closed: false }));
    this.byStream.set(streamId, pair);
    if (h.streamtype === 'error') pair.errorStream = streamId;
    else if (h.streamtype === 'data') {
      pair.dataStream = streamId;
      this.open(pair);
      if (fin) this.closePair(pair, true);
    }
  }

  private open(pair: Pair): void {
    const dataStream = pair.dataStream!;
    pair.conn = forwardedConnection(this.target, pair.port, {
      data: (bytes) => this.spdy.send(dataStream, bytes),
      error: (message) => {
        if (pair.errorStream !== undefined) this.spdy.send(pair.errorStream, Buffer.from(message, 'utf8'));
      },
      close: () => this.closePair(pair, true),
    });
  }

  private onData(streamId: number, data: Buffer, fin: boolean): void {
    const pair = this.byStream.get(streamId);
    if (!pair || pair.closed || streamId !== pair.dataStream) return;
    if (data.length) pair.conn?.receive(data);
    // The client half-closes when its local connection ends: answers still in flight are
    // written, then both streams end.
    if (fin) pair.conn?.end();
  }

  /** Ends a forwarded connection: FIN on its data and error streams (so kubectl finishes it). */
  private closePair(pair: Pair | undefined, fin: boolean): void {
    if (!pair || pair.closed) return;
    pair.closed = true;
    pair.conn?.close();
    if (!fin) return;
    for (const s of [pair.dataStream, pair.errorStream]) if (s !== undefined) this.spdy.finish(s);
  }
}
