// Upgraded connections: the HTTP server's 'upgrade' requests for pods/exec, pods/attach and
// pods/portforward. The request is admitted as any other (routing, authentication, RBAC with
// `create`), the pod and container are checked as upstream's streamLocation does, then the
// stream protocol the client asked for runs: WebSocket v5/v4 channels (exec-websocket.ts,
// portforward.ts), SPDY tunnelled in a WebSocket (kubectl 1.31+ port-forward) or SPDY/3.1 on the
// upgraded socket (older kubectl, or kubectl's fallback). Refusals go back as plain HTTP answers
// on the raw socket: a Status from the API server's own checks, plain text from the kubelet side,
// as a real cluster's upgrade proxy passes the kubelet's answer through; kubectl's SPDY fallback
// then prints `unable to upgrade connection: container crash is not running`.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { badRequest, internalError, isStatusError, pageNotFound } from '../../apimachinery/errors.ts';
import type { Sandbox } from '../sandbox.ts';
import { admitRequest } from './http-server.ts';
import { chooseContainer, getPod, isRefusal, kubeletUnreachable, type Pod, podRuntime } from './pod-connect.ts';
import type { PodRuntime } from '../node/runtime.ts';
import { createHash } from 'node:crypto';
import { runExecSession, type SessionSource } from './exec-websocket.ts';
import { choosePortForwardProtocol, parsePortForwardPorts, PORT_FORWARD_PROTOCOL, runPortForward, SPDY_TUNNEL_PREFIX } from './portforward.ts';
import { SpdyPortForwardSession } from './spdy-portforward.ts';
import { chooseSpdyProtocol, runSpdyExec, SPDY_REMOTECOMMAND_PROTOCOLS } from './spdy-exec.ts';
import type { ForwardTarget } from './http-bytes.ts';
import { chooseProtocol, parseStreamOptions } from './remotecommand.ts';

/** A refusal the kubelet side words: plain text, passed through by the API server's proxy. */
class KubeletRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const openSockets = new WeakMap<Server, Set<Duplex>>();

