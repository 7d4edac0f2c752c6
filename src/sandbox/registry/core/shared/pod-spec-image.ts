// Container image references as the kubelet's parsers.ParseImageName reads them (docker
// distribution reference grammar): the tag decides the default imagePullPolicy.

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRe = new RegExp(`^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);

export interface ImageReference {
  name: string;
  /** The tag, `latest` when neither a tag nor a digest is given. */
  tag: string;
  digest: string;
}

/**
 * parsers.ParseImageName: undefined when the reference does not parse (upper case repository,
 * empty string, bad characters), in which case the defaulting treats it as untagged-but-pinned.
 */
export function parseImageName(image: string): ImageReference | undefined {
  if (/^[a-f0-9]{64}$/.test(image)) return undefined;
  const m = referenceRe.exec(image);
  if (!m) return undefined;
  const name = m[1]!;
  if (name.length > 255) return undefined;
  // A first component that is not a registry host must be lower case.
  const slash = name.indexOf('/');
  const first = slash < 0 ? name : name.slice(0, slash);
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (!isDomain && first !== first.toLowerCase()) return undefined;
  const tag = m[2] ?? '';
  const digest = m[3] ?? '';
  return { name, tag: tag === '' && digest === '' ? 'latest' : tag, digest };
}

/** SetDefaults_Container's rule: Always for `:latest` (or no tag), IfNotPresent otherwise. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return parseImageName(image ?? '')?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
