// The catalogue as the kubelet consults it: a reference → the image it names, or why there is none.
// Built once from the family data; inconsistent data (a tag in two variants of a family, a program
// naming an unknown behaviour, two families at one repository) fails at construction, not on a pull.
import { createHash } from 'node:crypto';
import { CATALOGUE } from './catalogue/index.ts';
import type { ImageFamily, ImageVariant, Signal } from './catalogue/types.ts';
import type { ImageReference } from './reference.ts';
import { isLoopbackRegistry, registryFor, type RegistryHost } from './registries.ts';

/** An image the catalogue holds, named by a reference. */
export interface CatalogueImage {
  ref: ImageReference;
  family: ImageFamily;
  variant: ImageVariant;
  /** The manifest digest (`sha256:…`): what `name@digest` references and the tag resolve to. */
  digest: string;
  /** containerStatuses[].image: `docker.io/library/nginx:latest` (the reference as pulled). */
  imageName: string;
  /** containerStatuses[].imageID: `docker.io/library/nginx@sha256:…`. */
  imageID: string;
  /** The image config's digest (`crictl images` IMAGE ID, `sha256:…`). */
  id: string;
  sizeBytes: number;
  /** The signal the runtime stops the container with (the image's STOPSIGNAL, else SIGTERM). */
  stopSignal: Signal;
}

export type LookupResult =
  | { kind: 'found'; image: CatalogueImage; registry: RegistryHost }
  /** No registry answers at that host (DNS fails on the node). */
  | { kind: 'unknown-host'; host: string }
  /** localhost/127.0.0.1: nothing listens on the node. */
  | { kind: 'loopback'; host: string }
  | { kind: 'no-repository'; registry: RegistryHost }
  | { kind: 'no-tag'; registry: RegistryHost; family: ImageFamily };

export class ImageCatalogue {
  private readonly byName = new Map<string, ImageFamily>();
  private readonly digests = new Map<ImageVariant, string>();

  constructor(readonly families: readonly ImageFamily[] = CATALOGUE) {
    for (const family of families) {
      const key = `${family.registry}/${family.repository}`;
      if (this.byName.has(key)) throw new Error(`image catalogue: ${key} is defined twice`);
      if (!registryFor(family.registry)) throw new Error(`image catalogue: ${key}: no registry ${family.registry} in registries.ts`);
      this.byName.set(key, family);
      const seen = new Set<string>();
      for (const variant of family.variants) {
        for (const tag of variant.tags) {
          if (seen.has(tag)) throw new Error(`image catalogue: ${key}:${tag} names two variants`);
          seen.add(tag);
        }
        for (const [path, program] of Object.entries(variant.programs)) {
          if ('behaviour' in program && !family.behaviours[program.behaviour]) {
            throw new Error(`image catalogue: ${key}:${variant.tags[0]}: ${path} runs unknown behaviour ${program.behaviour}`);
          }
        }
        this.digests.set(variant, syntheticDigest(`${key}:${variant.tags[0]}`));
      }
    }
  }

  /** Every family, for listings. */
  list(): readonly ImageFamily[] {
    return this.families;
  }

  lookup(ref: ImageReference): LookupResult {
    const registry = registryFor(ref.domain);
    if (!registry) {
      return isLoopbackRegistry(ref.domain) ? { kind: 'loopback', host: ref.domain } : { kind: 'unknown-host', host: ref.domain.replace(/:\d+$/, '') };
    }
    const family = this.byName.get(`${registry.host}/${ref.path}`);
    if (!family) return { kind: 'no-repository', registry };
    const variant = ref.digest
      ? family.variants.find((v) => this.digests.get(v) === ref.digest)
      : family.variants.find((v) => v.tags.includes(ref.tag ?? 'latest'));
    if (!variant) return { kind: 'no-tag', registry, family };
    const digest = this.digests.get(variant)!;
    const image: CatalogueImage = {
      ref,
      family,
      variant,
      digest,
      imageName: ref.canonical,
      imageID: `${ref.name}@${digest}`,
      id: syntheticDigest(`config:${digest}`),
      sizeBytes: variant.sizeBytes,
      stopSignal: variant.config.stopSignal ?? 'SIGTERM',
    };
    return { kind: 'found', image, registry };
  }

  /** The digest a family's tag resolves to (for courses pinning `image@sha256:…`). */
  digestOf(family: ImageFamily, tag: string): string | undefined {
    const variant = family.variants.find((v) => v.tags.includes(tag));
    return variant && this.digests.get(variant);
  }
}

/**
 * Digests are not the real registries' (those change with every rebuild): they are derived from
 * the repository and the variant's first tag, so they are stable across runs and equal for all
 * tags of one image (nginx:latest and nginx:1.27.5 share one).
 */
function syntheticDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}
