import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../apimachinery/errors.ts';
import type { LogLine } from '../node/images/process/types.ts';
import { ByteLimit, formatLogLine, initialLines, kubeletTimestamp, parsePodLogOptions, sinceOf } from './pod-log.ts';

const q = (s: string) => new URLSearchParams(s);
const T0 = Date.parse('2026-01-01T00:00:00Z');
const lines: LogLine[] = [
  { time: T0, stream: 'stdout', text: 'one' },
  { time: T0 + 10_000, stream: 'stderr', text: 'two' },
  { time: T0 + 20_000, stream: 'stdout', text: 'three' },
];

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('parsePodLogOptions', () => {
  it('reads the PodLogOptions query parameters kubectl sends', () => {
    assert.deepEqual(parsePodLogOptions(q('container=web&follow=true&previous=1&timestamps=true&tailLines=10&limitBytes=500&sinceSeconds=5'), 'web'), {
      container: 'web',
      follow: true,
      previous: true,
      timestamps: true,
      tailLines: 10,
      sinceSeconds: 5,
      sinceTime: undefined,
      limitBytes: 500,
    });
    assert.equal(parsePodLogOptions(q('sinceTime=2026-01-01T00:00:10Z'), 'web').sinceTime, T0 + 10_000);
  });

  it('rejects values that do not parse with 400', () => {
    const e = statusOf(() => parsePodLogOptions(q('tailLines=ten'), 'web'));
    assert.equal(e.code, 400);
    assert.match(e.message, /strconv.ParseInt: parsing "ten": invalid syntax/);
    assert.equal(statusOf(() => parsePodLogOptions(q('follow=yes'), 'web')).code, 400);
    assert.equal(statusOf(() => parsePodLogOptions(q('sinceTime=yesterday'), 'web')).code, 400);
  });

  it('validates as ValidatePodLogOptions, every error at once', () => {
    const e = statusOf(() => parsePodLogOptions(q('tailLines=-1&limitBytes=0&sinceSeconds=0'), 'web'));
    assert.equal(e.code, 422);
    assert.equal(
      e.message,
      'PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0, sinceSeconds: Invalid value: 0: must be greater than 0]',
    );
    const both = statusOf(() => parsePodLogOptions(q('sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z'), 'web'));
    assert.equal(both.message, 'PodLogOptions "web" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  });
});

describe('initialLines', () => {
  const opts = (s: string) => parsePodLogOptions(q(s), 'web');
  it('keeps everything by default, the last N with tailLines, none with tailLines=0', () => {
    assert.deepEqual(initialLines(lines, opts(''), T0).map((l) => l.text), ['one', 'two', 'three']);
    assert.deepEqual(initialLines(lines, opts('tailLines=2'), T0).map((l) => l.text), ['two', 'three']);
    assert.deepEqual(initialLines(lines, opts('tailLines=0'), T0), []);
    assert.deepEqual(initialLines(lines, opts('tailLines=99'), T0).length, 3);
  });

  it('drops lines older than sinceSeconds (from now) or sinceTime', () => {
    assert.equal(sinceOf(opts('sinceSeconds=15'), T0 + 30_000), T0 + 15_000);
    assert.deepEqual(initialLines(lines, opts('sinceSeconds=15'), T0 + 30_000).map((l) => l.text), ['three']);
    assert.deepEqual(initialLines(lines, opts('sinceTime=2026-01-01T00:00:10Z'), T0).map((l) => l.text), ['two', 'three']);
    assert.deepEqual(initialLines(lines, opts('sinceTime=2026-01-01T00:00:10Z&tailLines=1'), T0).map((l) => l.text), ['three']);
  });
});

describe('log line rendering', () => {
  it('prints the kubelet fixed-width RFC3339Nano timestamp', () => {
    assert.equal(kubeletTimestamp(T0 + 1_123), '2026-01-01T00:00:01.123000000Z');
    assert.equal(formatLogLine(lines[1]!, true), '2026-01-01T00:00:10.000000000Z two\n');
    assert.equal(formatLogLine(lines[1]!, false), 'two\n');
  });

  it('cuts at limitBytes, mid-line, then passes nothing', () => {
    const limit = new ByteLimit(6);
    assert.equal(limit.take('one\n').toString(), 'one\n');
    assert.equal(limit.spent, false);
    assert.equal(limit.take('three\n').toString(), 'th');
    assert.equal(limit.spent, true);
    assert.equal(limit.take('more\n').length, 0);
    assert.equal(new ByteLimit(undefined).take('x'.repeat(10_000)).length, 10_000);
  });
});
