// What happens when the kubelet ensures a container's image (pkg/kubelet/images EnsureImageExists):
// a pure plan from the image reference, the pull policy, what the node holds and the pod's pull
// secrets to the outcome and how long the pull takes. The kubelet waits `durationMs` on its clock,
// records the events (./kubelet-messages.ts) and applies the outcome.
import { goQuote } from '../../../apimachinery/go-format.ts';
import { ImageCatalogue, type CatalogueImage } from './image-catalogue.ts';
import { pullErrorMessage, type PullFailure } from './pull-errors.ts';
import { parseImageReference, type ImageReference } from './reference.ts';
import { loginsFor } from './registry-logins.ts';
import type { RegistryHost } from './registries.ts';

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface PullRequest {
  /** The container's `image` field as written. */
  image: string;
  policy: PullPolicy;
  /** Whether the node already holds the image this reference names (by `ref.canonical` or digest). */
  nodeHas(ref: ImageReference): boolean;
  /** Decoded `.dockerconfigjson`/`.dockercfg` contents of the pod's imagePullSecrets that exist. */
  pullSecrets?: readonly string[];
  /** The node's DNS server (`10.0.0.2:53`): Go then names it in "lookup <host> on <server>: no such host". */
  nodeResolver?: string;
  /** Uniform in [0, 1), injected: pull time varies as on a real network. */
  random(): number;
}

export type PullPlan =
  /** The reference does not parse: waiting reason InvalidImageName, `InspectFailed` warning event. */
  | { kind: 'invalid'; reason: 'InvalidImageName'; message: string }
  /** No pull needed: `Pulled` event "already present on machine". */
  | { kind: 'present'; image: CatalogueImage }
  /** Absent with policy Never: waiting reason ErrImageNeverPull. */
  | { kind: 'never'; reason: 'ErrImageNeverPull'; message: string }
  /** A pull runs for `durationMs` of simulated time, then succeeds or fails. */
  | { kind: 'pull'; ref: ImageReference; durationMs: number; outcome: PullOutcome };

export type PullOutcome =
  | { ok: true; image: CatalogueImage; sizeBytes: number }
  /** Waiting reason ErrImagePull; `message` is containerd's error (the `Failed` event and waiting message). */
  | { ok: false; reason: 'ErrImagePull'; message: string; failure: PullFailure };

export function planPull(req: PullRequest, catalogue: ImageCatalogue = defaultCatalogue()): PullPlan {
  const parsed = parseImageReference(req.image);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason, message: parsed.message };
  const ref = parsed.ref;
  const present = req.nodeHas(ref);
  const found = catalogue.lookup(ref);

  if (present && req.policy !== 'Always' && found.kind === 'found') return { kind: 'present', image: found.image };
  if (req.policy === 'Never') {
    return { kind: 'never', reason: 'ErrImageNeverPull', message: `Container image ${goQuote(req.image)} is not present with pull policy of Never` };
  }

  const fail = (failure: PullFailure, durationMs: number): PullPlan => ({
    kind: 'pull',
    ref,
    durationMs,
    outcome: { ok: false, reason: 'ErrImagePull', message: pullErrorMessage(ref, failure), failure },
  });
  const jitter = (ms: number) => Math.round(ms * (0.75 + req.random() * 0.5));

  switch (found.kind) {
    case 'unknown-host':
      return fail({ kind: 'unknown-host', host: found.host, resolver: req.nodeResolver }, jitter(60));
    case 'loopback':
      return fail({ kind: 'loopback', host: found.host }, jitter(8));
    case 'no-repository':
      return fail({ kind: 'no-repository', registry: found.registry }, jitter(found.registry.latencyMs));
    case 'no-tag': {
      const denied = accessDenied(found.family.access, found.registry, ref, req.pullSecrets ?? []);
      return fail(denied ?? { kind: 'no-tag', registry: found.registry }, jitter(found.registry.latencyMs));
    }
    case 'found': {
      const denied = accessDenied(found.image.family.access, found.registry, ref, req.pullSecrets ?? []);
      if (denied) return fail(denied, jitter(found.registry.latencyMs));
      const durationMs = jitter(found.registry.latencyMs) + jitter((found.image.sizeBytes / found.registry.bytesPerSecond) * 1000);
      return { kind: 'pull', ref, durationMs, outcome: { ok: true, image: found.image, sizeBytes: found.image.sizeBytes } };
    }
  }
}

/** Why a private repository refuses this pull, or undefined when a login opens it (or it is public). */
function accessDenied(
  access: { credentials: { username: string; password: string }[] } | undefined,
  registry: RegistryHost,
  ref: ImageReference,
  secrets: readonly string[],
): PullFailure | undefined {
  if (!access) return undefined;
  const logins = loginsFor(ref, secrets);
  if (logins.length === 0) return { kind: 'unauthorized', registry };
  const ok = logins.some((l) => access.credentials.some((c) => c.username === l.username && c.password === l.password));
  return ok ? undefined : { kind: 'bad-credentials', registry };
}

let shared: ImageCatalogue | undefined;
function defaultCatalogue(): ImageCatalogue {
  shared ??= new ImageCatalogue();
  return shared;
}
