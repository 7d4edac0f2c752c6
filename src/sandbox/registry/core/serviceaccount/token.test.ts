import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../shared/testing.ts';
import { validateTokenRequest } from './token.ts';

describe('validateTokenRequest', () => {
  it('allows 10 minutes to 2^32 seconds', () => {
    const tr = (expirationSeconds: number) => ({ spec: { audiences: [], expirationSeconds } });
    assert.deepEqual(messages(validateTokenRequest(tr(600))), []);
    assert.deepEqual(messages(validateTokenRequest(tr(60))), ['spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes']);
    assert.deepEqual(messages(validateTokenRequest(tr(2 ** 32 + 1))), ['spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds']);
  });
});
