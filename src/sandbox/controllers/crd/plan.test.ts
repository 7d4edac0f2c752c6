import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CustomResourceDefinition } from '../../registry/apiextensions/customresourcedefinition/types.ts';
import { desiredStatus, finalizeStep, servedVersions } from './plan.ts';

const NOW = '2024-05-01T12:00:00Z';

function crd(plural: string, kind: string, extra: Partial<CustomResourceDefinition['spec']['names']> = {}): CustomResourceDefinition {
  return {
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural, kind, singular: kind.toLowerCase(), listKind: `${kind}List`, ...extra },
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } }, subresources: { status: {} } },
        { name: 'v1beta1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
      ],
    },
    status: { acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] },
  };
}

function accepted(c: CustomResourceDefinition): CustomResourceDefinition {
  const status = desiredStatus(c, [c], NOW)!;
  return { ...c, status };
}

describe('CRD controller planning', () => {
  it('accepts fresh names and establishes the CRD', () => {
    const c = crd('widgets', 'Widget', { shortNames: ['wd'] });
    const status = desiredStatus(c, [c], NOW)!;
    assert.deepEqual(status.acceptedNames, { plural: 'widgets', singular: 'widget', shortNames: ['wd'], kind: 'Widget', listKind: 'WidgetList' });
    assert.deepEqual(
      status.conditions!.map((x) => [x.type, x.status, x.reason, x.message, x.lastTransitionTime]),
      [
        ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found', NOW],
        ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted', NOW],
      ],
    );
    assert.equal(desiredStatus({ ...c, status }, [{ ...c, status }], NOW), undefined, 'settled');
  });

  it('refuses names another CRD of the group holds', () => {
    const first = accepted(crd('widgets', 'Widget', { shortNames: ['w'] }));
    const second = crd('gadgets', 'Gadget', { shortNames: ['w'] });
    const status = desiredStatus(second, [first, second], NOW)!;
    const names = status.conditions!.find((x) => x.type === 'NamesAccepted')!;
    assert.deepEqual([names.status, names.reason, names.message], ['False', 'ShortNamesConflict', '"w" is already in use']);
    const established = status.conditions!.find((x) => x.type === 'Established')!;
    assert.deepEqual([established.status, established.reason, established.message], ['False', 'NotAccepted', 'not all names are accepted']);
    assert.deepEqual(servedVersions({ ...second, status }), []);
    const kindClash = crd('things', 'Widget');
    const s2 = desiredStatus(kindClash, [first, kindClash], NOW)!;
    // Kind and listKind both clash; as upstream, the last conflict found is the reason.
    assert.equal(s2.conditions!.find((x) => x.type === 'NamesAccepted')!.reason, 'ListKindConflict');
  });

  it('serves only served versions of an established CRD, under the accepted names', () => {
    const c = accepted(crd('widgets', 'Widget'));
    const served = servedVersions(c);
    assert.deepEqual(
      served.map((v) => [v.group, v.version, v.plural, v.kind, v.storageVersion, v.status, v.namespaced]),
      [['example.com', 'v1', 'widgets', 'Widget', 'v1', true, true]],
    );
  });

  it('finalizes a deleted CRD: delete instances, wait for them, then release it', () => {
    const c = accepted(crd('widgets', 'Widget'));
    c.metadata.deletionTimestamp = NOW;
    c.metadata.finalizers = ['customresourcecleanup.apiextensions.k8s.io'];
    assert.equal(finalizeStep(c, 2, 0)!.kind, 'delete-instances');
    assert.equal(finalizeStep(c, 2, 2)!.kind, 'wait');
    const done = finalizeStep(c, 0, 0)!;
    assert.deepEqual(done, { kind: 'remove-finalizer', condition: { type: 'Terminating', status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' } });
    const never = crd('gadgets', 'Gadget');
    never.metadata.deletionTimestamp = NOW;
    never.metadata.finalizers = ['customresourcecleanup.apiextensions.k8s.io'];
    assert.deepEqual(finalizeStep(never, 0, 0), {
      kind: 'remove-finalizer',
      condition: { type: 'Terminating', status: 'False', reason: 'NeverEstablished', message: 'resource was never established' },
    });
    assert.equal(finalizeStep(accepted(crd('x', 'X')), 1, 0), undefined);
  });

  it('sets the API approval condition in protected groups', () => {
    const c = crd('widgets', 'Widget');
    c.spec.group = 'widgets.k8s.io';
    c.metadata.annotations = { 'api-approved.kubernetes.io': 'https://github.com/kubernetes/kubernetes/pull/1' };
    const cond = desiredStatus(c, [c], NOW)!.conditions!.find((x) => x.type === 'KubernetesAPIApprovalPolicyConformant')!;
    assert.deepEqual([cond.status, cond.reason, cond.message], ['True', 'ApprovedAnnotation', 'approved in https://github.com/kubernetes/kubernetes/pull/1']);
  });
});
