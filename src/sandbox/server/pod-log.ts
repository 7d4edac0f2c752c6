// GET /api/v1/namespaces/{ns}/pods/{name}/log: PodLogOptions parsed and validated as upstream's
// LogREST (pkg/registry/core/pod/rest/log.go, ValidatePodLogOptions), the container chosen as
// LogLocation does, and the lines rendered as the kubelet's log reader does (tailLines, since,
// RFC3339Nano timestamps, limitBytes, follow until the instance ends or the client leaves).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, invalid } from '../../apimachinery/errors.ts';
import { type FieldError, fieldErrors } from '../../apimachinery/field-errors.ts';
import type { Cluster } from '../cluster.ts';
import type { LogLine } from '../node/images/process/types.ts';
import { chooseContainer, getPod, isRefusal, kubeletUnreachable, podRuntime, refusalError } from './pod-connect.ts';

export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** Milliseconds since the epoch. */
  sinceTime?: number;
  limitBytes?: number;
}

/** Go's strconv.ParseBool, as the query parameter codec converts booleans. */
function parseBool(name: string, v: string | null): boolean {
  if (v === null || v === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw badRequest(`couldn't parse ${name}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function parseInt64(name: string, v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw badRequest(`couldn't parse ${name}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

function parseTime(name: string, v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`couldn't parse ${name}: parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
  return ms;
}

/** Query parameters → options; throws 400 for unparsable values and 422 as ValidatePodLogOptions. */
export function parsePodLogOptions(q: URLSearchParams, podName: string): PodLogOptions {
  const opts: PodLogOptions = {
    container: q.get('container') ?? '',
    follow: parseBool('follow', q.get('follow')),
    previous: parseBool('previous', q.get('previous')),
    timestamps: parseBool('timestamps', q.get('timestamps')),
    tailLines: parseInt64('tailLines', q.get('tailLines')),
    sinceSeconds: parseInt64('sinceSeconds', q.get('sinceSeconds')),
    sinceTime: parseTime('sinceTime', q.get('sinceTime')),
    limitBytes: parseInt64('limitBytes', q.get('limitBytes')),
  };
  const errs: FieldError[] = [];
  if (opts.tailLines !== undefined && opts.tailLines < 0) errs.push(fieldErrors.invalid('tailLines', opts.tailLines, 'must be greater than or equal to 0'));
  if (opts.limitBytes !== undefined && opts.limitBytes < 1) errs.push(fieldErrors.invalid('limitBytes', opts.limitBytes, 'must be greater than 0'));
  if (opts.sinceSeconds !== undefined && opts.sinceTime !== undefined) errs.push(fieldErrors.forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 1) errs.push(fieldErrors.invalid('sinceSeconds', opts.sinceSeconds, 'must be greater than 0'));
  if (errs.length) throw invalid({ group: '', kind: 'PodLogOptions' }, podName, errs);
  return opts;
}

/** The earliest time a line may carry, or undefined for no bound. */
export function sinceOf(opts: PodLogOptions, now: number): number | undefined {
  if (opts.sinceTime !== undefined) return opts.sinceTime;
  if (opts.sinceSeconds !== undefined) return now - opts.sinceSeconds * 1000;
  return undefined;
}

/** The lines already written that the reply starts with: the last `tailLines`, then those since. */
export function initialLines(lines: readonly LogLine[], opts: PodLogOptions, now: number): LogLine[] {
  let out = opts.tailLines === undefined ? [...lines] : opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  const since = sinceOf(opts, now);
  if (since !== undefined) out = out.filter((l) => l.time >= since);
  return out;
}

/** The kubelet's fixed-width RFC3339Nano (`2026-01-01T00:00:00.123000000Z`). */
export function kubeletTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.123Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

export function formatLogLine(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${kubeletTimestamp(line.time)} ${line.text}\n` : `${line.text}\n`;
}

/** limitBytes: passes text until the budget is spent, cutting the last piece mid-line. */
export class ByteLimit {
  private left: number;
  constructor(limit: number | undefined) {
    this.left = limit ?? Number.POSITIVE_INFINITY;
  }
  /** The part of `text` still within the limit (possibly empty). */
  take(text: string): Buffer {
    const buf = Buffer.from(text, 'utf8');
    if (buf.length <= this.left) {
      this.left -= buf.length;
      return buf;
    }
    const part = buf.subarray(0, Math.max(0, this.left));
    this.left = 0;
    return part;
  }
  get spent(): boolean {
    return this.left <= 0;
  }
}

/** Serves a pods/log request. */
export function servePodLog(cluster: Cluster, namespace: string, name: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const opts = parsePodLogOptions(query, name);
  const pod = getPod(cluster, namespace, name);
  const container = chooseContainer(pod, opts.container, 'log');
  const nodeName = pod.spec?.nodeName;
  const start = () => res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  // A pod not yet assigned to a node has nowhere to read from: an empty answer, as upstream.
  if (!nodeName) {
    start();
    res.end();
    return;
  }
  const runtime = podRuntime(cluster);
  if (!runtime) throw kubeletUnreachable(cluster, nodeName, `/containerLogs/${namespace}/${name}/${container}`, 'get');
  const log = runtime.logs(namespace, name, container, { previous: opts.previous });
  if (isRefusal(log)) throw refusalError(log);

  start();
  const limit = new ByteLimit(opts.limitBytes);
  const write = (l: LogLine) => {
    const chunk = limit.take(formatLogLine(l, opts.timestamps));
    if (chunk.length) res.write(chunk);
  };
  for (const l of initialLines(log.lines, opts, cluster.clock.now())) write(l);
  if (!opts.follow || limit.spent || log.finished()) {
    res.end();
    return;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    unsubscribe();
    res.end();
  };
  const unsubscribe = log.follow((l) => {
    if (done) return;
    write(l);
    if (limit.spent) finish();
  });
  void log.ended.then(finish, finish);
  req.on('close', finish);
  res.on('close', finish);
}
