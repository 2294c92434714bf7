import 'fake-indexeddb/auto';
import { IDBDatabase as FakeDatabase, IDBFactory, IDBObjectStore as FakeObjectStore, IDBTransaction as FakeTransaction } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../domain/draft';
import { emptyContent } from '../domain/idea';
import { createChangeNotices, type ChangeNotice } from './change-notices';
import { openDraftStore } from './draft-store';
import { StorageError } from './errors';
import { createV1Stores } from './fixtures/v1';
import { DB_VERSION } from './schema';
import { draftRecord, requestDone, uniqueDbName } from './test-helpers';

const content = (title: string) => ({ ...emptyContent('sv'), title });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('DraftStore over IndexedDB', () => {
  it('keeps drafts across closing and reopening the database', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName();
    const first = await openDraftStore({ name, indexedDB: factory });
    const a = await first.create(content('Cykelställ'), 1000);
    const b = await first.create(content('Möbelbank'), 2000);
    await first.update(a.id, (r) => ({ ...r, content: { ...r.content, description: 'Fler platser' }, updatedAt: 3000 }));
    await first.setMeta('lastSyncAt', 42);
    await first.putChallenges([{ id: 'c1', title: 'T', summary: 'S', url: 'https://x.example' }], 5);
    first.close();

    const second = await openDraftStore({ name, indexedDB: factory });
    expect(await second.get(a.id)).toEqual({ ...a, content: { ...a.content, description: 'Fler platser' }, updatedAt: 3000 });
    expect(await second.get(b.id)).toEqual(b);
    expect((await second.list()).map((r) => r.id)).toEqual([a.id, b.id]);
    expect(await second.getMeta('lastSyncAt')).toBe(42);
    expect((await second.getChallenges())?.challenges[0]?.id).toBe('c1');
    second.close();
  });

  it('lists newest first, and by state oldest first', async () => {
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory() });
    await store.put(draftRecord('a', { updatedAt: 30, state: 'queued' }));
    await store.put(draftRecord('b', { updatedAt: 10, state: 'queued' }));
    await store.put(draftRecord('c', { updatedAt: 20 }));
    expect((await store.list()).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect((await store.listByState('queued')).map((r) => r.id)).toEqual(['b', 'a']);
    expect(await store.listByState('sent')).toEqual([]);
    store.close();
  });

  it('update: undefined leaves the record untouched and posts nothing; a missing id gives undefined', async () => {
    const notices: ChangeNotice[] = [];
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory(), onChange: (n) => notices.push(n) });
    await store.put(draftRecord('a'));
    notices.length = 0;
    expect(await store.update('a', () => undefined)).toEqual(draftRecord('a'));
    expect(await store.update('missing', (r) => r)).toBeUndefined();
    expect(notices).toEqual([]);
    await expect(store.update('a', () => {
      throw new Error('not allowed');
    })).rejects.toThrow('not allowed');
    expect(await store.get('a')).toEqual(draftRecord('a'));
    store.close();
  });

  it('commits explicitly, with strict durability only when asked', async () => {
    const transaction = vi.spyOn(FakeDatabase.prototype, 'transaction');
    const commit = vi.spyOn(FakeTransaction.prototype, 'commit');
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory() });
    await store.put(draftRecord('a'));
    await store.update('a', (r) => ({ ...r, state: 'queued' }), { durability: 'strict' });
    const modes = transaction.mock.calls.filter((c) => c[1] === 'readwrite').map((c) => (c[2] as { durability?: string } | undefined)?.durability);
    expect(modes).toEqual(['default', 'strict']);
    expect(commit).toHaveBeenCalledTimes(2);
    store.close();
  });

  it('posts change notices after commit, here and to other contexts', async () => {
    const here = createChangeNotices('test-changes');
    const elsewhere = createChangeNotices('test-changes');
    const heard: ChangeNotice[] = [];
    const heardElsewhere = new Promise<ChangeNotice>((resolve) => elsewhere.subscribe(resolve));
    here.subscribe((n) => heard.push(n));
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory(), notices: here });
    const record = await store.create(content('x'), 1);
    expect(heard).toEqual([{ kind: 'drafts', ids: [record.id] }]);
    expect(await heardElsewhere).toEqual({ kind: 'drafts', ids: [record.id] });
    store.close();
    here.close();
    elsewhere.close();
  });

  it('turns QuotaExceededError into StorageError quota and keeps the old record', async () => {
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory() });
    await store.put(draftRecord('a'));
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await store.update('a', (r) => ({ ...r, content: content('new') })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('quota');
    vi.restoreAllMocks();
    expect(await store.get('a')).toEqual(draftRecord('a'));
    store.close();
  });

  it('updateMany: several rows and meta in one transaction, declined rows untouched, notices after commit', async () => {
    const notices: ChangeNotice[] = [];
    const transaction = vi.spyOn(FakeDatabase.prototype, 'transaction');
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory(), onChange: (n) => notices.push(n) });
    await store.put(draftRecord('a', { state: 'sending' }));
    await store.put(draftRecord('b', { state: 'queued' }));
    await store.put(draftRecord('c', { state: 'draft' }));
    notices.length = 0;
    transaction.mockClear();
    const result = await store.updateMany(
      [
        { id: 'a', change: (r) => ({ ...r, state: 'sent' }) },
        { id: 'b', change: (r) => (r.state === 'queued' ? { ...r, state: 'sending' } : undefined) },
        { id: 'c', change: (r) => (r.state === 'queued' ? { ...r, state: 'sending' } : undefined) },
        { id: 'missing', change: (r) => r },
      ],
      { durability: 'strict', meta: { 'sync.lastSentAt': 7 } },
    );
    expect(result.map((r) => r?.state)).toEqual(['sent', 'sending', undefined, undefined]);
    expect(transaction.mock.calls.filter((c) => c[1] === 'readwrite').map((c) => [c[0], (c[2] as { durability?: string }).durability])).toEqual([[['drafts', 'meta'], 'strict']]);
    expect((await store.list()).map((r) => [r.id, r.state])).toEqual([['c', 'draft'], ['b', 'sending'], ['a', 'sent']]);
    expect(await store.getMeta('sync.lastSentAt')).toBe(7);
    expect(notices).toEqual([{ kind: 'drafts', ids: ['a', 'b'] }, { kind: 'meta', ids: ['sync.lastSentAt'] }]);
    store.close();
  });

  it('updateMany: all or nothing when a write fails or a change throws', async () => {
    const notices: ChangeNotice[] = [];
    const store = await openDraftStore({ name: uniqueDbName(), indexedDB: new IDBFactory(), onChange: (n) => notices.push(n) });
    await store.put(draftRecord('a', { state: 'sending' }));
    await store.put(draftRecord('b', { state: 'queued' }));
    notices.length = 0;
    const changes = [
      { id: 'a', change: (r: DraftRecord) => ({ ...r, state: 'sent' as const }) },
      { id: 'b', change: (r: DraftRecord) => ({ ...r, state: 'sending' as const }) },
    ];
    let puts = 0;
    const original = FakeObjectStore.prototype.put;
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: InstanceType<typeof FakeObjectStore>, ...args: Parameters<typeof original>) {
      if (++puts === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
    const error = await store.updateMany(changes, { durability: 'strict' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageError', code: 'quota' });
    vi.restoreAllMocks();
    expect((await store.list()).map((r) => r.state).sort()).toEqual(['queued', 'sending']);
    await expect(store.updateMany([changes[0]!, { id: 'b', change: () => { throw new Error('bug'); } }])).rejects.toThrow('bug');
    expect((await store.list()).map((r) => r.state).sort()).toEqual(['queued', 'sending']);
    expect(notices).toEqual([]);
    store.close();
  });

  it('says unavailable when there is no IndexedDB', async () => {
    await expect(openDraftStore({ name: uniqueDbName(), indexedDB: null })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('says blocked when an older connection elsewhere will not close for our upgrade', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName();
    const open = factory.open(name, 1);
    open.onupgradeneeded = () => createV1Stores(open.result);
    const old = await requestDone(open); // an old tab: no versionchange handler, never closes
    await expect(openDraftStore({ name, indexedDB: factory })).rejects.toMatchObject({ code: 'blocked' });
    old.close();
  });

  it('closes its own connection when a newer version needs the database', async () => {
    const factory = new IDBFactory();
    const name = uniqueDbName();
    const store = await openDraftStore({ name, indexedDB: factory });
    await store.put(draftRecord('a'));
    const newer = await requestDone(factory.open(name, DB_VERSION + 1)); // would hang if we did not close
    await expect(store.get('a')).rejects.toMatchObject({ code: 'blocked' });
    newer.close();
  });
});
