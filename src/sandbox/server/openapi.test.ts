import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { builtinResources, ResourceCatalog } from '../registry/catalog.ts';
import { customResourceDef } from '../registry/custom/resource-def.ts';
import type { CustomResourceVersion } from '../registry/custom/version.ts';
import { openapiV2, openapiV3Document, openapiV3Index, serveOpenAPI } from './openapi.ts';

type Json = Record<string, unknown>;

/** kubectl's QueryParamVerifierV3.supportsQueryParamV3: the first PATCH for the GVK lists the parameter. */
function supportsFieldValidation(doc: Json, gvk: { group: string; version: string; kind: string }): boolean {
  for (const item of Object.values(doc.paths as Record<string, Json>)) {
    const op = item.patch as Json | undefined;
    const ext = op?.['x-kubernetes-group-version-kind'] as Json | undefined;
    if (!op || ext?.group !== gvk.group || ext?.version !== gvk.version || ext?.kind !== gvk.kind) continue;
    return ((op.parameters as Json[] | undefined) ?? []).some((p) => p.name === 'fieldValidation');
  }
  return false;
}

function doc(catalog: ResourceCatalog, key: string): Json {
  const d = openapiV3Document(catalog, key);
  assert.ok(d, `document ${key}`);
  return JSON.parse(d.text) as Json;
}

const crontab: CustomResourceVersion = {
  crdName: 'crontabs.stable.example.com',
  group: 'stable.example.com',
  version: 'v1',
  storageVersion: 'v1',
  kind: 'CronTab',
  listKind: 'CronTabList',
  plural: 'crontabs',
  singular: 'crontab',
  shortNames: ['ct'],
  categories: [],
  namespaced: true,
  schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string', description: 'When.' }, replicas: { type: 'integer', default: 1 } } } } },
  preserveUnknownFields: false,
  status: true,
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
  columns: [],
  selectableFields: [],
  deprecated: false,
};

