import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePod } from '../test-fixtures.ts';
import { gatedMessage, schedulingGates } from './scheduling-gates.ts';

describe('SchedulingGates', () => {
  it('lists the gates of a gated pod in Go slice format', () => {
    const gates = schedulingGates(makePod('p', { spec: { schedulingGates: [{ name: 'a' }, { name: 'b' }] } }));
    assert.deepEqual(gates, ['a', 'b']);
    assert.equal(gatedMessage(gates!), 'waiting for scheduling gates: [a b]');
  });

  it('lets ungated pods through', () => {
    assert.equal(schedulingGates(makePod('p')), undefined);
    assert.equal(schedulingGates(makePod('p', { spec: { schedulingGates: [] } })), undefined);
  });
});
