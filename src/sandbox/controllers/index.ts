// The in-process controllers every cluster runs.
import type { Controller } from '../cluster.ts';

export function controllers(): Controller[] {
  return [];
}
