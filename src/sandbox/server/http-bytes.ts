// A forwarded TCP connection to a pod port, as bytes: no container opens sockets, so the bytes a
// port-forward client sends are read as HTTP/1.x requests, answered by the runtime's http() and
// written back as HTTP responses. A port nobody listens on fails the connection with the
// kubelet's port-forward error; a port that does not speak HTTP closes without a byte.
import type { IncomingHttpRequest } from '../node/images/process/types.ts';
import type { PodRuntime } from '../node/runtime.ts';
import type { HttpResponse } from '../node/shell/types.ts';

export interface ParsedRequest {
  request: Omit<IncomingHttpRequest, 'port' | 'clientIp'>;
  /** Bytes consumed from the buffer. */
  length: number;
  keepAlive: boolean;
}

/** The first complete request in `buf`, or undefined when more bytes are needed. */
export function parseHttpRequest(buf: Buffer): ParsedRequest | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const [method = 'GET', path = '/', version = 'HTTP/1.1'] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const bodyLength = Number(headers['content-length'] ?? 0) || 0;
  if (buf.length < end + 4 + bodyLength) return undefined;
  const body = bodyLength ? buf.subarray(end + 4, end + 4 + bodyLength).toString('utf8') : undefined;
  const conn = (headers.connection ?? '').toLowerCase();
  const keepAlive = version === 'HTTP/1.0' ? conn === 'keep-alive' : conn !== 'close';
  return { request: { method, path, headers, body }, length: end + 4 + bodyLength, keepAlive };
}

export function serializeHttpResponse(res: HttpResponse, keepAlive: boolean): Buffer {
  const body = Buffer.from(res.body, 'utf8');
  const lines = [`HTTP/1.1 ${res.status} ${res.statusText}`];
  for (const [k, v] of Object.entries(res.headers)) {
    const lk = k.toLowerCase();
    if (lk === 'content-length' || lk === 'connection' || lk === 'transfer-encoding') continue;
    lines.push(`${k}: ${v}`);
  }
  lines.push(`Content-Length: ${body.length}`);
  if (!keepAlive) lines.push('Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** Where forwarded bytes go: the pod's IP, and its sandbox as the container runtime names it. */
export interface ForwardTarget {
  runtime: PodRuntime;
  podIP: string;
  /** The pod sandbox id (64 hex) and its network namespace (`cni-…`), for error messages. */
  sandboxId: string;
  netns: string;
}

/** The kubelet's (containerd's) answer when nothing listens on the forwarded port. */
export function portForwardRefused(port: number, target: Pick<ForwardTarget, 'sandboxId' | 'netns'>): string {
  return (
    `error forwarding port ${port} to pod ${target.sandboxId}, uid : failed to execute portforward in network namespace "/var/run/netns/${target.netns}": ` +
    `failed to connect to localhost:${port} inside namespace "${target.sandboxId}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}

export interface ConnectionSink {
  data(bytes: Buffer): void;
  /** A message on the port's error stream (the connection then ends). */
  error(message: string): void;
  close(): void;
}

export interface ForwardedConnection {
  receive(bytes: Buffer): void;
  /** The client sends nothing more: close once what it sent is answered. */
  end(): void;
  close(): void;
}

export function forwardedConnection(target: ForwardTarget, port: number, sink: ConnectionSink): ForwardedConnection {
  const { runtime, podIP } = target;
  let buf = Buffer.alloc(0);
  let closed = false;
  let busy = false;
  let ending = false;
  const close = () => {
    if (closed) return;
    closed = true;
    sink.close();
  };
  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        if (closed) return;
        const parsed = parseHttpRequest(buf);
        if (!parsed) {
          if (ending) close();
          return;
        }
        buf = buf.subarray(parsed.length);
        const answer = await runtime.http(podIP, { ...parsed.request, port, clientIp: '127.0.0.1' });
        if ('kind' in answer) {
          if (answer.kind === 'refused') sink.error(portForwardRefused(port, target));
          // not-http and timeouts: the connection ends without an answer.
          close();
          return;
        }
        sink.data(serializeHttpResponse(answer, parsed.keepAlive));
        if (!parsed.keepAlive) {
          close();
          return;
        }
      }
    } finally {
      busy = false;
    }
  };
  return {
    receive(bytes) {
      if (closed) return;
      if (buf.length === 0 && runtime.connect(podIP, port) !== true) {
        sink.error(portForwardRefused(port, target));
        close();
        return;
      }
      buf = Buffer.concat([buf, bytes]);
      void pump();
    },
    end() {
      ending = true;
      if (!busy) void pump();
    },
    close,
  };
}
