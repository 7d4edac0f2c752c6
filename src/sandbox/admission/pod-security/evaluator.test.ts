import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as corev1 from '../../../generated/k8s/core/v1.ts';
import { LATEST, type Level, minorVersion, type Version } from './api.ts';
import { aggregateCheckResults, forbiddenDetail, forbiddenReason } from './check.ts';
import { defaultChecks } from './checks/index.ts';
import { PolicyEvaluator } from './evaluator.ts';

const evaluator = new PolicyEvaluator(defaultChecks);
const nginx: corev1.PodSpec = { containers: [{ name: 'nginx', image: 'nginx' }] };
const evaluate = (level: Level, version: Version, spec: corev1.PodSpec) => aggregateCheckResults(evaluator.evaluatePod({ level, version }, undefined, spec));

describe('Pod Security policy evaluation', () => {
  it('resolves latest to v1.35, the newest revision of any check', () => {
    assert.equal(evaluator.maxVersion, 35);
  });

  it('says why a plain nginx pod is not restricted, in check ID order', () => {
    assert.equal(
      forbiddenDetail(evaluate('restricted', LATEST, nginx)),
      'allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    assert.ok(evaluate('baseline', LATEST, nginx).allowed);
    assert.ok(evaluate('privileged', LATEST, { ...nginx, hostNetwork: true }).allowed);
  });

  it('runs baseline checks first, and restricted ones replace their baseline counterparts', () => {
    const spec: corev1.PodSpec = {
      hostNetwork: true,
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
      containers: [{ name: 'app', image: 'x', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] }, seccompProfile: { type: 'Unconfined' } } }],
    };
    assert.equal(forbiddenReason(evaluate('baseline', LATEST, spec)), 'non-default capabilities, host namespaces, hostPath volumes, privileged, seccompProfile');
    assert.equal(
      forbiddenReason(evaluate('restricted', LATEST, spec)),
      'host namespaces, privileged, allowPrivilegeEscalation != false, unrestricted capabilities, restricted volume types, runAsNonRoot != true, seccompProfile',
    );
  });

  it('applies the checks of a pinned version', () => {
    const probe: corev1.PodSpec = { containers: [{ name: 'app', image: 'x', livenessProbe: { httpGet: { host: '1.2.3.4', port: 80 } } }] };
    assert.ok(evaluate('baseline', minorVersion(33), probe).allowed);
    assert.equal(forbiddenReason(evaluate('baseline', minorVersion(34), probe)), 'probe or lifecycle host');
    // Before v1.22 restricted used the baseline capabilities rule; before v1.19 the seccomp annotations.
    const old = evaluate('restricted', minorVersion(18), { containers: [{ name: 'app', image: 'x', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true } }] });
    assert.ok(old.allowed, forbiddenDetail(old));
    // Versions past the newest revision behave as latest.
    assert.deepEqual(evaluate('restricted', minorVersion(40), nginx), evaluate('restricted', LATEST, nginx));
  });
});
