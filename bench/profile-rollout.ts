// A CPU profile of Deployment rollouts at --speed 1000 (issue 3's rollout target), in process:
//
//   node --import tsx bench/profile-rollout.ts [count]      → bench/results/rollout.cpuprofile
//   node --import tsx bench/profile-summary.ts bench/results/rollout.cpuprofile
//
// One warm-up rollout, then `count` (default 5) 10-replica rollouts in one cluster, profiled.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sandbox } from '../src/sandbox/sandbox.ts';
import { timeRollout } from './lib/simulation-load.ts';

const count = Number(process.argv[2] ?? 5);
const sandbox = await Sandbox.start({ port: 0, speed: 1000 });
const cluster = await sandbox.createCluster();
await timeRollout(cluster, 'warm-up');
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const ms: string[] = [];
for (let i = 0; i < count; i++) ms.push((await timeRollout(cluster, `rollout-${i}`)).toFixed(1));
const { profile } = await session.post('Profiler.stop');
const dir = fileURLToPath(new URL('./results', import.meta.url));
mkdirSync(dir, { recursive: true });
const file = join(dir, 'rollout.cpuprofile');
writeFileSync(file, JSON.stringify(profile));
console.log(`rollouts (wall ms): ${ms.join(' ')}; profile ${file}`);
await sandbox.stop();
