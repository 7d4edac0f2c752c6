// Watch streams: chunked JSON events (`{"type":"ADDED","object":{...}}` per line) from a
// resourceVersion, with label/field filtering that turns objects entering or leaving the
// selection into ADDED/DELETED (as the watch cache does), bookmarks, timeoutSeconds,
// sendInitialEvents, and `410 Expired` for versions older than the retained window.
import type { ServerResponse } from 'node:http';
import { expired, StatusError } from '../../apimachinery/errors.ts';
import type { KubeObject, StoredObject } from '../../apimachinery/object.ts';
import type { Cluster } from '../cluster.ts';
import type { ListOptions } from '../registry/generic-store.ts';
import { fieldsForSelector, storageKey } from '../registry/generic-store.ts';
import type { ResourceDef } from '../registry/types.ts';
import { groupVersion } from '../registry/types.ts';
import { ExpiredError, type StoreEvent } from '../storage/object-store.ts';
import type { ObjectFormat } from './negotiation.ts';
import { buildTable, type IncludeObject, partialObjectMetadata } from './table.ts';

export interface WatchRequest {
  cluster: Cluster;
  def: ResourceDef;
  namespace: string | undefined;
  /** A watch on one name (GET .../name?watch=true or fieldSelector=metadata.name=x). */
  name: string | undefined;
  resourceVersion: string | undefined;
  options: ListOptions;
  allowBookmarks: boolean;
  /** undefined: upstream default (initial events only when starting from "now"). */
  sendInitialEvents: boolean | undefined;
  timeoutSeconds: number | undefined;
  format: ObjectFormat;
  includeObject: IncludeObject;
}

/** Every open watch, so bookmarks can be sent and cluster deletion can close them. */
const openWatches = new Set<ActiveWatch>();

interface ActiveWatch {
  cluster: Cluster;
  res: ServerResponse;
  bookmark(): void;
  close(): void;
}

const BOOKMARK_INTERVAL_MS = 60_000;
let bookmarkTimer: NodeJS.Timeout | undefined;

function ensureBookmarkTimer(): void {
  if (bookmarkTimer) return;
  bookmarkTimer = setInterval(() => {
    for (const w of openWatches) w.bookmark();
  }, BOOKMARK_INTERVAL_MS);
  bookmarkTimer.unref();
}

/** Closes every watch of a cluster (on deletion or reset). */
export function closeWatches(cluster: Cluster): void {
  for (const w of [...openWatches]) if (w.cluster === cluster) w.close();
}

/** Closes the watches of every cluster `owned` accepts (one sandbox's, when it stops). */
export function closeWatchesWhere(owned: (cluster: Cluster) => boolean): void {
  for (const w of [...openWatches]) if (owned(w.cluster)) w.close();
}

export function openWatchCount(): number {
  return openWatches.size;
}

function matches(req: WatchRequest, obj: StoredObject): boolean {
  if (req.name !== undefined && obj.metadata.name !== req.name) return false;
  if (req.options.labelSelector && !req.options.labelSelector.matches(obj.metadata.labels)) return false;
  const fs = req.options.fieldSelector;
  if (fs && !fs.isEmpty() && !fs.matches(fieldsForSelector(req.def, obj))) return false;
  return true;
}

