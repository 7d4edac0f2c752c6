import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodRuntime } from '../node/runtime.ts';
import { controlFrame, dataFrame, FLAG_FIN, type Frame, FrameType, HeaderCodec, readFrames, SPDY3_DICTIONARY, u32 } from './spdy.ts';
import { SpdyPortForwardSession } from './spdy-portforward.ts';

describe('SPDY/3.1 framing', () => {
  it('has the 1423-byte SPDY/3 header dictionary', () => {
    assert.equal(SPDY3_DICTIONARY.length, 1423);
    assert.deepEqual([...SPDY3_DICTIONARY.subarray(0, 11)], [0, 0, 0, 7, ...Buffer.from('options')]);
    assert.equal(SPDY3_DICTIONARY.subarray(-6).toString(), 'enq=0.');
  });

  it('splits frames off a byte stream, keeping a partial frame for later', () => {
    const bytes = Buffer.concat([controlFrame(FrameType.ping, 0, u32(1)), dataFrame(3, FLAG_FIN, Buffer.from('hi'))]);
    const first = readFrames(bytes.subarray(0, 15));
    assert.deepEqual(first.frames, [{ control: true, type: FrameType.ping, flags: 0, payload: u32(1) }]);
    const second = readFrames(Buffer.concat([first.rest, bytes.subarray(15)]));
    assert.deepEqual(second.frames, [{ control: false, streamId: 3, flags: FLAG_FIN, data: Buffer.from('hi') }]);
    assert.equal(second.rest.length, 0);
  });

  it('compresses header blocks in one context per direction', async () => {
    const client = new HeaderCodec();
    const server = new HeaderCodec();
    const a = await client.compress({ streamType: 'error', port: '80', requestID: '0' });
    const b = await client.compress({ streamType: 'data', port: '80', requestID: '0' });
    assert.deepEqual(await server.decompress(a), { streamtype: 'error', port: '80', requestid: '0' });
    assert.deepEqual(await server.decompress(b), { streamtype: 'data', port: '80', requestid: '0' });
    client.close();
    server.close();
  });
});

describe('SpdyPortForwardSession', () => {
  const runtime = {
    connect: (_ip: string, port: number) => (port === 80 ? true : { kind: 'refused', host: '10.244.1.5', port }),
    http: async (_ip: string, req: { path: string }) => ({ status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/plain' }, body: `hello from ${req.path}` }),
  } as unknown as PodRuntime;
  const target = { runtime, podIP: '10.244.1.5', sandboxId: 'f00d', netns: 'cni-1' };

  /** Plays kubectl: opens the error and data streams of one connection and sends `request`. */
  async function forward(port: number, request: string): Promise<Frame[]> {
    const received: Buffer[] = [];
    let closed = false;
    const session = new SpdyPortForwardSession({ send: (b) => received.push(b), close: () => (closed = true) }, target);
    const client = new HeaderCodec();
    const syn = async (id: number, type: string) =>
      controlFrame(FrameType.synStream, 0, Buffer.concat([u32(id, 0), Buffer.from([0, 0]), await client.compress({ streamType: type, port: String(port), requestID: '0' })]));
    session.receive(await syn(1, 'error'));
    session.receive(dataFrame(1, FLAG_FIN, Buffer.alloc(0)));
    session.receive(await syn(3, 'data'));
    session.receive(dataFrame(3, FLAG_FIN, Buffer.from(request)));
    // Header compression runs on zlib's thread pool: wait (bounded) until both streams have ended.
    const ended = () => readFrames(Buffer.concat(received)).frames.filter((f) => !f.control && f.flags & FLAG_FIN).length >= 2;
    for (let i = 0; i < 200 && !ended(); i++) await new Promise((r) => setTimeout(r, 5));
    session.close();
    client.close();
    assert.equal(closed, true);
    return readFrames(Buffer.concat(received)).frames;
  }

  it('answers each stream, carries the HTTP exchange and ends both streams', async () => {
    const frames = await forward(80, 'GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const replies = frames.filter((f) => f.control && f.type === FrameType.synReply).map((f) => (f.control ? f.payload.readUInt32BE(0) : 0));
    assert.deepEqual(replies, [1, 3]);
    const data = frames.filter((f): f is Extract<Frame, { control: false }> => !f.control);
    assert.equal(Buffer.concat(data.filter((f) => f.streamId === 3).map((f) => f.data)).toString(), 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nhello from /x');
    assert.deepEqual(data.filter((f) => f.flags & FLAG_FIN).map((f) => f.streamId).sort(), [1, 3]);
  });

  it('writes the refusal on the error stream when nothing listens', async () => {
    const frames = await forward(8080, 'GET / HTTP/1.1\r\n\r\n');
    const errors = frames.filter((f): f is Extract<Frame, { control: false }> => !f.control && f.streamId === 1);
    assert.match(Buffer.concat(errors.map((f) => f.data)).toString(), /^error forwarding port 8080 to pod f00d, uid : .*connect: connection refused/);
  });
});
