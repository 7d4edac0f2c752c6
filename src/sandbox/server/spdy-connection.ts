// The server end of a SPDY/3.1 connection (moby/spdystream as the kubelet uses it), over any byte
// transport: client streams are announced (SYN_STREAM, headers decompressed in order) and answered
// with SYN_REPLY, data frames are delivered per stream, pings are echoed, and frames this side
// writes leave in order (a SYN_REPLY, compressed asynchronously, before that stream's data).
import { controlFrame, dataFrame, FLAG_FIN, FrameType, HeaderCodec, readFrames, u32 } from './spdy.ts';

export interface ByteTransport {
  send(bytes: Buffer): void;
  close(): void;
}

export interface SpdyHandler {
  /** A client stream opened; `fin` when it carries no data (the client half-closed at once). */
  stream(streamId: number, headers: Record<string, string>, fin: boolean): void;
  data(streamId: number, data: Buffer, fin: boolean): void;
  /** The stream was reset or the connection ended. */
  reset(streamId: number | undefined): void;
}

export class SpdyConnection {
  private buf = Buffer.alloc(0);
  private readonly codec = new HeaderCodec();
  private out: Promise<unknown> = Promise.resolve();
  /** Streams whose headers are still being decompressed: their data waits. */
  private readonly early = new Map<number, Array<{ data: Buffer; fin: boolean }>>();
  private readonly known = new Set<number>();
  private ended = false;

  constructor(
    private readonly transport: ByteTransport,
    private readonly handler: SpdyHandler,
  ) {}

  private emit(frame: () => Buffer | Promise<Buffer>): void {
    this.out = this.out.then(async () => {
      if (this.ended) return;
      this.transport.send(await frame());
    });
  }

  receive(bytes: Buffer): void {
    if (this.ended) return;
    const { frames, rest } = readFrames(this.buf.length ? Buffer.concat([this.buf, bytes]) : bytes);
    this.buf = Buffer.from(rest);
    for (const f of frames) {
      if (!f.control) this.onData(f.streamId, f.data, (f.flags & FLAG_FIN) !== 0);
      else if (f.type === FrameType.synStream) this.onSynStream(f.flags, f.payload);
      else if (f.type === FrameType.ping) this.emit(() => controlFrame(FrameType.ping, 0, f.payload));
      else if (f.type === FrameType.rstStream) this.handler.reset(f.payload.readUInt32BE(0) & 0x7fffffff);
      else if (f.type === FrameType.goAway) this.close();
      // SETTINGS, WINDOW_UPDATE, HEADERS: nothing to do here.
    }
  }

  private onSynStream(flags: number, payload: Buffer): void {
    const streamId = payload.readUInt32BE(0) & 0x7fffffff;
    this.early.set(streamId, []);
    const headers = this.codec.decompress(payload.subarray(10));
    // The reply's header block is compressed in order with everything else this side sends.
    this.emit(async () => {
      await headers.catch(() => undefined);
      return controlFrame(FrameType.synReply, 0, Buffer.concat([u32(streamId), await this.codec.compress({})]));
    });
    void headers.then(
      (h) => {
        if (this.ended) return;
        this.known.add(streamId);
        this.handler.stream(streamId, h, (flags & FLAG_FIN) !== 0);
        for (const d of this.early.get(streamId) ?? []) this.handler.data(streamId, d.data, d.fin);
        this.early.delete(streamId);
      },
      () => this.emit(() => controlFrame(FrameType.rstStream, 0, u32(streamId, 1))),
    );
  }

  private onData(streamId: number, data: Buffer, fin: boolean): void {
    if (this.known.has(streamId)) this.handler.data(streamId, data, fin);
    else this.early.get(streamId)?.push({ data, fin });
  }

  send(streamId: number, data: Buffer): void {
    if (data.length) this.emit(() => dataFrame(streamId, 0, data));
  }

  /** Half-closes a stream from this side. */
  finish(streamId: number): void {
    this.emit(() => dataFrame(streamId, FLAG_FIN, Buffer.alloc(0)));
  }

  /** Ends the connection once everything queued so far has been written. */
  closeAfterWrites(): void {
    void this.out.then(() => this.close());
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.codec.close();
    this.handler.reset(undefined);
    this.transport.close();
  }
}
