import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTemplate, type TemplateScope } from './template.ts';

function scope(extra: Partial<TemplateScope> = {}): TemplateScope {
  let pid = 29;
  return {
    env: { POSTGRES_USER: 'app', EMPTY: '' },
    image: { version: '1.27.5' },
    node: { cpus: 4, kernel: '6.8.0', name: 'n1', ipv6: true },
    pod: { ip: '10.244.0.7', hostname: 'web-0' },
    args: ['--port', '6380', '--appendonly=yes'],
    vars: {},
    now: () => Date.parse('2025-04-10T08:09:03.045Z'),
    random: () => 0.5,
    nextPid: () => pid++,
    ...extra,
  };
}

describe('renderTemplate', () => {
  it('substitutes roots, defaults (nested) and flags', () => {
    const s = scope();
    assert.equal(renderTemplate('nginx/${image.version} on ${pod.hostname} (${pod.ip}), ${node.cpus} CPUs', s), 'nginx/1.27.5 on web-0 (10.244.0.7), 4 CPUs');
    assert.equal(renderTemplate('${env.POSTGRES_DB:-${env.POSTGRES_USER:-postgres}}', s), 'app');
    assert.equal(renderTemplate('${env.EMPTY:-fallback} ${env.MISSING}.', s), 'fallback .');
    assert.equal(renderTemplate('${flag.--port:-6379} ${flag.--appendonly} ${flag.--bind:-0.0.0.0}', s), '6380 yes 0.0.0.0');
    assert.equal(renderTemplate('cost: $$5', s), 'cost: $5');
  });

  it('formats times as each program does', () => {
    const s = scope();
    assert.equal(renderTemplate('${time.nginx}', s), '2025/04/10 08:09:03');
    assert.equal(renderTemplate('${time.clf}', s), '10/Apr/2025:08:09:03 +0000');
    assert.equal(renderTemplate('${time.redis}', s), '10 Apr 2025 08:09:03.045');
    assert.equal(renderTemplate('${time.pg}', s), '2025-04-10 08:09:03.045 UTC');
    assert.equal(renderTemplate('${time.mysqlEntrypoint}', s), '2025-04-10 08:09:03+00:00');
    assert.equal(renderTemplate('${time.mysql}', s), '2025-04-10T08:09:03.045500Z');
    assert.equal(renderTemplate('${time.apache}', s), 'Thu Apr 10 08:09:03.045500 2025');
    assert.equal(renderTemplate('${time.http}', s), 'Thu, 10 Apr 2025 08:09:03 GMT');
  });

  it('hands out process ids in order and reads files', () => {
    const s = scope({ readFile: (p) => (p === '/data/x' ? 'content\n' : undefined) });
    assert.equal(renderTemplate('${nextPid} ${nextPid}', s), '29 30');
    assert.equal(renderTemplate('[${read./data/x}] [${read./nope:-none}]', s), '[content] [none]');
  });

  it('refuses an unknown root instead of printing a blank', () => {
    assert.throws(() => renderTemplate('${nope.x}', scope()), /unknown template expression/);
  });
});