function writeRaw(socket: Duplex, status: number, contentType: string, body: string): void {
  if (socket.destroyed) return;
  const bytes = Buffer.from(body, 'utf8');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: ${contentType}\r\nCache-Control: no-cache, private\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${bytes.toString('utf8')}`,
  );
}

function reject(socket: Duplex, err: unknown): void {
  if (err instanceof KubeletRefusal) return writeRaw(socket, err.status, 'text/plain; charset=utf-8', err.message);
  const e = isStatusError(err) ? err : internalError(err instanceof Error ? err.message : String(err));
  if (!isStatusError(err)) console.error('kubecamp sandbox: internal error:', err);
  writeRaw(socket, e.code, 'application/json', JSON.stringify(e.toStatus()));
}

function isWebSocket(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

const SPDY_TUNNEL_ALIAS = 'SPDY_3.1+';

function isSpdy(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1';
}

function offersSpdyTunnel(req: IncomingMessage): boolean {
  return String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .some((p) => p.trim().startsWith(SPDY_TUNNEL_PREFIX));
}

/** The pod as port-forward reaches it; sandbox and netns names derive from its uid. */
function forwardTarget(runtime: PodRuntime, pod: Pod): ForwardTarget {
  const uid = pod.metadata.uid ?? pod.metadata.name;
  const sandboxId = createHash('sha256').update(`sandbox:${uid}`).digest('hex');
  const h = createHash('sha256').update(`netns:${uid}`).digest('hex');
  return { runtime, podIP: pod.status?.podIP ?? '', sandboxId, netns: `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}` };
}

function serveSpdyOverWebSocket(ws: WebSocket, target: ForwardTarget): void {
  const session = new SpdyPortForwardSession({ send: (b) => ws.readyState === ws.OPEN && ws.send(b), close: () => ws.close(1000) }, target);
  ws.on('message', (data, isBinary) => {
    if (isBinary) session.receive(Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]));
  });
  ws.on('close', () => session.close());
}

/** The 'upgrade' listener for the sandbox's HTTP server. */
export function createUpgradeListener(sandbox: Sandbox, server: Server): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => chooseProtocol(offered) ?? choosePortForwardProtocol(offered) ?? false });
  wss.on('headers', (headers) => {
    for (let i = 0; i < headers.length; i++) headers[i] = headers[i]!.replace(`Sec-WebSocket-Protocol: ${SPDY_TUNNEL_ALIAS}`, `Sec-WebSocket-Protocol: ${SPDY_TUNNEL_PREFIX}`);
  });
  const sockets = new Set<Duplex>();
  openSockets.set(server, sockets);
  return (req, socket, head) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serve(sandbox, wss, req, socket, head).catch((err) => reject(socket, err));
  };
}

/** Ends every upgraded connection of the server (on sandbox stop). */
export function closeUpgradedConnections(server: Server): void {
  for (const s of openSockets.get(server) ?? []) s.destroy();
}

async function serve(sandbox: Sandbox, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const { cluster, info } = await admitRequest(sandbox, req, url);
  if (!info.isResourceRequest || info.apiGroup !== '' || info.resource !== 'pods' || !info.name || !info.namespace) throw pageNotFound();
  const kind = info.subresource;
  if (kind !== 'exec' && kind !== 'attach' && kind !== 'portforward') throw badRequest(`upgrade is not supported for ${info.subresource ? `pods/${info.subresource}` : 'pods'}`);
  const { namespace, name } = info;
  const pod = getPod(cluster, namespace, name);
  const websocket = isWebSocket(req);

  if (kind === 'portforward') {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
    const runtime = podRuntime(cluster);
    if (!runtime) throw kubeletUnreachable(cluster, nodeName, '', 'upgrade');
    const target = forwardTarget(runtime, pod);
    if (websocket) {
      // kubectl tunnels SPDY through the WebSocket; other clients speak the channel protocol.
      const tunnel = offersSpdyTunnel(req);
      const ports = tunnel ? [] : parsePortForwardPorts(url.searchParams);
      // `SPDY/3.1+portforward.k8s.io` is not an RFC 7230 token, which the WebSocket library
      // insists on: it negotiates an alias, and the 'headers' hook answers with the real name.
      if (tunnel) req.headers['sec-websocket-protocol'] = String(req.headers['sec-websocket-protocol']).replaceAll(SPDY_TUNNEL_PREFIX, SPDY_TUNNEL_ALIAS);
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (ws.protocol.startsWith(SPDY_TUNNEL_ALIAS)) serveSpdyOverWebSocket(ws, target);
        else runPortForward(ws, { ...target, ports });
      });
      return;
    }
    if (!isSpdy(req)) throw badRequest('Upgrade request required');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`,
    );
    const session = new SpdyPortForwardSession({ send: (b) => socket.write(b), close: () => socket.end() }, target);
    socket.on('data', (b: Buffer) => session.receive(b));
    socket.on('close', () => session.close());
    if (head.length) session.receive(head);
    return;
  }

  const opts = parseStreamOptions(url.searchParams, kind);
  const container = chooseContainer(pod, opts.container, 'exec');
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  const runtime = podRuntime(cluster);
  if (!runtime) throw kubeletUnreachable(cluster, nodeName, '', 'upgrade');

  let source: SessionSource;
  if (kind === 'exec') {
    const session = runtime.exec(namespace, name, container, opts.command, { stdin: opts.stdin, tty: opts.tty });
    // The runtime failing to start the command (no such executable) is known only once the
    // stream is up: the kubelet reports it on the error channel (`Internal error occurred: …`).
    if (isRefusal(session) && session.reason === 'InternalError' && (websocket || isSpdy(req))) source = { kind: 'failed', status: internalError(session.message).toStatus() };
    else if (isRefusal(session)) throw new KubeletRefusal(session.status, session.message);
    else source = { kind: 'exec', session };
  } else if (runtime.attach) {
    const session = runtime.attach(namespace, name, container, { stdin: opts.stdin, tty: opts.tty });
    if (isRefusal(session)) throw new KubeletRefusal(session.status, session.message);
    source = { kind: 'exec', session, attach: true };
  } else {
    const log = runtime.logs(namespace, name, container, {});
    if (isRefusal(log)) throw new KubeletRefusal(log.status, log.message);
    if (log.finished()) throw new KubeletRefusal(500, `container ${container} not found in pod ${name}_${namespace}`);
    source = { kind: 'attach', log };
  }
  if (websocket) {
    wss.handleUpgrade(req, socket, head, (ws) => runExecSession(ws, source, opts));
    return;
  }
  const protocol = isSpdy(req) ? chooseSpdyProtocol(streamProtocols(req)) : undefined;
  if (!protocol) {
    if (source.kind === 'exec') source.session.kill();
    if (!isSpdy(req)) throw badRequest('Upgrade request required');
    throw new KubeletRefusal(403, `unable to upgrade: unable to negotiate protocol: client supports [${streamProtocols(req).join(' ')}], server accepts [${SPDY_REMOTECOMMAND_PROTOCOLS.join(' ')}]`);
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
  const conn = runSpdyExec({ send: (b) => socket.write(b), close: () => socket.end() }, source, opts);
  socket.on('data', (b: Buffer) => conn.receive(b));
  socket.on('close', () => conn.close());
  if (head.length) conn.receive(head);
}

/** The X-Stream-Protocol-Version values a SPDY client offers (repeated or comma separated). */
function streamProtocols(req: IncomingMessage): string[] {
  return (req.headersDistinct['x-stream-protocol-version'] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
