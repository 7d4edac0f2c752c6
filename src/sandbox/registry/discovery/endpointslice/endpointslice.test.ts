import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../../core/shared/testing.ts';
import { formatSliceEndpoints, formatSlicePorts } from './printer.ts';
import type { EndpointSlice } from './types.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './validation.ts';

const slice = (extra: Partial<EndpointSlice>): EndpointSlice => ({ metadata: { name: 's', namespace: 'default' }, addressType: 'IPv4', endpoints: [], ...extra });

describe('EndpointSlice', () => {
  it('prints ports and addresses as upstream, <unset> when empty', () => {
    assert.equal(formatSlicePorts(slice({})), '<unset>');
    assert.equal(formatSliceEndpoints(slice({})), '<unset>');
    assert.equal(formatSlicePorts(slice({ ports: [{ port: 80 }, { name: 'x' }, {}] })), '80,x,*');
    const eps = slice({ endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3', '10.0.0.4'] }] });
    assert.equal(formatSliceEndpoints(eps), '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...');
  });

  it('validates address types, addresses and ports', () => {
    assert.deepEqual(messages(validateEndpointSlice(slice({ addressType: 'Bogus' }))), ['addressType: Unsupported value: "Bogus": supported values: "FQDN", "IPv4", "IPv6"']);
    assert.deepEqual(messages(validateEndpointSlice(slice({ endpoints: [{ addresses: [] }, { addresses: ['fd00::1'] }], ports: [{ name: '', protocol: 'TCP' }, { name: '', protocol: 'TCP' }] }))), [
      'endpoints[0].addresses: Required value: must contain at least 1 address',
      'endpoints[1].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
      'ports[1].name: Duplicate value: ""',
    ]);
  });

  it('keeps addressType', () => {
    assert.deepEqual(messages(validateEndpointSliceUpdate(slice({ addressType: 'IPv6' }), slice({}))), ['addressType: Invalid value: "IPv6": field is immutable']);
  });
});
