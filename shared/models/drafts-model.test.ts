import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createChangeNotices } from '../storage/change-notices';
import { draftRecord } from '../storage/test-helpers';
import { createDraftsModel } from './drafts-model';
import { instrumentedStore } from './test-helpers';

describe('DraftsModel', () => {
  it('lists drafts newest first, counts waiting and attention, reads cached challenges', async () => {
    const store = await instrumentedStore();
    await store.put(draftRecord('a', { updatedAt: 1, state: 'queued' }));
    await store.put(draftRecord('b', { updatedAt: 2, state: 'needs-attention' }));
    await store.put(draftRecord('c', { updatedAt: 3, state: 'sent' }));
    await store.put(draftRecord('d', { updatedAt: 4, state: 'sending' }));
    await store.putChallenges([{ id: 'c1', title: 'Utmaning', summary: '', url: 'https://intranet.example/c1' }], 5);
    const model = createDraftsModel({ store });
    await model.refresh();
    expect(model.drafts.value.map((d) => d.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(model.waitingCount.value).toBe(3);
    expect(model.attentionCount.value).toBe(1);
    expect(model.challenges.value.map((c) => c.id)).toEqual(['c1']);
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
    await model.remove('x');
    expect(model.drafts.value).toEqual([]);
    expect(model.waitingCount.value).toBe(0);
    model.dispose();
    writer.close();
    mine.close();
    theirs.close();
  });
});
