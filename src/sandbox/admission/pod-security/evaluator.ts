// Evaluating a pod against a level and version (upstream policy/registry.go): each check applies
// in its newest revision at or below the policy version; `latest` and versions beyond the newest
// revision of any check resolve to that newest version. Baseline runs the baseline checks;
// restricted runs the baseline checks no restricted revision overrides, then the restricted
// checks. Within each group checks run in ID order, which fixes the order of the reasons in
// every message.
import type { LevelVersion } from './api.ts';
import type { Check, CheckResult, PodMetadata, PodSpec, VersionedCheck } from './check.ts';

export class PolicyEvaluator {
  /** The highest minimum version of any check: what `latest` means. */
  readonly maxVersion: number;
  private readonly baseline: Check[];
  private readonly restricted: Check[];

  constructor(checks: readonly Check[]) {
    // Go's string order (byte order): `seLinuxOptions` sorts before `seccompProfile_baseline`.
    const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    this.baseline = checks.filter((c) => c.level === 'baseline').sort(byId);
    this.restricted = checks.filter((c) => c.level === 'restricted').sort(byId);
    this.maxVersion = Math.max(...checks.map((c) => c.versions[c.versions.length - 1]!.minimumVersion));
  }

  /** The version of each applicable check at policy version v1.<minor>. */
  private revisions(checks: readonly Check[], minor: number): Array<{ id: string; revision: VersionedCheck }> {
    const out: Array<{ id: string; revision: VersionedCheck }> = [];
    for (const c of checks) {
      const revision = [...c.versions].reverse().find((r) => r.minimumVersion <= minor);
      if (revision) out.push({ id: c.id, revision });
    }
    return out;
  }

  evaluatePod(lv: LevelVersion, meta: PodMetadata | undefined, spec: PodSpec): CheckResult[] {
    if (lv.level === 'privileged') return [];
    const minor = lv.version.latest || lv.version.minor > this.maxVersion ? this.maxVersion : lv.version.minor;
    const baseline = this.revisions(this.baseline, minor);
    let run = baseline;
    if (lv.level === 'restricted') {
      const restricted = this.revisions(this.restricted, minor);
      const overridden = new Set(restricted.flatMap((r) => r.revision.overrideCheckIDs ?? []));
      run = [...baseline.filter((b) => !overridden.has(b.id)), ...restricted];
    }
    return run.map((r) => r.revision.checkPod(meta, spec));
  }
}
