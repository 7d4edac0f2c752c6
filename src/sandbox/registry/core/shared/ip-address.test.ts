import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { path } from '../../../../apimachinery/field-errors.ts';
import { ipFamilyOf, validateCIDR, validateIP, validateNonSpecialIP } from './ip-address.ts';
import { messages } from './testing.ts';

describe('IP validation', () => {
  it('tells families apart, accepting Go-sloppy IPv4', () => {
    assert.equal(ipFamilyOf('10.96.0.1'), 'IPv4');
    assert.equal(ipFamilyOf('010.096.000.001'), 'IPv4');
    assert.equal(ipFamilyOf('fd00::1'), 'IPv6');
    assert.equal(ipFamilyOf('::ffff:1.2.3.4'), 'IPv4');
    assert.equal(ipFamilyOf('1.2.3'), undefined);
    assert.equal(ipFamilyOf('fe80::1%eth0'), undefined);
  });

  it('words errors as upstream', () => {
    assert.deepEqual(messages(validateIP(path('ip'), 'x')), ['ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    assert.deepEqual(messages(validateCIDR(path('c'), '10.0.0.0/33')), ['c: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
    assert.deepEqual(messages(validateNonSpecialIP('127.0.0.1', path('ip'))), ['ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']);
    assert.deepEqual(messages(validateNonSpecialIP('0.0.0.0', path('ip'))), ['ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']);
    assert.deepEqual(messages(validateNonSpecialIP('169.254.1.1', path('ip'))), ['ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)']);
    assert.deepEqual(messages(validateNonSpecialIP('fe80::1', path('ip'))), ['ip: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)']);
    assert.deepEqual(messages(validateNonSpecialIP('10.1.2.3', path('ip'))), []);
  });
});
