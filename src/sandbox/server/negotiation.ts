// Content negotiation as the API server does it: which representation a client asked for in
// Accept (Table, PartialObjectMetadata, aggregated discovery, JSON or YAML), and how its body is
// encoded (Content-Type).

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      const p: Record<string, string> = {};
      for (const kv of params) {
        const i = kv.indexOf('=');
        if (i > 0) p[kv.slice(0, i).trim().toLowerCase()] = kv.slice(i + 1).trim().replace(/^"|"$/g, '');
      }
      return { type: (type ?? '').toLowerCase(), params: p };
    })
    .filter((m) => m.type !== '');
}

export type ObjectFormat =
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'metadata'; version: 'v1' | 'v1beta1' };

export class NotAcceptableError extends Error {}

const jsonTypes = new Set(['application/json', 'application/*', '*/*', 'application/json;stream=watch']);

/**
 * The representation for an object or list response. Entries naming a conversion the server
 * cannot do are skipped, as upstream; nothing acceptable gives NotAcceptableError.
 */
export function negotiateObject(accept: string | undefined, allowTable: boolean): ObjectFormat {
  const types = parseMediaTypes(accept);
  if (types.length === 0) return { kind: 'json' };
  for (const m of types) {
    const as = m.params.as;
    if (as) {
      if (m.type !== 'application/json' && m.type !== 'application/yaml') continue;
      if (m.params.g !== 'meta.k8s.io') continue;
      const version = m.params.v === 'v1beta1' ? 'v1beta1' : m.params.v === 'v1' ? 'v1' : undefined;
      if (!version) continue;
      if (as === 'Table' && allowTable) return { kind: 'table', version };
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { kind: 'metadata', version };
      continue;
    }
    if (jsonTypes.has(m.type)) return { kind: 'json' };
    if (m.type === 'application/yaml') return { kind: 'yaml' };
  }
  throw new NotAcceptableError(
    'only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io',
  );
}

export type DiscoveryFormat = 'aggregated-v2' | 'aggregated-v2beta1' | 'legacy';

export function negotiateDiscovery(accept: string | undefined): DiscoveryFormat {
  for (const m of parseMediaTypes(accept)) {
    if (m.params.as === 'APIGroupDiscoveryList' && m.params.g === 'apidiscovery.k8s.io') {
      if (m.params.v === 'v2') return 'aggregated-v2';
      if (m.params.v === 'v2beta1') return 'aggregated-v2beta1';
    }
    if (jsonTypes.has(m.type) && !m.params.as) return 'legacy';
  }
  return 'legacy';
}

export type BodyFormat = 'json' | 'yaml' | 'protobuf' | 'json-patch' | 'merge-patch' | 'strategic-merge-patch' | 'apply-patch';

export const SUPPORTED_BODY_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
export const SUPPORTED_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

export function bodyFormat(contentType: string | undefined): BodyFormat | undefined {
  const t = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  switch (t) {
    case '':
    case 'application/json':
      return 'json';
    case 'application/yaml':
      return 'yaml';
    case 'application/vnd.kubernetes.protobuf':
      return 'protobuf';
    case 'application/json-patch+json':
      return 'json-patch';
    case 'application/merge-patch+json':
      return 'merge-patch';
    case 'application/strategic-merge-patch+json':
      return 'strategic-merge-patch';
    case 'application/apply-patch+yaml':
      return 'apply-patch';
    default:
      return undefined;
  }
}
