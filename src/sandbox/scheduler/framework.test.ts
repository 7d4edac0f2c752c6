import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultNormalizeScore, runPreFilter, statelessFilter, type NodeScore, type Plugin, type PreFilterOutcome } from './framework.ts';
import { unresolvable, unschedulable } from './status.ts';
import { context, makeNode, makePod } from './test-fixtures.ts';

const ctx = () => context(makePod('p'), { nodes: [makeNode('a'), makeNode('b'), makeNode('c')], pods: [] });
const plugin = (name: string, out: PreFilterOutcome, calls?: string[]): Plugin => ({
  name,
  preFilter() {
    calls?.push(name);
    return out;
  },
});
const ok = (nodeNames?: string[]): PreFilterOutcome => ({ kind: 'ok', state: statelessFilter(() => null), ...(nodeNames ? { nodeNames: new Set(nodeNames) } : {}) });

describe('runPreFilter', () => {
  it('intersects the node sets of the plugins', () => {
    const r = runPreFilter(ctx(), { filters: [plugin('A', ok(['a', 'b'])), plugin('B', ok()), plugin('C', ok(['b', 'c']))], scorers: [] });
    assert.ok(r.ok);
    assert.deepEqual(r.ok && [...r.nodeNames!], ['b']);
    assert.deepEqual(r.pluginsWithNodes, ['A', 'C']);
  });

  it('rejects when the sets do not intersect, naming the plugins', () => {
    const two = runPreFilter(ctx(), { filters: [plugin('Zeta', ok(['a'])), plugin('Alpha', ok(['c']))], scorers: [] });
    assert.deepEqual(!two.ok && two.status.reasons, ["node(s) didn't satisfy plugin(s) [Alpha Zeta] simultaneously"]);
    const one = runPreFilter(ctx(), { filters: [plugin('Only', ok([]))], scorers: [] });
    assert.deepEqual(!one.ok && one.status.reasons, ["node(s) didn't satisfy plugin Only"]);
  });

  it('stops at an unresolvable rejection but runs every plugin after an Unschedulable one', () => {
    const calls: string[] = [];
    const stop = runPreFilter(ctx(), { filters: [plugin('X', { kind: 'reject', status: unresolvable('X', 'no') }, calls), plugin('Y', ok(), calls)], scorers: [] });
    assert.deepEqual(calls, ['X']);
    assert.deepEqual(!stop.ok && stop.status.reasons, ['no']);
    calls.length = 0;
    const cont = runPreFilter(ctx(), { filters: [plugin('X', { kind: 'reject', status: unschedulable('X', 'later') }, calls), plugin('Y', ok(), calls)], scorers: [] });
    assert.deepEqual(calls, ['X', 'Y']);
    assert.equal(!cont.ok && cont.status.code, 'Unschedulable');
  });
});

describe('defaultNormalizeScore', () => {
  const scores = (...v: number[]): NodeScore[] => v.map((score, i) => ({ name: `n${i}`, score }));
  it('scales to the highest score, optionally reversed', () => {
    const s = scores(0, 1, 3);
    defaultNormalizeScore(s, false);
    assert.deepEqual(s.map((x) => x.score), [0, 33, 100]);
    const r = scores(0, 1, 3);
    defaultNormalizeScore(r, true);
    assert.deepEqual(r.map((x) => x.score), [100, 67, 0]);
    const zero = scores(0, 0);
    defaultNormalizeScore(zero, true);
    assert.deepEqual(zero.map((x) => x.score), [100, 100]);
  });
});
