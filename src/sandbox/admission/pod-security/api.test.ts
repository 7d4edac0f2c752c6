import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levelVersionString, parseVersion, policyToEvaluate } from './api.ts';

describe('Pod Security namespace labels', () => {
  it('defaults every mode to privileged:latest', () => {
    const { policy, errors } = policyToEvaluate({ 'kubernetes.io/metadata.name': 'x' });
    assert.deepEqual(errors, []);
    assert.deepEqual([policy.enforce, policy.audit, policy.warn].map(levelVersionString), ['privileged:latest', 'privileged:latest', 'privileged:latest']);
  });

  it('reads level and version per mode', () => {
    const { policy } = policyToEvaluate({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    assert.equal(levelVersionString(policy.enforce), 'baseline:v1.30');
    assert.equal(levelVersionString(policy.warn), 'restricted:latest');
    assert.equal(levelVersionString(policy.audit), 'privileged:latest');
  });

  it('defaults warn to a stricter enforce level, with its version unless warn-version is set', () => {
    const enforceOnly = policyToEvaluate({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }).policy;
    assert.equal(levelVersionString(enforceOnly.warn), 'baseline:v1.30');
    const warnVersion = policyToEvaluate({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn-version': 'v1.28' }).policy;
    assert.equal(levelVersionString(warnVersion.warn), 'restricted:v1.28');
    const explicitWarn = policyToEvaluate({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'privileged' }).policy;
    assert.equal(levelVersionString(explicitWarn.warn), 'privileged:latest');
    // An invalid enforce level evaluates as restricted but does not drag warn along.
    const invalid = policyToEvaluate({ 'pod-security.kubernetes.io/enforce': 'strict' }).policy;
    assert.equal(levelVersionString(invalid.warn), 'privileged:latest');
  });

  it('reports invalid values on metadata.labels, failing closed for enforce and open for audit and warn', () => {
    const { policy, errors } = policyToEvaluate({
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/audit-version': '1.30',
      'pod-security.kubernetes.io/warn': 'Baseline',
    });
    assert.deepEqual(
      errors.map((e) => e.toString()),
      [
        'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
        'metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: "1.30": must be "latest" or "v1.x"',
        'metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "Baseline": must be one of privileged, baseline, restricted',
      ],
    );
    assert.equal(policy.enforce.level, 'restricted');
    assert.equal(policy.warn.level, 'privileged');
  });

  it('accepts v1.N without leading zeros', () => {
    assert.equal(parseVersion('v1.0').error, undefined);
    assert.equal(parseVersion('v1.99').error, undefined);
    assert.ok(parseVersion('v1.05').error);
    assert.ok(parseVersion('v2.1').error);
  });
});