describe('OpenAPI v3 documents', () => {
  const catalog = new ResourceCatalog(builtinResources);

  it('indexes every served group-version with the hash of its document', () => {
    const index = openapiV3Index(catalog) as { paths: Record<string, { serverRelativeURL: string }> };
    const apps = index.paths['apis/apps/v1']!;
    assert.equal(apps.serverRelativeURL, `/openapi/v3/apis/apps/v1?hash=${openapiV3Document(catalog, 'apis/apps/v1')!.hash}`);
    assert.match(apps.serverRelativeURL, /hash=[0-9A-F]{128}$/);
    assert.ok(index.paths['api/v1']);
  });

  it("lists fieldValidation on every kind's PATCH operations, so kubectl validates strictly", () => {
    assert.ok(supportsFieldValidation(doc(catalog, 'apis/apps/v1'), { group: 'apps', version: 'v1', kind: 'Deployment' }));
    assert.ok(supportsFieldValidation(doc(catalog, 'api/v1'), { group: '', version: 'v1', kind: 'ConfigMap' }));
  });

  it('shapes paths as upstream: path parameters on the item, bodies as requestBody', () => {
    const item = (doc(catalog, 'apis/apps/v1').paths as Record<string, Json>)['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!;
    assert.deepEqual(
      (item.parameters as Json[]).map((p) => [p.name, p.in, p.schema]),
      [
        ['name', 'path', { type: 'string', uniqueItems: true }],
        ['namespace', 'path', { type: 'string', uniqueItems: true }],
        ['pretty', 'query', { type: 'string', uniqueItems: true }],
      ],
    );
    const patch = item.patch as Json;
    assert.deepEqual((patch.parameters as Json[]).map((p) => p.name), ['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    const content = (patch.requestBody as { content: Record<string, Json> }).content;
    assert.ok(content['application/strategic-merge-patch+json']);
    assert.deepEqual(content['application/merge-patch+json'], { schema: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
  });

  it('wraps described references in allOf and keeps x-kubernetes extensions', () => {
    const schemas = (doc(catalog, 'apis/apps/v1').components as { schemas: Record<string, { properties: Record<string, Json> }> }).schemas;
    const deployment = schemas['io.k8s.api.apps.v1.Deployment']!;
    assert.deepEqual(deployment.properties.spec!.allOf, [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }]);
    assert.deepEqual(deployment.properties.spec!.default, {});
    const containers = schemas['io.k8s.api.core.v1.PodSpec']!.properties.containers!;
    assert.equal(containers['x-kubernetes-patch-merge-key'], 'name');
    assert.deepEqual(containers.items, { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} });
  });

  it('serves the same document (and hash) until the served resources change', () => {
    assert.equal(openapiV3Document(catalog, 'apis/apps/v1'), openapiV3Document(new ResourceCatalog(builtinResources), 'apis/apps/v1'));
  });
});

describe('OpenAPI for custom resources', () => {
  const catalog = new ResourceCatalog(builtinResources);
  catalog.setCustom([customResourceDef(crontab)]);

  it('publishes the CRD group-version with the schema, type meta and list', () => {
    const d = doc(catalog, 'apis/stable.example.com/v1');
    const schemas = (d.components as { schemas: Record<string, Json & { properties: Record<string, Json> }> }).schemas;
    const ct = schemas['com.example.stable.v1.CronTab']!;
    assert.deepEqual(ct['x-kubernetes-group-version-kind'], [{ group: 'stable.example.com', kind: 'CronTab', version: 'v1' }]);
    assert.deepEqual(Object.keys(ct.properties).sort(), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual((ct.properties.metadata as Json).allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }]);
    assert.deepEqual((ct.properties.spec as { properties: Json }).properties.replicas, { type: 'integer', default: 1 });
    assert.ok(schemas['com.example.stable.v1.CronTabList']);
    assert.ok(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
    assert.ok(schemas['io.k8s.api.autoscaling.v1.Scale'], 'scale subresource schema');
  });

  it('has PATCH with fieldValidation and without strategic merge patch', () => {
    const d = doc(catalog, 'apis/stable.example.com/v1');
    assert.ok(supportsFieldValidation(d, { group: 'stable.example.com', version: 'v1', kind: 'CronTab' }));
    const item = (d.paths as Record<string, Json>)['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}']!;
    const content = ((item.patch as Json).requestBody as { content: Record<string, Json> }).content;
    assert.deepEqual(Object.keys(content).sort(), ['application/apply-patch+cbor', 'application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json']);
    assert.equal((item.get as Json).operationId, 'readStableExampleComV1NamespacedCronTab');
    assert.ok((d.paths as Record<string, Json>)['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/status']);
    assert.ok((d.paths as Record<string, Json>)['/apis/stable.example.com/v1/crontabs']);
  });

  it('includes custom resources in /openapi/v2', () => {
    const v2 = openapiV2(catalog) as { paths: Json; definitions: Json };
    assert.ok(v2.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs']);
    assert.ok(v2.definitions['com.example.stable.v1.CronTab']);
  });
});

describe('OpenAPI over HTTP', () => {
  const catalog = new ResourceCatalog(builtinResources);

  function request(path: string, headers: Record<string, string> = {}): { status: number; headers: Record<string, string>; body: Buffer } {
    const [p, q] = path.split('?');
    const out = { status: 0, headers: {} as Record<string, string>, body: Buffer.alloc(0) };
    const res = {
      writeHead(status: number, h: Record<string, string> = {}) {
        out.status = status;
        out.headers = h;
      },
      end(body?: string | Buffer) {
        if (body !== undefined) out.body = Buffer.from(body);
      },
    };
    const handled = serveOpenAPI(catalog, { method: 'GET', headers } as unknown as IncomingMessage, res as unknown as ServerResponse, p!, new URL(`http://x${path}`));
    assert.ok(handled, `handled ${path} ${q ?? ''}`);
    return out;
  }

  it('answers kubectl\'s protobuf request for v2 with the dotted media type, and JSON to JSON clients', () => {
    const pb = request('/openapi/v2', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
    assert.equal(pb.status, 200);
    assert.equal(pb.headers['Content-Type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    assert.equal(pb.body[0], 0x0a, 'field 1 (swagger) first');
    const json = request('/openapi/v2', { accept: 'application/json' });
    assert.equal(json.headers['Content-Type'], 'application/json');
    assert.equal((JSON.parse(json.body.toString()) as { swagger: string }).swagger, '2.0');
    assert.equal(request('/openapi/v2', { accept: 'text/html' }).status, 406);
  });

  it('serves v3 documents immutably by hash, redirecting a stale hash and honouring ETags', () => {
    const doc = openapiV3Document(catalog, 'apis/apps/v1')!;
    const fresh = request(`/openapi/v3/apis/apps/v1?hash=${doc.hash}`, { accept: 'application/json' });
    assert.equal(fresh.status, 200);
    assert.equal(fresh.headers['Cache-Control'], 'public, immutable');
    assert.equal(fresh.headers.ETag, `"${doc.hash}"`);
    const stale = request('/openapi/v3/apis/apps/v1?hash=0000', { accept: 'application/json' });
    assert.equal(stale.status, 301);
    assert.equal(stale.headers.Location, `v1?hash=${doc.hash}`);
    assert.equal(request('/openapi/v3/apis/apps/v1', { accept: 'application/json', 'if-none-match': `"${doc.hash}"` }).status, 304);
    assert.equal(request('/openapi/v3/apis/apps/v1', { accept: 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf' }).status, 406);
  });
});
