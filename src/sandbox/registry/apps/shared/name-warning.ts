// The warning upstream's workload strategies give for names that are valid DNS subdomains but
// not DNS labels (they become Pod names and hostnames).
import { isDNS1123Label } from '../../../../apimachinery/validation/names.ts';

export function podNameWarnings(name: string | undefined): string[] {
  const msgs = isDNS1123Label(name ?? '');
  if (!msgs.length) return [];
  return [`metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`];
}
