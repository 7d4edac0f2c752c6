import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodRuntime } from '../node/runtime.ts';
import { forwardedConnection, parseHttpRequest, serializeHttpResponse } from './http-bytes.ts';

describe('parseHttpRequest', () => {
  it('waits for a whole request, body included', () => {
    assert.equal(parseHttpRequest(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n')), undefined);
    const post = 'POST /api HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel';
    assert.equal(parseHttpRequest(Buffer.from(post)), undefined);
    const parsed = parseHttpRequest(Buffer.from(`${post}loGET`))!;
    assert.deepEqual(parsed.request, { method: 'POST', path: '/api', headers: { 'content-length': '5' }, body: 'hello' });
    assert.equal(parsed.length, post.length + 2);
    assert.equal(parsed.keepAlive, true);
    assert.equal(parseHttpRequest(Buffer.from('GET / HTTP/1.1\r\nConnection: close\r\n\r\n'))!.keepAlive, false);
    assert.equal(parseHttpRequest(Buffer.from('GET / HTTP/1.0\r\n\r\n'))!.keepAlive, false);
  });
});

describe('serializeHttpResponse', () => {
  it('writes the status line, headers and an exact Content-Length', () => {
    const out = serializeHttpResponse({ status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/plain', 'Content-Length': '999' }, body: 'héllo' }, false).toString();
    assert.equal(out, 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhéllo');
  });
});

describe('forwardedConnection', () => {
  const runtimeOnly = {
    connect: (_ip: string, port: number) => (port === 80 ? true : { kind: 'refused', host: '10.244.1.5', port }),
    http: async (_ip: string, req: { path: string }) => ({ status: 200, statusText: 'OK', headers: {}, body: `you asked ${req.path}` }),
  } as unknown as PodRuntime;
  const target = { runtime: runtimeOnly, podIP: '10.244.1.5', sandboxId: 'ab12', netns: 'cni-1234' };

  it('answers each request on the connection in order', async () => {
    const out: string[] = [];
    const c = forwardedConnection(target, 80, { data: (b) => out.push(b.toString()), error: (m) => out.push(`error: ${m}`), close: () => out.push('closed') });
    c.receive(Buffer.from('GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n'));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(out, [
      'HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nyou asked /a',
      'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\nyou asked /b',
      'closed',
    ].map((s) => s.replace('Content-Length: 11', 'Content-Length: 12')));
  });

  it('fails a port nobody listens on with the kubelet error', () => {
    const out: string[] = [];
    const c = forwardedConnection(target, 8080, { data: () => out.push('data'), error: (m) => out.push(m), close: () => out.push('closed') });
    c.receive(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    assert.deepEqual(out, [
      'error forwarding port 8080 to pod ab12, uid : failed to execute portforward in network namespace "/var/run/netns/cni-1234": failed to connect to localhost:8080 inside namespace "ab12", IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused IPv6 dial tcp6 [::1]:8080: connect: connection refused ',
      'closed',
    ]);
  });
});
