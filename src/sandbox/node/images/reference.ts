// Image references as the kubelet and containerd read them. The grammar, the normalization
// ("nginx" is docker.io/library/nginx) and every error string are those of
// github.com/distribution/reference (ParseNormalizedNamed, Parse) and
// github.com/opencontainers/go-digest, wrapped as the kubelet wraps them
// (pkg/kubelet/images/image_manager.go applyDefaultImageTag, pkg/util/parsers):
//
//   Failed to apply default image tag "NGINX": couldn't parse image name "NGINX": invalid
//   reference format: repository name (library/NGINX) must be lowercase
import { goQuote } from '../../../apimachinery/go-format.ts';

export interface ImageReference {
  /** The container's `image` field, as written. */
  readonly original: string;
  /** Registry host (and port), normalized: `docker.io` for Docker Hub (also `index.docker.io`). */
  readonly domain: string;
  /** Repository path inside the registry: `library/nginx`, `bitnami/redis`, `pause`. */
  readonly path: string;
  readonly tag?: string;
  /** `sha256:<hex>` when the reference pins a digest. */
  readonly digest?: string;
  /** `docker.io/library/nginx`. */
  readonly name: string;
  /**
   * The reference containerd pulls and names in its messages: `name:tag`, `name@digest` (a tag
   * next to a digest is dropped, as ParseDockerRef does), `name:latest` when neither is given.
   */
  readonly canonical: string;
  /** What the kubelet hands to the runtime: the field with `:latest` appended when it has no tag or digest. */
  readonly kubeletImage: string;
}

export type ReferenceResult =
  | { ok: true; ref: ImageReference }
  | {
      ok: false;
      /** The container's waiting reason. */
      reason: 'InvalidImageName';
      /** The waiting message and the `InspectFailed` warning event's message. */
      message: string;
      /** distribution/reference's own error, without the kubelet's wrapping. */
      cause: string;
    };

// distribution/reference regexp.go, composed the same way.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;

const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

/** go-digest's registered algorithms and their hex lengths (crypto/sha256 and sha512 imported). */
const DIGEST_ALGORITHMS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const anchoredDigestRegexp = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Parses a container's `image` as the kubelet does before pulling. */
export function parseImageReference(image: string): ReferenceResult {
  const parsed = parseNormalizedNamed(image);
  if (typeof parsed === 'string') {
    const wrapped = `couldn't parse image name ${goQuote(image)}: ${parsed}`;
    return {
      ok: false,
      reason: 'InvalidImageName',
      message: `Failed to apply default image tag ${goQuote(image)}: ${wrapped}`,
      cause: parsed,
    };
  }
  const { domain, path, tag, digest } = parsed;
  const name = `${domain}/${path}`;
  const canonical = digest ? `${name}@${digest}` : `${name}:${tag ?? 'latest'}`;
  const kubeletImage = !digest && !tag ? `${image}:latest` : image;
  return { ok: true, ref: { original: image, domain, path, tag, digest, name, canonical, kubeletImage } };
}

/** Docker's familiar form of a reference: `nginx:latest`, `bitnami/redis:7.2`, `ghcr.io/org/app:1`. */
export function familiarName(ref: Pick<ImageReference, 'domain' | 'path'>): string {
  if (ref.domain !== DEFAULT_DOMAIN) return `${ref.domain}/${ref.path}`;
  const rest = ref.path.startsWith(OFFICIAL_REPO_PREFIX) ? ref.path.slice(OFFICIAL_REPO_PREFIX.length) : ref.path;
  return rest.includes('/') ? ref.path : rest;
}

interface Named {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

/** distribution/reference.ParseNormalizedNamed: a Named reference, or the error's text. */
function parseNormalizedNamed(s: string): Named | string {
  if (anchoredIdentifierRegexp.test(s)) {
    return `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`;
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  }
  return parse(`${domain}/${remainder}`);
}

function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/** distribution/reference.Parse of an already domain-qualified string. */
function parse(s: string): Named | string {
  const m = referenceRegexp.exec(s);
  if (!m) {
    const lower = s.toLowerCase();
    if (lower !== s && referenceRegexp.test(lower)) return 'repository name must be lowercase';
    return 'invalid reference format';
  }
  const nameMatch = anchoredNameRegexp.exec(m[1]);
  const domain = nameMatch?.[1] ?? '';
  const path = nameMatch ? nameMatch[2] : m[1];
  if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) {
    return `repository name must not be more than ${REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters`;
  }
  const digest = m[3];
  if (digest !== undefined) {
    const err = validateDigest(digest);
    if (err) return err;
  }
  return { domain, path, tag: m[2], digest };
}

/** go-digest Digest.Validate. */
function validateDigest(d: string): string | undefined {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) return 'invalid checksum digest format';
  const algorithm = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const size = DIGEST_ALGORITHMS[algorithm];
  if (size === undefined) {
    if (!anchoredDigestRegexp.test(d)) return 'invalid checksum digest format';
    return 'unsupported digest algorithm';
  }
  if (encoded.length !== size) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(encoded)) return 'invalid checksum digest format';
  return undefined;
}
