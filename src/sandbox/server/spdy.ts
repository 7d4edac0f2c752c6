// SPDY/3.1 framing, as much as the server side of a kubectl port-forward needs (kubectl 1.32
// tunnels SPDY through a WebSocket, `SPDY/3.1+portforward.k8s.io`, or upgrades to SPDY/3.1
// directly): control frames (SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY,
// WINDOW_UPDATE), data frames, and name/value header blocks compressed by one zlib context per
// direction primed with the SPDY/3 dictionary (draft-mbelshe-httpbis-spdy-00 §2.6.10.1).
import { constants as zc, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';

export const SPDY_VERSION = 3;

export const FrameType = {
  synStream: 1,
  synReply: 2,
  rstStream: 3,
  settings: 4,
  ping: 6,
  goAway: 7,
  headers: 8,
  windowUpdate: 9,
} as const;

export const FLAG_FIN = 0x01;

const DICTIONARY_NAMES = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICTIONARY_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505203 Non-Authoritative Information' +
  '204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error' +
  '501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,' +
  'publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

/** The SPDY/3 header compression dictionary (1423 bytes): length-prefixed names, then a tail. */
export const SPDY3_DICTIONARY: Buffer = Buffer.concat([
  ...DICTIONARY_NAMES.map((n) => {
    const b = Buffer.alloc(4 + n.length);
    b.writeUInt32BE(n.length, 0);
    b.write(n, 4, 'latin1');
    return b;
  }),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);

export type Frame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; data: Buffer };

/** Splits complete frames off the front of `buf`; returns them and the unconsumed rest. */
export function readFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let off = 0;
  while (buf.length - off >= 8) {
    const length = buf.readUIntBE(off + 5, 3);
    if (buf.length - off < 8 + length) break;
    const flags = buf[off + 4]!;
    const body = buf.subarray(off + 8, off + 8 + length);
    if (buf[off]! & 0x80) frames.push({ control: true, type: buf.readUInt16BE(off + 2), flags, payload: body });
    else frames.push({ control: false, streamId: buf.readUInt32BE(off) & 0x7fffffff, flags, data: body });
    off += 8 + length;
  }
  return { frames, rest: buf.subarray(off) };
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head[4] = flags;
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head[4] = flags;
  head.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([head, data]);
}

export function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

/** An uncompressed name/value block: count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [u32(Object.keys(headers).length)];
  for (const [k, v] of Object.entries(headers)) {
    const name = Buffer.from(k.toLowerCase(), 'utf8');
    const value = Buffer.from(v, 'utf8');
    parts.push(u32(name.length), name, u32(value.length), value);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let off = 4;
  const count = block.readUInt32BE(0);
  for (let i = 0; i < count; i++) {
    const nl = block.readUInt32BE(off);
    const name = block.subarray(off + 4, off + 4 + nl).toString('utf8');
    off += 4 + nl;
    const vl = block.readUInt32BE(off);
    out[name.toLowerCase()] = block.subarray(off + 4, off + 4 + vl).toString('utf8');
    off += 4 + vl;
  }
  return out;
}

/** Runs `input` through a persistent zlib stream and returns what one sync flush yields. */
function flushThrough(stream: Deflate | Inflate, chunks: Buffer[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => reject(e);
    stream.once('error', fail);
    stream.write(input);
    stream.flush(zc.Z_SYNC_FLUSH, () => {
      stream.off('error', fail);
      resolve(Buffer.concat(chunks.splice(0)));
    });
  });
}

/**
 * The header compression of one connection: one deflate context for what this side sends, one
 * inflate context for what it receives, each continuous across frames. Calls are serialised.
 */
export class HeaderCodec {
  private readonly deflate = createDeflate({ dictionary: SPDY3_DICTIONARY });
  private readonly inflate = createInflate({ dictionary: SPDY3_DICTIONARY });
  private readonly deflated: Buffer[] = [];
  private readonly inflated: Buffer[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.deflate.on('data', (c: Buffer) => this.deflated.push(c));
    this.inflate.on('data', (c: Buffer) => this.inflated.push(c));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  compress(headers: Record<string, string>): Promise<Buffer> {
    return this.serial(() => flushThrough(this.deflate, this.deflated, encodeHeaderBlock(headers)));
  }

  decompress(block: Buffer): Promise<Record<string, string>> {
    return this.serial(async () => decodeHeaderBlock(await flushThrough(this.inflate, this.inflated, block)));
  }

  close(): void {
    this.deflate.destroy();
    this.inflate.destroy();
  }
}
