// API approval for CRDs in protected groups (upstream apihelpers): *.k8s.io and *.kubernetes.io
// need the api-approved.kubernetes.io annotation, with a URL or a reason starting "unapproved".
export const API_APPROVED_ANNOTATION = 'api-approved.kubernetes.io';

export type ApprovalState = 'approved' | 'bypassed' | 'missing' | 'invalid';

export function isProtectedCommunityGroup(group: string): boolean {
  return group === 'k8s.io' || group === 'kubernetes.io' || group.endsWith('.k8s.io') || group.endsWith('.kubernetes.io');
}

function isHTTPURL(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** GetAPIApprovalState: the state and the reason upstream reports for it. */
export function approvalState(annotations: Record<string, string> | undefined): { state: ApprovalState; reason: string } {
  const value = annotations?.[API_APPROVED_ANNOTATION];
  if (value === undefined) {
    return { state: 'missing', reason: `protected groups must have approval annotation "${API_APPROVED_ANNOTATION}", see https://github.com/kubernetes/enhancements/pull/1111` };
  }
  if (value.startsWith('unapproved')) return { state: 'bypassed', reason: `not approved: ${JSON.stringify(value)}` };
  if (isHTTPURL(value)) return { state: 'approved', reason: `approved in ${value}` };
  return {
    state: 'invalid',
    reason: `protected groups must have approval annotation "${API_APPROVED_ANNOTATION}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
  };
}