export function serveWatch(req: WatchRequest, res: ServerResponse): void {
  const { cluster, def } = req;
  let first = true;
  const encode = (type: string, obj: KubeObject): string => {
    let object: unknown = obj;
    if (type !== 'ERROR' && type !== 'BOOKMARK') {
      if (req.format.kind === 'table') {
        object = buildTable(def, [obj as StoredObject], { now: cluster.clock.now(), cluster }, {
          include: req.includeObject,
          version: req.format.version,
          noHeaders: !first,
        });
        first = false;
      } else if (req.format.kind === 'metadata') {
        object = partialObjectMetadata(obj as StoredObject, req.format.version);
      }
    }
    return `${JSON.stringify({ type, object })}\n`;
  };
  const contentType =
    req.format.kind === 'table'
      ? `application/json;as=Table;v=${req.format.version};g=meta.k8s.io`
      : req.format.kind === 'metadata'
        ? `application/json;as=PartialObjectMetadata;v=${req.format.version};g=meta.k8s.io`
        : 'application/json';
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  let closed = false;
  let lastRV = 0;
  const write = (chunk: string) => {
    if (closed) return;
    res.write(chunk);
    // A client that stops reading is dropped rather than buffering without bound.
    if (res.writableLength > 16 * 1024 * 1024) close();
  };
  const view = (o: StoredObject): StoredObject => (def.storage ? def.storage.fromStorage(o) : o);
  const deliver = (raw: StoreEvent) => {
    const ev = def.storage ? { ...raw, object: view(raw.object), prev: raw.prev && view(raw.prev) } : raw;
    lastRV = ev.rv;
    const now = matches(req, ev.object);
    const before = ev.prev ? matches(req, ev.prev) : false;
    if (ev.type === 'ADDED') {
      if (now) write(encode('ADDED', ev.object));
    } else if (ev.type === 'MODIFIED') {
      if (now && before) write(encode('MODIFIED', ev.object));
      else if (now) write(encode('ADDED', ev.object));
      else if (before) write(encode('DELETED', { ...ev.object }));
    } else if (before || matches(req, ev.object)) {
      write(encode('DELETED', ev.object));
    }
  };
  const bookmarkObject = (annotations?: Record<string, string>): KubeObject => ({
    kind: def.kind,
    apiVersion: groupVersion(def),
    metadata: { resourceVersion: String(lastRV || cluster.store.currentRV()), ...(annotations ? { annotations } : {}) },
  });

  const rvParam = req.resourceVersion;
  const fromStart = rvParam === undefined || rvParam === '' || rvParam === '0';
  let registration: { cancel(): void } | undefined;
  try {
    if (fromStart || req.sendInitialEvents) {
      // Synthetic ADDED events for the current state (unless refused), then changes after it.
      const rv = cluster.store.currentRV();
      lastRV = rv;
      if (req.sendInitialEvents !== false) {
        const items = cluster.store.list(storageKey(def), def.namespaced ? req.namespace : undefined).map(view);
        for (const obj of items) if (matches(req, obj)) write(encode('ADDED', obj));
      }
      if (req.sendInitialEvents && req.allowBookmarks) write(encode('BOOKMARK', bookmarkObject({ 'k8s.io/initial-events-end': 'true' })));
      registration = cluster.store.watch({ resource: storageKey(def), namespace: def.namespaced ? req.namespace : undefined }, rv, deliver);
    } else {
      const from = Number(rvParam);
      if (!Number.isInteger(from) || from < 0) throw expired(`too old resource version: ${rvParam} (${cluster.store.currentRV()})`);
      lastRV = from;
      registration = cluster.store.watch({ resource: storageKey(def), namespace: def.namespaced ? req.namespace : undefined }, from, deliver);
    }
  } catch (e) {
    if (e instanceof ExpiredError || e instanceof StatusError) {
      const status = e instanceof ExpiredError ? expired(e.message).toStatus() : e.toStatus();
      res.end(encode('ERROR', status as unknown as KubeObject));
      return;
    }
    throw e;
  }

  const timeoutMs = (req.timeoutSeconds ?? 1800 + Math.floor(Math.random() * 1800)) * 1000;
  const timer = setTimeout(() => close(), timeoutMs);
  timer.unref();
  const active: ActiveWatch = {
    cluster,
    res,
    bookmark: () => {
      if (req.allowBookmarks) write(encode('BOOKMARK', bookmarkObject()));
    },
    close,
  };
  openWatches.add(active);
  ensureBookmarkTimer();
  function close(): void {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    registration?.cancel();
    openWatches.delete(active);
    if (!res.writableEnded) res.end();
  }
  res.on('close', close);
}
