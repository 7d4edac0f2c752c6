// Summarizes a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --profile`): self time
// by function and by source file, heaviest first, so hot spots can be named with numbers.
//
//   node --import tsx bench/profile-summary.ts bench/results/profiles/CPU.*.cpuprofile [--top 30]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
const top = Number(values.top);

for (const file of positionals) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fnTime = new Map<string, number>();
  const fileTime = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const cf = byId.get(id)!.callFrame;
    const where = cf.url.replace(/^file:\/\/.*?\/(src|node_modules|bench)\//, '$1/') || '(native)';
    const fn = `${cf.functionName || '(anonymous)'} ${where}:${cf.lineNumber + 1}`;
    fnTime.set(fn, (fnTime.get(fn) ?? 0) + us);
    fileTime.set(where, (fileTime.get(where) ?? 0) + us);
  }
  const show = (title: string, m: Map<string, number>) => {
    process.stdout.write(`\n${title}\n`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}\n`);
    }
  };
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
  show('self time by file', fileTime);
  show('self time by function', fnTime);
}
