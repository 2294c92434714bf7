/**
 * A connection the browser closes under the store (site data cleared, a backing-store error, WebKit's storage process
 * gone, a frozen page's connection at another page's upgrade): the call that meets it, before the `close` event or with
 * none coming, runs again on a fresh connection instead of failing as `unknown` for the page's life.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, forceCloseDatabase } from 'fake-indexeddb';
import { unwrap, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { emptyContent } from '../domain/idea';
import { openDraftStore, type IdbDraftStore } from './draft-store';

const content = (title: string) => ({ ...emptyContent('sv'), title });
/** The store's cached connection, as the browser's own object. */
const connection = async (store: IdbDraftStore): Promise<IDBDatabase> => unwrap(await (store as unknown as { _db: Promise<IDBPDatabase> })._db);

describe('a connection the browser closed', () => {
  it('an autosave issued as the browser force-closes it, before the close event, is stored on a fresh one', async () => {
    const store = await openDraftStore({ name: 'forced', indexedDB: new IDBFactory() });
    const draft = await store.create(content('Rubrik'), 1);
    const db = await connection(store);
    const write = store.update(draft.id, (r) => ({ ...r, content: content('Rubrik och sista tangenten'), updatedAt: 2 }));
    forceCloseDatabase(db as never);
    await write;
    expect((await store.get(draft.id))!.content.title).toBe('Rubrik och sista tangenten');
  });

  it('with no close event at all, reads and writes go on on a fresh connection, each once', async () => {
    const store = await openDraftStore({ name: 'silent', indexedDB: new IDBFactory() });
    const draft = await store.create(content('Rubrik'), 1);
    (await connection(store)).close(); // a dead handle, and no event
    await store.update(draft.id, (r) => ({ ...r, content: content('Ändrad'), updatedAt: 2 }));
    await store.create(content('Ny'), 3);
    expect((await store.list()).map((d) => d.content.title).sort()).toEqual(['Ny', 'Ändrad']);
  });
});
