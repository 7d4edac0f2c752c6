import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixed, WireReader, WireType } from './wire-reader.ts';

const reader = (...bytes: number[]) => new WireReader(Uint8Array.from(bytes));

describe('WireReader', () => {
  it('reads varints of one and several bytes', () => {
    assert.equal(reader(0x01).varint(), 1n);
    assert.equal(reader(0xac, 0x02).varint(), 300n);
    assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).varint(), 2n ** 64n - 1n);
  });

  it('rejects a varint longer than 64 bits and a truncated one, with gogo wording', () => {
    assert.throws(() => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).varint(), /^Error: proto: integer overflow$/);
    assert.throws(() => reader(0x80, 0x80).varint(), /^Error: unexpected EOF$/);
  });

  it('splits a key into field number and wire type', () => {
    assert.deepEqual(reader(0x0a).tag('ConfigMap'), { field: 1, wireType: WireType.bytes });
    assert.deepEqual(reader(0x80, 0x01).tag('ConfigMap'), { field: 16, wireType: WireType.varint });
  });

  it('rejects field number 0 and a stray end-group key', () => {
    assert.throws(() => reader(0x02).tag('ConfigMap'), { message: 'proto: ConfigMap: illegal tag 0 (wire type 2)' });
    assert.throws(() => reader(0x0c).tag('ConfigMap'), { message: 'proto: ConfigMap: wiretype end group for non-group' });
  });

  it('reads length-delimited payloads and refuses lengths past the end', () => {
    assert.deepEqual([...reader(0x03, 0x61, 0x62, 0x63).bytes()], [0x61, 0x62, 0x63]);
    assert.throws(() => reader(0x05, 0x61).bytes(), { message: 'unexpected EOF' });
    assert.throws(() => reader(0xff, 0xff, 0xff, 0xff, 0x0f, 0x61).bytes(), { message: 'unexpected EOF' });
  });

  it('stays inside its window', () => {
    const buf = Uint8Array.of(0x01, 0x02, 0x03, 0x04);
    const r = new WireReader(buf, 1, 2);
    assert.equal(r.varint(), 2n);
    assert.equal(r.done, true);
    assert.throws(() => r.varint(), { message: 'unexpected EOF' });
  });

  it('skips every wire type, nested groups included', () => {
    // varint, fixed64, bytes, group{ varint, group{} }, fixed32, then a varint 7
    const r = reader(0x96, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x61, 0x62, 0x08, 0x01, 0x13, 0x14, 0x0c, 9, 9, 9, 9, 0x07);
    r.skip(WireType.varint);
    r.skip(WireType.fixed64);
    r.skip(WireType.bytes);
    r.skip(WireType.startGroup);
    r.skip(WireType.fixed32);
    assert.equal(r.varint(), 7n);
    assert.throws(() => reader(0x00).skip(6), { message: 'proto: illegal wireType 6' });
    assert.throws(() => reader().skip(WireType.endGroup), { message: 'proto: unexpected end of group' });
  });

  it('decodes little-endian fixed-width values', () => {
    assert.equal(readFixed(Uint8Array.of(0, 0, 0, 0, 0, 0, 0xf8, 0x3f), 'double'), 1.5);
    assert.equal(readFixed(Uint8Array.of(0xff, 0xff, 0xff, 0xff), 'sfixed32'), -1);
    assert.equal(readFixed(Uint8Array.of(0xff, 0xff, 0xff, 0xff), 'fixed32'), 4294967295);
    assert.equal(readFixed(Uint8Array.of(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 'sfixed64'), -2n);
  });
});
