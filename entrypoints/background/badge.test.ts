import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { DraftState } from '../../shared/domain/draft';
import { openDraftStore } from '../../shared/storage';
import { draftRecord, uniqueDbName } from '../../shared/storage/test-helpers';
import { badgeCounts } from './badge';

describe('badgeCounts', () => {
  it('counts what waits to be sent and what needs the user, never drafts or sent ideas', async () => {
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory() });
    expect(await badgeCounts(store)).toEqual({ waiting: 0, attention: 0 });
    const states: DraftState[] = ['draft', 'queued', 'sending', 'sent', 'needs-attention', 'queued'];
    for (const [i, state] of states.entries()) await store.put(draftRecord(`d${i}`, { state }));
    expect(await badgeCounts(store)).toEqual({ waiting: 3, attention: 1 });
    store.close();
  });
});
