import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64Error, decodedLength } from './base64.ts';

describe('base64Error (Go StdEncoding)', () => {
  it('accepts padded base64, with line breaks, and the empty string', () => {
    for (const s of ['', 'cGFzcw==', 'YWRtaW4=', 'YWJj', 'YW\nJj', 'YWJj\r\n']) assert.equal(base64Error(s), undefined, s);
  });

  it('names the first byte Go rejects', () => {
    assert.equal(base64Error('cGFzcw='), 'illegal base64 data at input byte 7');
    assert.equal(base64Error('abc'), 'illegal base64 data at input byte 0');
    assert.equal(base64Error('ab$d'), 'illegal base64 data at input byte 2');
    assert.equal(base64Error('a==='), 'illegal base64 data at input byte 1');
    assert.equal(base64Error('YQ==YQ=='), 'illegal base64 data at input byte 4');
    assert.equal(base64Error('hello world'), 'illegal base64 data at input byte 5');
  });

  it('measures decoded sizes', () => {
    assert.equal(decodedLength('cGFzcw=='), 4);
  });
});
