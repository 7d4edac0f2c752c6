// The serviceaccounts/token subresource (pkg/registry/core/serviceaccount/storage/token.go):
// a TokenRequest in, the same request with a signed token and its expiry out. `kubectl create
// token` uses it. Tokens may be bound to a Pod, Secret or Node of the cluster.
import { badRequest, conflict, invalid, notFound } from '../../../../apimachinery/errors.ts';
import { fieldErrors as fe, type FieldError, path } from '../../../../apimachinery/field-errors.ts';
import { deepClone, isPlainObject } from '../../../../apimachinery/object.ts';
import type * as authnv1 from '../../../../generated/k8s/authentication/v1.ts';
import { DEFAULT_AUDIENCES, issueServiceAccountToken } from '../../../auth/service-account-token.ts';
import type { Cluster } from '../../../cluster.ts';
import type { ClusterServices, SubresourceHandler, SubresourceRequest } from '../../types.ts';

type TokenRequest = authnv1.TokenRequest;

const TOKEN_REQUEST = { group: 'authentication.k8s.io', kind: 'TokenRequest' };
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 10 * 60;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

/** The registry sees clusters through ClusterServices; signing needs the cluster's key. */
function isCluster(c: ClusterServices): c is Cluster {
  return 'record' in c;
}

/** ValidateTokenRequest. */
export function validateTokenRequest(req: TokenRequest): FieldError[] {
  const errs: FieldError[] = [];
  const exp = req.spec?.expirationSeconds ?? 0;
  const fld = path('spec', 'expirationSeconds');
  if (exp < MIN_EXPIRATION_SECONDS) errs.push(fe.invalid(fld, exp, 'may not specify a duration less than 10 minutes'));
  if (exp > MAX_EXPIRATION_SECONDS) errs.push(fe.invalid(fld, exp, 'may not specify a duration larger than 2^32 seconds'));
  return errs;
}

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

async function createToken(req: SubresourceRequest): Promise<TokenRequest> {
  const { ctx, name } = req;
  const namespace = req.namespace;
  if (!namespace) throw badRequest('namespace is required');
  if (req.body !== undefined && !isPlainObject(req.body)) throw badRequest('the body of the request must be an object');
  const tr = deepClone((req.body ?? {}) as TokenRequest);
  tr.apiVersion = 'authentication.k8s.io/v1';
  tr.kind = 'TokenRequest';
  tr.metadata ??= {};
  tr.spec ??= { audiences: [] };
  const meta = tr.metadata;
  if (meta.name && meta.name !== name) {
    throw invalid(TOKEN_REQUEST, name, [fe.invalid(path('metadata', 'name'), meta.name, 'must match the service account name if specified')]);
  }
  if (meta.namespace && meta.namespace !== namespace) {
    throw invalid(TOKEN_REQUEST, name, [fe.invalid(path('metadata', 'namespace'), meta.namespace, 'must match the service account namespace if specified')]);
  }
  const store = ctx.cluster.store;
  const sa = store.get('serviceaccounts', namespace, name);
  if (!sa) throw notFound({ group: '', resource: 'serviceaccounts' }, name);
  // SetDefaults_TokenRequestSpec, then the API server's audiences.
  tr.spec.expirationSeconds ??= DEFAULT_EXPIRATION_SECONDS;
  if (!tr.spec.audiences?.length) tr.spec.audiences = [...DEFAULT_AUDIENCES];
  meta.name ||= name;
  meta.namespace ||= namespace;
  meta.creationTimestamp = rfc3339(ctx.now);
  delete tr.status;
  // boundObjectRef is not omitempty upstream: an unbound request answers `boundObjectRef: null`.
  if (tr.spec.boundObjectRef === undefined) (tr.spec as unknown as Record<string, unknown>).boundObjectRef = null;
  const errs = validateTokenRequest(tr);
  if (errs.length) throw invalid(TOKEN_REQUEST, '', errs);

  let boundPod: { name: string; uid: string } | undefined;
  const ref = tr.spec.boundObjectRef;
  if (ref) {
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[0]! : '';
    const version = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[1]! : (ref.apiVersion ?? '');
    let uid: string;
    const refName = ref.name ?? '';
    if (group === '' && ref.kind === 'Pod') {
      const pod = store.get('pods', namespace, refName);
      if (!pod) throw notFound({ group: '', resource: 'pods' }, refName);
      const podSA = ((pod as { spec?: { serviceAccountName?: string } }).spec?.serviceAccountName) || 'default';
      if (podSA !== name) throw badRequest(`cannot bind token for serviceaccount "${name}" to pod running with serviceaccount "${podSA}"`);
      uid = pod.metadata.uid;
      boundPod = { name: pod.metadata.name, uid };
    } else if (group === '' && ref.kind === 'Node') {
      const node = store.get('nodes', undefined, refName);
      if (!node) throw notFound({ group: '', resource: 'nodes' }, refName);
      uid = node.metadata.uid;
    } else if (group === '' && ref.kind === 'Secret') {
      const secret = store.get('secrets', namespace, refName);
      if (!secret) throw notFound({ group: '', resource: 'secrets' }, refName);
      uid = secret.metadata.uid;
    } else {
      const gvk = `${group ? `${group}/` : ''}${version}, Kind=${ref.kind ?? ''}`;
      throw badRequest(`cannot bind token to object of type ${gvk}`);
    }
    if (ref.uid && ref.uid !== uid) {
      throw conflict(
        { group, resource: ref.kind ?? '' },
        refName,
        `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      );
    }
  }
  if (!isCluster(ctx.cluster)) throw new Error('internal: token signing needs the cluster');
  const { token, expirationTimestamp } = await issueServiceAccountToken(
    ctx.cluster,
    { namespace, name, uid: sa.metadata.uid },
    { audiences: tr.spec.audiences, expirationSeconds: tr.spec.expirationSeconds, now: ctx.now, boundPod },
  );
  tr.status = { expirationTimestamp, token };
  return tr;
}

export const tokenSubresource: SubresourceHandler = {
  verbs: ['create'],
  kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
  handle: (req) => createToken(req),
};
