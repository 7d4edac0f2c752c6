// Helpers the checks share (upstream policy/helpers.go and visitor.go): Go's byte-order sort,
// quoting and pluralizing for messages, the container walk (init, regular, then ephemeral
// containers), and the pod properties several checks key on.
import type * as corev1 from '../../../../generated/k8s/core/v1.ts';
import type { PodSpec } from '../check.ts';

/** Go's sort.Strings order (byte order, unlike localeCompare). */
export function goSort(items: Iterable<string>): string[] {
  return [...items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `"a", "b"` (no escaping, as upstream). */
export function joinQuote(items: readonly string[]): string {
  return items.length ? `"${items.join('", "')}"` : '';
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** The fields every kind of container shares, as the checks read them. */
export type AnyContainer = Pick<corev1.Container, 'name' | 'securityContext' | 'ports' | 'livenessProbe' | 'readinessProbe' | 'startupProbe' | 'lifecycle'>;

export function visitContainers(spec: PodSpec, visit: (c: AnyContainer) => void): void {
  for (const c of spec.initContainers ?? []) visit(c);
  for (const c of spec.containers ?? []) visit(c);
  for (const c of spec.ephemeralContainers ?? []) visit(c);
}

export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}

/** A pod in its own user namespace (hostUsers: false) gets relaxed checks from policy v1.35. */
export function usesUserNamespace(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}
