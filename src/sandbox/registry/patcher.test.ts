import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../apimachinery/errors.ts';
import type { KubeObject } from '../../apimachinery/object.ts';
import { builtinSchema } from '../../apimachinery/openapi/schema-model.ts';
import { patcher } from './patcher.ts';
import type { ResourceDef } from './types.ts';

const deployments = {
  definition: 'io.k8s.api.apps.v1.Deployment',
  schema: () => builtinSchema().node('io.k8s.api.apps.v1.Deployment'),
} as unknown as ResourceDef;

const live = (): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1' }] } } },
  }) as KubeObject;

function status(fn: () => unknown): ReturnType<StatusError['toStatus']> {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.toStatus();
    throw e;
  }
  assert.fail('expected a StatusError');
}

describe('patcher', () => {
  it('merges containers by name with a strategic merge patch', () => {
    const out = patcher.patch(deployments, 'strategic', live(), { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } }) as KubeObject & {
      spec: { template: { spec: { containers: unknown[] } } };
    };
    assert.deepEqual(out.spec.template.spec.containers, [{ name: 'nginx', image: 'nginx:2' }]);
  });

  it('answers a missing merge key with a 500 without reason (upstream returns the plain error)', () => {
    const s = status(() => patcher.patch(deployments, 'strategic', live(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }));
    assert.deepEqual([s.code, s.reason, s.message], [500, undefined, 'map: map[image:x] does not contain declared merge key: name']);
  });

  it('answers a bad $retainKeys with 400', () => {
    const s = status(() => patcher.patch(deployments, 'strategic', live(), { spec: { $retainKeys: 'type' } }));
    assert.deepEqual([s.code, s.reason, s.message], [400, 'BadRequest', 'invalid patch format of retainKeys']);
  });

  it('answers a JSON patch that cannot apply with 422 and one that is not a list with 400', () => {
    const s = status(() => patcher.patch(deployments, 'json', live(), [{ op: 'remove', path: '/spec/nothere' }]));
    assert.deepEqual([s.code, s.reason, s.message, s.details], [422, 'Invalid', 'the server rejected our request due to an error in our request', {}]);
    assert.equal(status(() => patcher.patch(deployments, 'json', live(), { op: 'remove' })).code, 400);
  });

  it('rejects a non-object merge patch as a bad request', () => {
    const s = status(() => patcher.patch(deployments, 'merge', live(), [1]));
    assert.deepEqual([s.code, s.message], [400, 'json: cannot unmarshal array into Go value of type map[string]interface {}']);
  });
});
