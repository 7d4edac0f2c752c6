import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ControllerRevision, planUpdateRevision, revisionsToTruncate, revisionTemplate, sortRevisions, templatePatch } from './revisions.ts';

const tpl = (image: string) => ({ metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image }] } });
function rev(name: string, revision: number, image: string): ControllerRevision {
  return { metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' }, revision, data: JSON.parse(templatePatch(tpl(image))) as ControllerRevision['data'] };
}

describe('revision history', () => {
  it('keeps the latest revision when the template is unchanged', () => {
    const revs = sortRevisions([rev('db-b', 2, 'v2'), rev('db-a', 1, 'v1')]);
    assert.deepEqual(revs.map((r) => r.metadata.name), ['db-a', 'db-b']);
    const step = planUpdateRevision(revs, templatePatch(tpl('v2')));
    assert.equal(step.type, 'keep');
    assert.equal(step.type === 'keep' && step.revision.metadata.name, 'db-b');
  });

  it('renumbers an older equal revision to the next number (a rollback)', () => {
    const revs = sortRevisions([rev('db-a', 1, 'v1'), rev('db-b', 2, 'v2')]);
    assert.deepEqual(planUpdateRevision(revs, templatePatch(tpl('v1'))), { type: 'renumber', revision: revs[0], to: 3 });
  });

  it('creates a new revision for a new template, numbered after the highest', () => {
    const revs = sortRevisions([rev('db-a', 1, 'v1'), rev('db-b', 4, 'v2')]);
    const raw = templatePatch(tpl('v3'));
    assert.deepEqual(planUpdateRevision(revs, raw), { type: 'create', raw, number: 5 });
    assert.deepEqual(planUpdateRevision([], raw), { type: 'create', raw, number: 1 });
  });

  it('restores the template a revision holds', () => {
    assert.deepEqual(revisionTemplate(rev('db-a', 1, 'v1')), tpl('v1'));
  });

  it('truncates the oldest unused revisions beyond the limit', () => {
    const revs = sortRevisions([1, 2, 3, 4, 5].map((n) => rev(`db-${n}`, n, `v${n}`)));
    const live = new Set(['db-1', 'db-5']);
    assert.deepEqual(revisionsToTruncate(revs, live, 2).map((r) => r.metadata.name), ['db-2']);
    assert.deepEqual(revisionsToTruncate(revs, live, 3), []);
    assert.deepEqual(revisionsToTruncate(revs, new Set(), 0).length, 5);
  });
});
