import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualClock } from '../../sim/clock.ts';
import { runProbe, resolvePort, type ProbeTarget } from './prober.ts';

function target(answer: Awaited<ReturnType<ProbeTarget['http']>> | 'hang', listening: number[] = []): ProbeTarget {
  const clock = new VirtualClock();
  return {
    podIP: '10.244.1.5',
    nodeIP: '172.18.0.3',
    http: () => (answer === 'hang' ? new Promise(() => {}) : Promise.resolve(answer)),
    listening: (p) => listening.includes(p),
    exec: async (argv) => (argv[0] === 'true' ? { code: 0, output: '' } : { code: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" }),
    sleep: (ms) => {
      const p = clock.sleep(ms);
      void clock.advance(ms);
      return p;
    },
  };
}

const container = { name: 'app', ports: [{ name: 'http', containerPort: 8080 }] };

describe('prober', () => {
  it('passes 2xx/3xx and words other statuses as upstream', async () => {
    const ok = await runProbe({ httpGet: { path: '/', port: 8080 } }, container, target({ status: 302, statusText: 'Found', headers: {}, body: '' }), 1000);
    assert.equal(ok.result, 'success');
    const bad = await runProbe({ httpGet: { path: '/healthz', port: 'http' } }, container, target({ status: 503, statusText: 'x', headers: {}, body: '' }), 1000);
    assert.deepEqual(bad, { result: 'failure', output: 'HTTP probe failed with statuscode: 503' });
  });

  it('reports a refused connection, a non-HTTP port and a timeout with Go\'s errors', async () => {
    const refused = await runProbe({ httpGet: { path: '/healthz', port: 8080 } }, container, target({ kind: 'refused', host: '10.244.1.5', port: 8080 }), 1000);
    assert.equal(refused.output, 'Get "http://10.244.1.5:8080/healthz": dial tcp 10.244.1.5:8080: connect: connection refused');
    const eof = await runProbe({ httpGet: { port: 6379 } }, container, target({ kind: 'not-http', port: 6379 }), 1000);
    assert.equal(eof.output, 'Get "http://10.244.1.5:6379/": EOF');
    const slow = await runProbe({ httpGet: { path: '/', port: 8080 } }, container, target('hang'), 1000);
    assert.equal(slow.output, 'Get "http://10.244.1.5:8080/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
  });

  it('checks tcpSocket ports and passes exec output through', async () => {
    assert.equal((await runProbe({ tcpSocket: { port: 'http' } }, container, target('hang', [8080]), 1000)).result, 'success');
    assert.equal((await runProbe({ tcpSocket: { port: 5432 } }, container, target('hang'), 1000)).output, 'dial tcp 10.244.1.5:5432: connect: connection refused');
    const exec = await runProbe({ exec: { command: ['cat', '/tmp/healthy'] } }, container, target('hang'), 1000);
    assert.deepEqual(exec, { result: 'failure', output: "cat: can't open '/tmp/healthy': No such file or directory\n" });
  });

  it('resolves named ports from the container', () => {
    assert.equal(resolvePort('http', container), 8080);
    assert.equal(resolvePort('9090', container), 9090);
    assert.equal(resolvePort('metrics', container), undefined);
  });
});
