import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodIPAllocator } from './pod-ip-allocator.ts';

const ip = (a: PodIPAllocator, node: string, cidr: string, uid: string) => {
  const r = a.allocate(node, cidr, uid);
  return r.ok ? r.ip : r.message;
};

test('the first pod of a node gets .2, then addresses follow in order, per node', () => {
  const a = new PodIPAllocator();
  assert.equal(ip(a, 'w1', '10.244.1.0/24', 'p1'), '10.244.1.2');
  assert.equal(ip(a, 'w1', '10.244.1.0/24', 'p2'), '10.244.1.3');
  assert.equal(ip(a, 'w2', '10.244.2.0/24', 'p3'), '10.244.2.2');
  assert.equal(ip(a, 'w1', '10.244.1.0/24', 'p1'), '10.244.1.2', 'the same pod keeps its address');
  assert.equal(a.addressOf('p2'), '10.244.1.3');
});

test('a released address is reused only after the range wraps (host-local round robin)', () => {
  const a = new PodIPAllocator();
  for (let i = 0; i < 3; i++) ip(a, 'w1', '10.244.1.0/29', `p${i}`); // .2 .3 .4 of .2-.6
  a.release('p0');
  assert.equal(a.addressOf('p0'), undefined);
  assert.equal(ip(a, 'w1', '10.244.1.0/29', 'p3'), '10.244.1.5');
  assert.equal(ip(a, 'w1', '10.244.1.0/29', 'p4'), '10.244.1.6');
  assert.equal(ip(a, 'w1', '10.244.1.0/29', 'p5'), '10.244.1.2');
  assert.match(ip(a, 'w1', '10.244.1.0/29', 'p6'), /no IP addresses available in range set: 10.244.1.2-10.244.1.6/);
});
