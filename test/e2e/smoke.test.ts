import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type TestCluster } from '../helpers/sandbox.ts';

describe('sandbox smoke', () => {
  let t: TestCluster;
  before(async () => {
    t = await startSandbox();
  });
  after(() => t.stop());

  it('lists the namespaces of a fresh cluster', async () => {
    const r = await t.kubectl('get ns');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+STATUS\s+AGE$/);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
      ['default Active', 'kube-node-lease Active', 'kube-public Active', 'kube-system Active'],
    );
  });

  it('reports created, unchanged and configured on apply', async () => {
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  x: "${v}"\n`;
    assert.equal((await t.kubectl('apply -f -', { input: cm('1') })).stdout.trim(), 'configmap/settings created');
    assert.equal((await t.kubectl('apply -f -', { input: cm('1') })).stdout.trim(), 'configmap/settings unchanged');
    assert.equal((await t.kubectl('apply -f -', { input: cm('2') })).stdout.trim(), 'configmap/settings configured');
  });

  it('answers a missing object as upstream does', async () => {
    const r = await t.kubectl('get configmap nope');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error from server \(NotFound\): configmaps "nope" not found/);
  });
});
