import { Sandbox } from './src/sandbox/sandbox.ts';
import { timeRollout } from './bench/lib/simulation-load.ts';
const sb = await Sandbox.start({ port: 0, speed: Number(process.env.SPEED ?? 1000) });
const c = await sb.createCluster();
await new Promise((r) => setTimeout(r, 200));
const t0 = performance.now();
const seen: string[] = [];
c.store.observe((ev: any) => {
  const o = ev.object ?? ev.entries?.[0]?.object;
  const kind = (o?.kind ?? ev.resource ?? '?');
  if (String(kind).includes('Lease') || String(ev.resource).includes('lease')) return;
  seen.push(`${(performance.now() - t0).toFixed(1)}ms sim+${((c.clock.now() - simT0) / 1000).toFixed(2)}s ${ev.type} ${ev.resource ?? kind} ${o?.metadata?.name ?? ''} ${o?.status?.phase ?? ''}`);
});
const simT0 = c.clock.now();
const ms = await timeRollout(c, 'r1');
console.log('rollout ms', ms.toFixed(1));
console.log(seen.slice(0, 400).join('\n'));
await sb.stop();
process.exit(0);
