import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, formatMicroTime, formatTime, GO_ZERO_TIME_SECONDS } from './go-time.ts';

describe('Go time formats', () => {
  it('writes metav1.Time in whole seconds, UTC', () => {
    // 2026-01-02T03:04:05Z = 1767323045
    assert.equal(formatTime(1767323045n, 0n), '2026-01-02T03:04:05Z');
    assert.equal(formatTime(1767323045n, 999_999_999n), '2026-01-02T03:04:05Z');
    assert.equal(formatTime(0n, 0n), '1970-01-01T00:00:00Z');
    assert.equal(formatTime(-1n, 0n), '1969-12-31T23:59:59Z');
  });

  it('treats Go zero time as null', () => {
    assert.equal(formatTime(GO_ZERO_TIME_SECONDS, 0n), undefined);
    assert.equal(formatMicroTime(GO_ZERO_TIME_SECONDS, 0n), undefined);
    assert.equal(formatTime(GO_ZERO_TIME_SECONDS + 1n, 0n), '0001-01-01T00:00:01Z');
  });

  it('writes MicroTime with exactly six digits, truncated', () => {
    assert.equal(formatMicroTime(1767323045n, 0n), '2026-01-02T03:04:05.000000Z');
    assert.equal(formatMicroTime(1767323045n, 123_456_789n), '2026-01-02T03:04:05.123456Z');
    // time.Unix normalizes nanos outside [0, 1e9)
    assert.equal(formatMicroTime(1767323045n, 1_500_000_000n), '2026-01-02T03:04:06.500000Z');
    assert.equal(formatMicroTime(1767323045n, -1000n), '2026-01-02T03:04:04.999999Z');
  });

  it('refuses years Go cannot marshal', () => {
    assert.equal(formatTime(GO_ZERO_TIME_SECONDS - 1n, 0n), '0000-12-31T23:59:59Z');
    // 0000-01-01T00:00:00Z is -62167219200; one second earlier is year -1
    assert.throws(() => formatTime(-62167219201n, 0n), /year outside of range/);
    assert.throws(() => formatTime(10n ** 15n, 0n), /year outside of range/);
  });

  it('writes durations as time.Duration.String', () => {
    const s = 1_000_000_000n;
    const cases: Array<[bigint, string]> = [
      [0n, '0s'],
      [1n, '1ns'],
      [999n, '999ns'],
      [1500n, '1.5µs'],
      [300_000_000n, '300ms'],
      [1_500_000_000n, '1.5s'],
      [60n * s, '1m0s'],
      [90n * s, '1m30s'],
      [3600n * s, '1h0m0s'],
      [3600n * s + 1n, '1h0m0.000000001s'],
      [-90n * s, '-1m30s'],
      [2n ** 63n - 1n, '2562047h47m16.854775807s'],
      [-(2n ** 63n), '-2562047h47m16.854775808s'],
    ];
    for (const [d, want] of cases) assert.equal(formatDuration(d), want, String(d));
  });
});
