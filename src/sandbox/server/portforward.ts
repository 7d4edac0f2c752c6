// pods/portforward over the plain WebSocket protocol of the kubelet's streaming server
// (pkg/kubelet/cri/streaming/portforward/websocket.go, subprotocol v4.channel.k8s.io): two
// channels per requested port (2i data, 2i+1 error), each opened with the port number as two
// little-endian bytes. The bytes a client sends are HTTP requests to the pod (no container
// opens real sockets): they are parsed (http-bytes.ts) and answered by the runtime's http().
import type { WebSocket } from 'ws';
import { badRequest } from '../../apimachinery/errors.ts';
import { type ForwardTarget, forwardedConnection } from './http-bytes.ts';
import { frame } from './remotecommand.ts';

export const PORT_FORWARD_PROTOCOL_V4 = 'v4.channel.k8s.io';
export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
/** kubectl 1.31+ tunnels SPDY through a WebSocket offering `SPDY/3.1+portforward.k8s.io`. */
export const SPDY_TUNNEL_PREFIX = 'SPDY/3.1+';

export function choosePortForwardProtocol(offered: Iterable<string>): string | undefined {
  const list = [...offered];
  return list.find((p) => p.endsWith(`+${PORT_FORWARD_PROTOCOL}`)) ?? list.find((p) => p === PORT_FORWARD_PROTOCOL || p === PORT_FORWARD_PROTOCOL_V4);
}

/** `port` query parameters (repeated, or comma separated), each 1..65535. */
export function parsePortForwardPorts(q: URLSearchParams): number[] {
  const raw = [...q.getAll('port'), ...q.getAll('ports')].flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const ports: number[] = [];
  for (const r of raw) {
    const n = /^\d+$/.test(r) ? Number(r) : Number.NaN;
    if (!(n >= 1 && n <= 65535)) throw badRequest(`unable to parse "${r}" as a port: ${Number.isNaN(n) ? 'invalid syntax' : 'port out of range'}`);
    ports.push(n);
  }
  if (ports.length === 0) throw badRequest('at least one port must be specified');
  return ports;
}

export function portPrefix(port: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(port, 0);
  return b;
}

export interface PortForwardTarget extends ForwardTarget {
  ports: number[];
}

export function runPortForward(ws: WebSocket, target: PortForwardTarget): void {
  const send = (channel: number, data: Uint8Array) => {
    if (ws.readyState === ws.OPEN) ws.send(frame(channel, data));
  };
  const connections = target.ports.map((port, i) => {
    send(2 * i, portPrefix(port));
    send(2 * i + 1, portPrefix(port));
    return forwardedConnection(target, port, {
      data: (bytes) => send(2 * i, bytes),
      error: (message) => send(2 * i + 1, Buffer.from(message, 'utf8')),
      close: () => undefined,
    });
  });
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const msg = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    if (msg.length === 0) return;
    const ch = msg[0]!;
    const conn = connections[ch >> 1];
    if (conn && ch % 2 === 0) conn.receive(msg.subarray(1));
  });
  ws.on('close', () => connections.forEach((c) => c.close()));
}
