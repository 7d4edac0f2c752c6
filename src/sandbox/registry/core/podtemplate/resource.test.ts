import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../../../apimachinery/object.ts';
import type * as core from '../../../../generated/k8s/core/v1.ts';
import { testContext } from '../shared/testing.ts';
import { podTemplateResource } from './resource.ts';

type PodTemplate = core.PodTemplate & StoredObject;

function template(containers: core.Container[], labels?: Record<string, string>, generation?: number): PodTemplate {
  const t = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'tpl', namespace: 'default', uid: 'u', resourceVersion: '1', generation }, template: { metadata: { labels }, spec: { containers } } } as PodTemplate;
  podTemplateResource.defaults!(t);
  return t;
}

describe('PodTemplate', () => {
  const { strategy, printer } = podTemplateResource;

  it('gets template defaults, not the Pod-only ones', () => {
    const t = template([{ name: 'a', image: 'nginx', resources: { limits: { cpu: '1' } } }]);
    assert.equal(t.template!.spec!.restartPolicy, 'Always');
    assert.equal(t.template!.spec!.containers[0]!.imagePullPolicy, 'Always');
    assert.equal(t.template!.spec!.enableServiceLinks, undefined);
    assert.equal(t.template!.spec!.containers[0]!.resources!.requests, undefined);
  });

  it('validates the template under template.*', () => {
    const t = template([{ name: 'a' }], { 'bad key!': 'x' });
    const errs = strategy.validate!(t, testContext()).map(String);
    assert.equal(errs.length, 2);
    assert.match(errs[0]!, /^template\.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters/);
    assert.equal(errs[1], 'template.spec.containers[0].image: Required value');
  });

  it('starts at generation 1 and bumps it when the template changes', () => {
    const t = template([{ name: 'a', image: 'nginx' }]);
    strategy.prepareForCreate!(t, testContext());
    assert.equal(t.metadata.generation, 1);
    const same = template([{ name: 'a', image: 'nginx' }], undefined, 1);
    strategy.prepareForUpdate!(same, t, testContext());
    assert.equal(same.metadata.generation, 1);
    const changed = template([{ name: 'a', image: 'nginx:1.27' }], undefined, 1);
    strategy.prepareForUpdate!(changed, t, testContext());
    assert.equal(changed.metadata.generation, 2);
  });

  it('prints names, images and pod labels', () => {
    const t = template([{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis:7' }], { app: 'web', tier: 'front' });
    assert.deepEqual(printer!.columns.map((c) => c.name), ['Name', 'Containers', 'Images', 'Pod Labels']);
    assert.deepEqual(printer!.cells(t, { now: 0, cluster: testContext().cluster }), ['tpl', 'a,b', 'nginx,redis:7', 'app=web,tier=front']);
    assert.deepEqual(printer!.cells(template([{ name: 'a', image: 'x' }]), { now: 0, cluster: testContext().cluster })[3], '<none>');
  });
});
