import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../domain/draft';
import type { RemoteIdea } from '../domain/idea';
import { createChangeNotices } from '../storage/change-notices';
import { draftRecord } from '../storage/test-helpers';
import { StorageError } from '../storage/errors';
import { createDraftsModel } from './drafts-model';
import { instrumentedStore } from './test-helpers';

describe('DraftsModel', () => {
  it('lists drafts newest first, counts waiting and attention, reads cached challenges', async () => {
    const store = await instrumentedStore();
    await store.put(draftRecord('a', { queuedAt: 1, updatedAt: 1, state: 'queued' }));
    await store.put(draftRecord('b', { updatedAt: 2, state: 'needs-attention' }));
    await store.put(draftRecord('c', { queuedAt: 3, updatedAt: 3, state: 'sent' }));
    await store.put(draftRecord('d', { queuedAt: 4, updatedAt: 4, state: 'sending' }));
    await store.putChallenges([{ id: 'c1', title: 'Utmaning', summary: '', url: 'https://intranet.example/c1' }], 5);
    const model = createDraftsModel({ store });
    await model.refresh();
    expect(model.drafts.value.map((d) => d.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(model.challenges.value.map((c) => c.id)).toEqual(['c1']);
  });

  it('keeps a submitted idea in its place when sync changes it; an idea being written sorts by its last change', async () => {
    const store = await instrumentedStore();
    // `older` was submitted first; its failed try (or a status refresh) changed it last.
    await store.put(draftRecord('older', { state: 'queued', createdAt: 1, queuedAt: 2, updatedAt: 50, attempts: 1 }));
    await store.put(draftRecord('newer', { state: 'queued', createdAt: 3, queuedAt: 4, updatedAt: 4 }));
    await store.put(draftRecord('status', { state: 'sent', createdAt: 1, queuedAt: 1, sentAt: 2, updatedAt: 60, remoteStatus: 'in-review' }));
    await store.put(draftRecord('writing', { state: 'draft', createdAt: 0, updatedAt: 10 }));
    await store.put(draftRecord('corrected', { state: 'needs-attention', createdAt: 0, queuedAt: 1, updatedAt: 5 }));
    const model = createDraftsModel({ store });
    await model.refresh();
    expect(model.drafts.value.map((d) => d.id)).toEqual(['writing', 'corrected', 'newer', 'older', 'status']);
  });

  it('refreshes on change notices from another context, and removes on request', async () => {
    const mine = createChangeNotices('drafts-model-test');
    const theirs = createChangeNotices('drafts-model-test'); // e.g. the background worker's sync
    const shared = { name: 'two-contexts', indexedDB: new IDBFactory() }; // one database, two connections
    const store = await instrumentedStore(shared);
    const writer = await instrumentedStore({ ...shared, notices: theirs });
    const model = createDraftsModel({ store, notices: mine });
    await model.refresh();
    expect(model.drafts.value).toEqual([]);
    await writer.put(draftRecord('x', { state: 'queued' })); // posts on its channel after commit
    await vi.waitFor(() => expect(model.drafts.value.map((d) => d.id)).toEqual(['x']));
    const removed = await model.remove('x');
    expect(model.drafts.value).toEqual([]);
    // Undo: the record comes back as it was, in this model and for the other context.
    await model.restore(removed!);
    expect(model.drafts.value).toEqual([draftRecord('x', { state: 'queued' })]);
    expect(await writer.get('x')).toEqual(draftRecord('x', { state: 'queued' }));
    // An undo again, with the record there again and changed since: what is there stays.
    await writer.put(draftRecord('x', { state: 'sent' }));
    await model.restore(removed!);
    expect((await writer.get('x'))?.state).toBe('sent');
    model.dispose();
    writer.close();
    mine.close();
    theirs.close();
  });
});

describe('DraftsModel: settling a 409', () => {
  const failure = { kind: 'conflict' as const, status: 409, at: 5 };
  const remoteOf = (record: DraftRecord, title: string): RemoteIdea => ({
    ...record.content, title, id: record.id, status: 'in-review', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z',
  });
  async function conflicted(withCopy: boolean) {
    const store = await instrumentedStore();
    const base = draftRecord('c', { state: 'needs-attention', lastFailure: failure });
    const record: DraftRecord = { ...base, content: { ...base.content, title: 'Min andra version' } };
    if (withCopy) record.conflict = remoteOf(record, 'Min första version');
    await store.put(record);
    const model = createDraftsModel({ store, now: () => 1_000 });
    await model.refresh();
    return { store, model };
  }

  it('keeping the intranet’s version makes the record that sent idea, listed where the choice was made', async () => {
    const { store, model } = await conflicted(true);
    await store.put(draftRecord('later', { state: 'sent', createdAt: 500, queuedAt: 500, sentAt: 600, updatedAt: 600 }));
    await model.keepIntranetVersion('c');
    expect(model.drafts.value.map((d) => d.id)).toEqual(['c', 'later']);
    expect(await store.get('c')).toMatchObject({ state: 'sent', content: { title: 'Min första version' }, remoteStatus: 'in-review', sentAt: 1_000 });
    expect((await store.get('c'))?.conflict).toBeUndefined();
  });

  it('sending this version as a new idea queues it under a new id, beside the intranet’s version', async () => {
    const { store, model } = await conflicted(true);
    const id = await model.sendAsNewIdea('c');
    expect(id).not.toBe('c');
    expect(await store.get(id)).toMatchObject({ state: 'queued', content: { title: 'Min andra version' }, attempts: 0 });
    expect(await store.get('c')).toMatchObject({ state: 'sent', content: { title: 'Min första version' } });
    expect(model.drafts.value).toHaveLength(2);
  });

  it('without the intranet’s copy, only this version remains, as a new idea; keeping theirs is refused', async () => {
    const { store, model } = await conflicted(false);
    await expect(model.keepIntranetVersion('c')).rejects.toMatchObject({ refusal: { reason: 'no-conflict' } });
    const id = await model.sendAsNewIdea('c');
    expect((await store.list()).map((d) => [d.id, d.state])).toEqual([[id, 'queued']]);
  });

  it('a store that fails to settle the old record takes the new copy back: trying again queues one idea, not two', async () => {
    const { store, model } = await conflicted(true);
    const update = store.update.bind(store);
    vi.spyOn(store, 'update').mockImplementationOnce(() => Promise.reject(new StorageError('quota', 'The disk is full.')));
    await expect(model.sendAsNewIdea('c')).rejects.toBeInstanceOf(StorageError);
    expect((await store.list()).map((d) => [d.id, d.state])).toEqual([['c', 'needs-attention']]);
    vi.mocked(store.update).mockImplementation(update);
    await model.sendAsNewIdea('c');
    expect((await store.listByState('queued')).map((d) => d.content.title)).toEqual(['Min andra version']);
  });

  it('refuses an invalid version and keeps the record as it was', async () => {
    const { store, model } = await conflicted(true);
    await store.update('c', (r) => ({ ...r, content: { ...r.content, title: '' } }));
    await expect(model.sendAsNewIdea('c')).rejects.toMatchObject({ refusal: { reason: 'invalid' } });
    expect((await store.list()).map((d) => [d.id, d.state])).toEqual([['c', 'needs-attention']]);
  });
});

describe('DraftsModel: settling a 409 twice', () => {
  it('a double click on "send as a new idea" queues one new idea, not two', async () => {
    const store = await instrumentedStore();
    const failure = { kind: 'conflict' as const, status: 409, at: 5 };
    const base = draftRecord('c', { state: 'needs-attention', lastFailure: failure });
    const record: DraftRecord = { ...base, content: { ...base.content, title: 'Min andra version' } };
    record.conflict = { ...record.content, title: 'Min första version', id: 'c', status: 'in-review', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z' };
    await store.put(record);
    const model = createDraftsModel({ store, now: () => 1_000 });
    await model.refresh();

    await Promise.allSettled([model.sendAsNewIdea('c'), model.sendAsNewIdea('c')]);
    const queued = await store.listByState('queued');
    expect(queued.map((d) => d.content.title)).toEqual(['Min andra version']);
  });
});
