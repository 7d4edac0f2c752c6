import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintContext } from '../../types.ts';
import { messages, stored } from '../shared/testing.ts';
import { controllerRevisionPrinter } from './printer.ts';
import { type ControllerRevision, validateControllerRevision, validateControllerRevisionUpdate } from './validation.ts';

const cr: ControllerRevision = {
  metadata: { name: 'agent-5d8f', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u', controller: true }] },
  data: { spec: {} },
  revision: 1,
};

describe('ControllerRevision', () => {
  it('requires data and a non-negative revision', () => {
    assert.deepEqual(messages(validateControllerRevision({ metadata: { name: 'x' }, revision: -1 })), [
      'data: Required value: data is mandatory',
      'revision: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('keeps data immutable', () => {
    const errs = messages(validateControllerRevisionUpdate({ ...cr, data: {} }, stored(cr)));
    assert.deepEqual(errs, ['data: Invalid value: runtime.RawExtension{Raw:[]uint8{0x7b, 0x7d}, Object:runtime.Object(nil)}: field is immutable']);
  });

  it('prints the controller as kind.group/name', () => {
    const row = controllerRevisionPrinter.cells(stored({ ...cr, metadata: { ...cr.metadata, creationTimestamp: '2026-01-01T00:00:00Z' } }), {
      now: Date.parse('2026-01-01T00:00:05Z'),
    } as PrintContext);
    assert.deepEqual(row, ['agent-5d8f', 'daemonset.apps/agent', 1, '5s']);
  });
});
