import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import { setLimitRangeDefaults } from './defaults.ts';
import type { LimitRange } from './types.ts';
import { validateLimitRange } from './validation.ts';

const lr = (limits: NonNullable<LimitRange['spec']>['limits']): LimitRange => ({ metadata: { name: 'lr', namespace: 'default' }, spec: { limits } });

describe('LimitRange', () => {
  it('defaults container limits from max and requests from default, then min', () => {
    const l = lr([{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }, { type: 'Pod', max: { cpu: '4' } }]);
    setLimitRangeDefaults(l);
    assert.deepEqual(l.spec!.limits[0], { type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } });
    assert.deepEqual(l.spec!.limits[1], { type: 'Pod', max: { cpu: '4' } });
    const bare = lr([{ type: 'Container' }]);
    setLimitRangeDefaults(bare);
    assert.deepEqual(bare.spec!.limits[0], { type: 'Container' });
  });

  it('reports inconsistent bounds and unknown types', () => {
    const errs = messages(validateLimitRange(lr([{ type: 'Container', min: { cpu: '1' }, defaultRequest: { cpu: '500m' }, default: { cpu: '500m' } }, { type: 'Node' }, { type: 'Pod', default: { cpu: '1' } }])));
    assert.deepEqual(errs, [
      'spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: min value 1 is greater than default request value 500m',
      'spec.limits[0].default[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: min value 1 is greater than default value 500m',
      'spec.limits[1].type: Invalid value: "Node": must be a standard limit type or fully qualified',
      "spec.limits[2].default: Forbidden: may not be specified when `type` is 'Pod'",
    ]);
    assert.deepEqual(messages(validateLimitRange(lr([{ type: 'PersistentVolumeClaim' }]))), [
      'spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
    ]);
    assert.deepEqual(messages(validateLimitRange(lr([{ type: 'Container', max: { gpu: '1' } }]))), [
      'spec.limits[0].max[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.limits[0].max[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });
});
