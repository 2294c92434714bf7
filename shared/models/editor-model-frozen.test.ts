/**
 * The form on a page frozen in the back/forward cache with its autosave under way (docs/adr/037-frozen-transactions.md):
 * another page goes on with the same draft meanwhile; back on the first page, nothing written on the other is lost,
 * and what was typed here in fields the other page left alone is kept.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBTransaction as FakeTransaction } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdeaContent } from '../domain/idea';
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
  a.update({ title: 'Rubrik', description: 'Början', challengeId: 'c1' });
  await a.flush();
  await b.open(a.draftId.value!);
  clock.advance(1000);
  const aborted = vi.spyOn(FakeTransaction.prototype, 'abort');
  /**
   * Page A is left while it saves one key and holds the next, both typed before the freeze (a millisecond before
   * it, and in `pagehide`); then time goes on. Checks that the first key's transaction was open, and aborted.
   */
  const leaveMidWrite = async (first: Partial<IdeaContent>, inPagehide: Partial<IdeaContent>) => {
    a.update(first);
    for (let i = 0; i < 5; i++) await Promise.resolve(); // the saver's write has opened its transaction
    clock.advance(1);
    storeA.pause();
    expect(aborted).toHaveBeenCalled();
    a.update(inPagehide);
    clock.advance(10_000);
  };
  const back = async () => {
    storeA.resume();
    await a.refollow();
  };
  const stored = async () => (await storeB.get(a.draftId.value!))?.content;
  return { a, b, clock, storeB, leaveMidWrite, back, stored };
}

describe('EditorModel on a page back from the back/forward cache', () => {
  it('shows and keeps what another page wrote to the same field meanwhile', async () => {
    const { a, b, leaveMidWrite, back, stored } = await twoPages();
    await leaveMidWrite({ description: 'Början A1' }, { description: 'Början A12' });
    b.update({ description: 'Början och ett stycke från B' });
    await b.flush();
    await back();
    expect(a.content.value.description).toBe('Början och ett stycke från B');
    expect((await stored())?.description).toBe('Början och ett stycke från B');
  });

  it('keeps what was typed here in a field the other page left alone, over both held writes', async () => {
    const { a, b, storeB, leaveMidWrite, back, stored } = await twoPages();
    await leaveMidWrite({ title: 'Rubrik A' }, { description: 'Början A' });
    b.update({ description: 'Början och ett stycke från B' });
    await b.flush();
    await back();
    const expected = { title: 'Rubrik A', description: 'Början och ett stycke från B' };
    expect(a.content.value).toMatchObject(expected);
    expect(await stored()).toMatchObject(expected);
    expect(await storeB.list()).toHaveLength(1);
  });

  it('a challenge unselected here stays unselected beside the other page’s title', async () => {
    const { a, b, leaveMidWrite, back, stored } = await twoPages();
    await leaveMidWrite({ challengeId: undefined }, { description: 'Början A' });
    b.update({ title: 'Rubrik från B' });
    await b.flush();
    await back();
    expect(await stored()).toMatchObject({ title: 'Rubrik från B', description: 'Början A' });
    expect((await stored())?.challengeId).toBeUndefined();
    expect(a.content.value.challengeId).toBeUndefined();
  });

  it('a key typed right after the return, before the draft is read again, leaves the other page’s other field', async () => {
    const { a, b, leaveMidWrite, back, stored } = await twoPages();
    await leaveMidWrite({ description: 'Början A1' }, { description: 'Början A12' });
    b.update({ title: 'Rubrik från B' });
    await b.flush();
    a.update({ description: 'Början A123' }); // typed at once after Back
    await back();
    await a.flush();
    expect(await stored()).toMatchObject({ title: 'Rubrik från B', description: 'Början A123' });
    expect(a.content.value).toMatchObject({ title: 'Rubrik från B', description: 'Början A123' });
  });

  it('a page no other page wrote to meanwhile stores its last key', async () => {
    const { a, leaveMidWrite, back, stored } = await twoPages();
    await leaveMidWrite({ description: 'Början A1' }, { description: 'Början A12' });
    await back();
    expect(a.content.value.description).toBe('Början A12');
    expect((await stored())?.description).toBe('Början A12');
  });
});
