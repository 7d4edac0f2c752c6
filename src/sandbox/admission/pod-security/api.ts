// Pod Security levels, policy versions and the namespace labels that select them (upstream
// k8s.io/pod-security-admission/api): `pod-security.kubernetes.io/<mode>` names a level
// (privileged, baseline, restricted) and `<mode>-version` a policy version (`latest` or `v1.N`)
// for each of enforce, audit and warn. Unset modes keep the cluster default (privileged:latest,
// as kube-apiserver's default PodSecurity configuration). Invalid values yield field errors on
// metadata.labels; an invalid enforce level evaluates as restricted, invalid audit or warn levels
// as privileged, invalid versions as latest.
import { type FieldError, fieldErrors, path } from '../../../apimachinery/field-errors.ts';

export type Level = 'privileged' | 'baseline' | 'restricted';
export type Mode = 'enforce' | 'audit' | 'warn';

const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];
export const MODES: readonly Mode[] = ['enforce', 'audit', 'warn'];

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const levelLabel = (mode: Mode) => `${LABEL_PREFIX}${mode}`;
export const versionLabel = (mode: Mode) => `${LABEL_PREFIX}${mode}-version`;

/** A policy version: `latest` or v1.<minor>. */
export type Version = { readonly latest: true } | { readonly latest: false; readonly minor: number };

export const LATEST: Version = { latest: true };
export const minorVersion = (minor: number): Version => ({ latest: false, minor });

export function versionString(v: Version): string {
  return v.latest ? 'latest' : `v1.${v.minor}`;
}

/** Version.Older: latest is newer than everything, even future versions. */
export function older(a: Version, b: Version): boolean {
  if (a.latest) return false;
  if (b.latest) return true;
  return a.minor < b.minor;
}

export interface LevelVersion {
  readonly level: Level;
  readonly version: Version;
}

export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${versionString(lv.version)}`;
}

export function sameVersion(a: Version, b: Version): boolean {
  return versionString(a) === versionString(b);
}

export function sameLevelVersion(a: LevelVersion, b: LevelVersion): boolean {
  return a.level === b.level && sameVersion(a.version, b.version);
}

export interface Policy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

const PRIVILEGED_LATEST: LevelVersion = { level: 'privileged', version: LATEST };
export const DEFAULT_POLICY: Policy = { enforce: PRIVILEGED_LATEST, audit: PRIVILEGED_LATEST, warn: PRIVILEGED_LATEST };

export function parseLevel(value: string): { level: Level; error?: string } {
  if ((LEVELS as readonly string[]).includes(value)) return { level: value as Level };
  return { level: 'restricted', error: `must be one of ${LEVELS.join(', ')}` };
}

export function parseVersion(value: string): { version: Version; error?: string } {
  if (value === 'latest') return { version: LATEST };
  const m = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(value);
  const minor = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(minor)) return { version: LATEST, error: 'must be "latest" or "v1.x"' };
  return { version: minorVersion(minor) };
}

/** CompareLevels: -1, 0 or 1 by strictness. */
export function compareLevels(a: Level, b: Level): number {
  return Math.sign(LEVELS.indexOf(a) - LEVELS.indexOf(b));
}

/**
 * PolicyToEvaluate: the namespace's policy and the errors in its labels. When a valid enforce
 * level is set and no warn level is, warn follows enforce wherever enforce is stricter (and takes
 * its version unless warn-version is set), so workload templates get warnings (Kubernetes 1.26+).
 */
export function policyToEvaluate(labels: Readonly<Record<string, string>> | undefined, defaults: Policy = DEFAULT_POLICY): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = { ...defaults };
  const errors: FieldError[] = [];
  if (!labels || Object.keys(labels).length === 0) return { policy, errors };
  const labelPath = (label: string) => path('metadata', 'labels').key(label);
  const validLevel: Partial<Record<Mode, boolean>> = {};
  for (const mode of MODES) {
    let { level, version } = policy[mode];
    const levelValue = labels[levelLabel(mode)];
    if (levelValue !== undefined) {
      const parsed = parseLevel(levelValue);
      // Enforce fails closed (restricted); audit and warn fail open.
      level = parsed.error && mode !== 'enforce' ? 'privileged' : parsed.level;
      validLevel[mode] = !parsed.error;
      if (parsed.error) errors.push(fieldErrors.invalid(labelPath(levelLabel(mode)), levelValue, parsed.error));
    }
    const versionValue = labels[versionLabel(mode)];
    if (versionValue !== undefined) {
      const parsed = parseVersion(versionValue);
      version = parsed.version;
      if (parsed.error) errors.push(fieldErrors.invalid(labelPath(versionLabel(mode)), versionValue, parsed.error));
    }
    policy[mode] = { level, version };
  }
  const hasWarnLevel = labels[levelLabel('warn')] !== undefined;
  if (!hasWarnLevel && validLevel.enforce && compareLevels(policy.enforce.level, policy.warn.level) > 0) {
    const hasWarnVersion = labels[versionLabel('warn')] !== undefined;
    policy.warn = { level: policy.enforce.level, version: hasWarnVersion ? policy.warn.version : policy.enforce.version };
  }
  return { policy, errors };
}

export function fullyPrivileged(p: Policy): boolean {
  return MODES.every((m) => p[m].level === 'privileged');
}
