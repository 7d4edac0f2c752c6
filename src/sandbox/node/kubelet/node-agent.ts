// The kubelet's per-node state: the images the node holds (by canonical reference and digest),
// its serialized image puller (upstream's default serializeImagePulls: one pull at a time, so a
// later pull reports time "including waiting"), its event recorder (source kubelet/<node>) and
// the identity it writes with (system:node:<name>).
import type { UserInfo } from '../../registry/types.ts';
import type { Cluster } from '../../cluster.ts';
import { EventRecorder } from '../../sim/event-recorder.ts';
import type { CatalogueImage } from '../images/image-catalogue.ts';
import type { ImageReference } from '../images/reference.ts';

export class NodeAgent {
  readonly events: EventRecorder;
  readonly user: UserInfo;
  private readonly images = new Set<string>();
  /** When the node's puller is free again (simulated ms). */
  private pullerFreeAt = 0;

  constructor(
    cluster: Cluster,
    readonly name: string,
  ) {
    this.events = new EventRecorder(cluster, { component: 'kubelet', host: name });
    this.user = { username: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] };
  }

  has(ref: ImageReference): boolean {
    return this.images.has(ref.canonical) || (!!ref.digest && this.images.has(ref.digest));
  }

  add(image: CatalogueImage): void {
    this.images.add(image.ref.canonical);
    this.images.add(image.digest);
    for (const tag of image.variant.tags) this.images.add(`${image.ref.name}:${tag}`);
  }

  /** Books the puller for `durationMs` from `now` or when it frees up; returns when the pull starts. */
  bookPull(now: number, durationMs: number): number {
    const start = Math.max(now, this.pullerFreeAt);
    this.pullerFreeAt = start + durationMs;
    return start;
  }
}
