// Running one probe or lifecycle handler against a container, with the kubelet's result texts
// (upstream pkg/probe/http, pkg/probe/tcp, pkg/probe/exec, pkg/probe/grpc and Go's net/http
// errors): `HTTP probe failed with statuscode: 503`, `Get "http://10.244.1.5:8080/healthz": dial
// tcp 10.244.1.5:8080: connect: connection refused`, an exec probe's output.
import type * as core from '../../../generated/k8s/core/v1.ts';
import type { IncomingHttpRequest, NotHttp } from '../images/process/types.ts';
import type { HttpResponse, NetworkFailure } from '../shell/types.ts';
import type { ProbeResult } from './probe-worker.ts';

/** What a probe can reach of the pod: its IP, its containers' ports, exec in the probed container. */
export interface ProbeTarget {
  podIP: string;
  nodeIP: string;
  http(req: IncomingHttpRequest): Promise<HttpResponse | NetworkFailure | NotHttp>;
  listening(port: number): boolean;
  exec(argv: string[], timeoutMs: number): Promise<{ code: number; output: string } | { timedOut: true } | { error: string }>;
  sleep(ms: number): Promise<void>;
}

export interface ProbeOutcome {
  result: ProbeResult;
  /** The failure text the Unhealthy event carries. */
  output: string;
}

/** A named port (`http`) → its number from the container's ports. */
export function resolvePort(port: number | string | undefined, container: core.Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function withTimeout<T>(p: Promise<T>, ms: number, sleep: (ms: number) => Promise<void>): Promise<T | 'timeout'> {
  return Promise.race([p, sleep(ms).then(() => 'timeout' as const)]);
}

export async function httpGet(action: core.HTTPGetAction, container: core.Container, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(action.port, container) ?? 0;
  const host = action.host || target.podIP;
  const scheme = (action.scheme ?? 'HTTP').toLowerCase();
  let path = action.path ?? '/';
  if (!path.startsWith('/')) path = `/${path}`;
  const url = `${scheme}://${host}:${port}${path}`;
  const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.36', Accept: '*/*' };
  for (const h of action.httpHeaders ?? []) headers[h.name] = h.value;
  const answer = await withTimeout(target.http({ method: 'GET', path, port, headers, clientIp: target.nodeIP }), timeoutMs, target.sleep);
  if (answer === 'timeout' || ('kind' in answer && answer.kind === 'timeout')) {
    return { result: 'failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
  }
  if ('kind' in answer) {
    if (answer.kind === 'not-http') return { result: 'failure', output: `Get "${url}": EOF` };
    if (answer.kind === 'unresolved') return { result: 'failure', output: `Get "${url}": dial tcp: lookup ${answer.host}: no such host` };
    return { result: 'failure', output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (scheme === 'https') return { result: 'failure', output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
  if (answer.status >= 200 && answer.status < 400) return { result: 'success', output: '' };
  return { result: 'failure', output: `HTTP probe failed with statuscode: ${answer.status}` };
}

export function tcpSocket(action: core.TCPSocketAction, container: core.Container, target: ProbeTarget): ProbeOutcome {
  const port = resolvePort(action.port, container) ?? 0;
  const host = action.host || target.podIP;
  if (target.listening(port)) return { result: 'success', output: '' };
  return { result: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
}

export async function execAction(command: string[], target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const r = await target.exec(command, timeoutMs);
  if ('timedOut' in r) return { result: 'failure', output: `command ${JSON.stringify(command.join(' '))} timed out` };
  if ('error' in r) return { result: 'failure', output: r.error };
  return { result: r.code === 0 ? 'success' : 'failure', output: r.output };
}

export function grpc(action: core.GRPCAction, target: ProbeTarget, timeoutMs: number): ProbeOutcome {
  if (target.listening(action.port)) return { result: 'success', output: '' };
  return { result: 'failure', output: `timeout: failed to connect service "${target.podIP}:${action.port}" within ${timeoutMs / 1000}s` };
}

/** Runs a probe (or a lifecycle handler, which has the same actions). */
export async function runProbe(probe: core.Probe | core.LifecycleHandler, container: core.Container, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  if (probe.httpGet) return httpGet(probe.httpGet, container, target, timeoutMs);
  if (probe.tcpSocket) return tcpSocket(probe.tcpSocket, container, target);
  if (probe.exec) return execAction(probe.exec.command ?? [], target, timeoutMs);
  if ('grpc' in probe && probe.grpc) return grpc(probe.grpc, target, timeoutMs);
  if ('sleep' in probe && probe.sleep) {
    await target.sleep(probe.sleep.seconds * 1000);
    return { result: 'success', output: '' };
  }
  return { result: 'success', output: '' };
}

/**
 * Runs a lifecycle hook (postStart, preStop) and words its failure as the kubelet's handler
 * runner does: `Exec lifecycle hook ([sh -c exit 1]) for Container "c" in Pod "p_ns(uid)" failed -
 * error: command 'sh -c exit 1' exited with 1: , message: ""`.
 */
export async function runHook(handler: core.LifecycleHandler, container: core.Container, podName: string, target: ProbeTarget, timeoutMs: number): Promise<string | undefined> {
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const r = await target.exec(command, timeoutMs);
    const head = `Exec lifecycle hook ([${command.join(' ')}]) for Container "${container.name}" in Pod "${podName}" failed - error:`;
    if ('timedOut' in r) return `${head} command '${command.join(' ')}' timed out, message: ""`;
    if ('error' in r) return `${head} rpc error: code = Unknown desc = ${r.error}, message: ""`;
    if (r.code === 0) return undefined;
    return `${head} command '${command.join(' ')}' exited with ${r.code}: ${r.output}, message: ${JSON.stringify(r.output)}`;
  }
  if (handler.httpGet) {
    const outcome = await httpGet(handler.httpGet, container, target, timeoutMs);
    if (outcome.result === 'success') return undefined;
    const error = outcome.output.startsWith('HTTP probe failed with statuscode: ') ? `HTTP lifecycle hook failed with statuscode: ${outcome.output.split(': ')[1]}` : outcome.output;
    return `HTTP lifecycle hook (${handler.httpGet.path ?? ''}) for Container "${container.name}" in Pod "${podName}" failed - error: ${error}`;
  }
  if (handler.sleep) await target.sleep(handler.sleep.seconds * 1000);
  return undefined;
}
