/**
 * Each write commits while its request is still pending, not after its success came back (which is when the browser
 * would have committed anyway): a transaction asked to commit is finished by the browser though the popup or the page
 * goes away meanwhile (./write-transaction.ts).
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore, IDBTransaction } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyContent } from '../domain/idea';
import { openDraftStore } from './draft-store';

afterEach(() => vi.restoreAllMocks());

/** The state of the write requests of the transaction at the moment `commit()` is called, one entry per commit. */
function watchCommits() {
  const requests: IDBRequest[] = [];
  for (const method of ['put', 'add', 'delete'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      requests.push(request);
      return request;
    });
  }
  const atCommit: string[] = [];
  const commit = IDBTransaction.prototype.commit;
  vi.spyOn(IDBTransaction.prototype, 'commit').mockImplementation(function (this: IDBTransaction) {
    atCommit.push(requests.splice(0).map((r) => r.readyState).join(','));
    commit.call(this);
  });
  return atCommit;
}

describe('the explicit commit', () => {
  it('goes out with the write still pending: create, update, put, delete, setMeta', async () => {
    const store = await openDraftStore({ name: 'commit', indexedDB: new IDBFactory() });
    const atCommit = watchCommits();
    const draft = await store.create({ ...emptyContent('sv'), title: 'a' }, 1);
    const updated = await store.update(draft.id, (r) => ({ ...r, updatedAt: 2 }), { durability: 'strict' });
    await store.put({ ...updated!, updatedAt: 3 });
    await store.setMeta('x', 1);
    await store.delete(draft.id);
    expect(atCommit).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    expect(await store.get(draft.id)).toBeUndefined();
    expect(await store.getMeta('x')).toBe(1);
  });

  it('still reports a write that fails after the commit went out: an id taken already aborts it and rejects', async () => {
    const notices: string[][] = [];
    const store = await openDraftStore({ name: 'commit-fail', indexedDB: new IDBFactory(), onChange: (n) => void notices.push(n.ids) });
    const draft = await store.create({ ...emptyContent('sv'), title: 'a' }, 1);
    notices.length = 0;
    // `add` with the same id: the request fails only after `commit()` was called (the write is not awaited).
    vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue(draft.id as ReturnType<typeof crypto.randomUUID>);
    await expect(store.create({ ...emptyContent('sv'), title: 'b' }, 2)).rejects.toMatchObject({ name: 'StorageError' });
    expect((await store.get(draft.id))!.content.title).toBe('a');
    expect(notices).toEqual([]);
  });
});
