// The sandbox's own admin API (not Kubernetes): create, list, inspect, reset and delete
// clusters. The platform manages participants' clusters through it. Authenticated with the
// sandbox admin token (`<data>/admin-token`); errors are JSON `{error: {code, message}}`.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodePower } from '../node/node-power.ts';
import type { Sandbox } from '../sandbox.ts';

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  reply(res, status, { error: { code, message } });
}

function authorized(sandbox: Sandbox, req: IncomingMessage): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!.trim());
  const b = Buffer.from(sandbox.adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function handleAdmin(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  if (!authorized(sandbox, req)) return fail(res, 401, 'unauthorized', 'a valid sandbox admin token is required');
  const parts = url.pathname.split('/').filter(Boolean); // admin, v1, clusters, id?, action?
  if (parts[1] !== 'v1' || parts[2] !== 'clusters') return fail(res, 404, 'not_found', `no admin route ${url.pathname}`);
  const id = parts[3] ? decodeURIComponent(parts[3]) : undefined;
  const action = parts[4];
  const method = req.method ?? 'GET';
  const describe = (cid: string) => ({ ...sandbox.info(cid)!, kubeconfig: sandbox.kubeconfig([cid]) });
  if (!id) {
    if (method === 'GET') return reply(res, 200, { items: [...sandbox.clusters.keys()].map((c) => sandbox.info(c)) });
    if (method === 'POST') {
      let input: { id?: string; nodes?: number } = {};
      if (body.length) {
        try {
          input = JSON.parse(body.toString('utf8'));
        } catch {
          return fail(res, 400, 'bad_request', 'the body must be JSON: {"id"?: string, "nodes"?: number}');
        }
      }
      if (input.id !== undefined && typeof input.id !== 'string') return fail(res, 400, 'bad_request', 'id must be a string');
      if (input.nodes !== undefined && (!Number.isInteger(input.nodes) || input.nodes < 1 || input.nodes > 20)) {
        return fail(res, 400, 'bad_request', 'nodes must be an integer from 1 to 20');
      }
      if (input.id && sandbox.getCluster(input.id)) return fail(res, 409, 'conflict', `cluster ${input.id} already exists`);
      try {
        const c = await sandbox.createCluster(input.id, { nodes: input.nodes });
        return reply(res, 201, describe(c.id));
      } catch (e) {
        return fail(res, 400, 'bad_request', (e as Error).message);
      }
    }
    return fail(res, 405, 'method_not_allowed', `${method} is not allowed here`);
  }
  if (!sandbox.getCluster(id)) return fail(res, 404, 'not_found', `cluster ${id} not found`);
  if (!action) {
    if (method === 'GET') return reply(res, 200, describe(id));
    if (method === 'DELETE') {
      await sandbox.deleteCluster(id);
      return reply(res, 200, { id, deleted: true });
    }
    return fail(res, 405, 'method_not_allowed', `${method} is not allowed here`);
  }
  if (action === 'nodes' && parts[5] && parts.length === 7) return powerNode(sandbox, res, id, decodeURIComponent(parts[5]), parts[6]!, method);
  return fail(res, 404, 'not_found', `no admin action ${action}`);
}

/** `POST nodes/<node>/stop` and `.../start`: switch a node's kubelet off or on (node/node-power.ts). */
function powerNode(sandbox: Sandbox, res: ServerResponse, id: string, node: string, verb: string, method: string): void {
  if (verb !== 'stop' && verb !== 'start') return fail(res, 404, 'not_found', `no node action ${verb}: use stop or start`);
  if (method !== 'POST') return fail(res, 405, 'method_not_allowed', `${method} is not allowed here`);
  const cluster = sandbox.getCluster(id)!;
  if (!cluster.store.get('nodes', undefined, node)) return fail(res, 404, 'not_found', `node ${node} not found in cluster ${id}`);
  const power = nodePower(cluster);
  const changed = power.set(node, verb === 'stop');
  return reply(res, 200, { id, node, stopped: power.stopped(node), changed });
}
