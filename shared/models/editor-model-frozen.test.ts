/**
 * The form on a page frozen in the back/forward cache with its autosave under way (docs/adr/037-frozen-transactions.md):
 * another page goes on with the same draft meanwhile; back on the first page, nothing written on the other is lost,
 * and what was typed here in fields the other page left alone is kept.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDraftStore, type IdbDraftStore } from '../storage/draft-store';
import { uniqueDbName } from '../storage/test-helpers';
import { createEditorModel } from './editor-model';
import { manualClock } from './test-helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Page A's form and store, page B's form and store, on one database; the pause reads `Date.now()` as the clock. */
async function twoPages() {
  const clock = manualClock();
  vi.spyOn(Date, 'now').mockImplementation(() => clock.now());
  const factory = new IDBFactory();
  const name = uniqueDbName();
  const storeA: IdbDraftStore = await openDraftStore({ name, indexedDB: factory });
  const storeB = await openDraftStore({ name, indexedDB: factory });
  const a = createEditorModel({ store: storeA, clock });
  const b = createEditorModel({ store: storeB, clock });
  a.update({ title: 'Rubrik', description: 'Början' });
  await a.flush();
  await b.open(a.draftId.value!);
  clock.advance(1000);
  /** Page A is left while it saves one key and holds the next, both typed before the freeze. */
  const leaveMidWrite = async (description: string) => {
    a.update({ description: `${description}1` });
    await Promise.resolve(); // the saver has taken this key: the next one waits behind it
    storeA.pause();
    a.update({ description: `${description}12` });
    clock.advance(10_000);
  };
  return { a, b, storeA, storeB, clock, leaveMidWrite };
}

describe('EditorModel on a page back from the back/forward cache', () => {
  it('shows and keeps what another page wrote to the same field meanwhile', async () => {
    const { a, b, storeA, storeB, leaveMidWrite } = await twoPages();
    await leaveMidWrite('Början A');
    b.update({ description: 'Början och ett stycke från B' });
    await b.flush();
    storeA.resume();
    await a.refollow();
    expect(a.content.value.description).toBe('Början och ett stycke från B');
    expect((await storeB.get(a.draftId.value!))?.content.description).toBe('Början och ett stycke från B');
  });

  it('keeps what was typed here in a field the other page left alone', async () => {
    const { a, b, storeA, storeB, leaveMidWrite } = await twoPages();
    await leaveMidWrite('Början A');
    b.update({ title: 'Rubrik från B' });
    await b.flush();
    storeA.resume();
    await a.refollow();
    expect(a.content.value).toMatchObject({ title: 'Rubrik från B', description: 'Början A12' });
    expect((await storeB.get(a.draftId.value!))?.content).toMatchObject({ title: 'Rubrik från B', description: 'Början A12' });
    expect(await storeB.list()).toHaveLength(1);
  });

  it('a page no other page wrote to meanwhile stores its last key', async () => {
    const { a, storeA, storeB, leaveMidWrite } = await twoPages();
    await leaveMidWrite('Början A');
    storeA.resume();
    await a.refollow();
    expect(a.content.value.description).toBe('Början A12');
    expect((await storeB.get(a.draftId.value!))?.content.description).toBe('Början A12');
  });
});
