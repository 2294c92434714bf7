import 'fake-indexeddb/auto';
import { IDBFactory, IDBTransaction as FakeTransaction } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../domain/draft';
import { emptyContent } from '../domain/idea';
import { writeContent } from '../models/draft-writes';
import { openDraftStore } from './draft-store';
import { uniqueDbName } from './test-helpers';

const content = (title: string) => ({ ...emptyContent('sv'), title });

/** Two stores on one database: this page's and another page's of the same origin. */
async function twoPages() {
  const factory = new IDBFactory();
  const name = uniqueDbName();
  const mine = await openDraftStore({ name, indexedDB: factory });
  const other = await openDraftStore({ name, indexedDB: factory });
  return { mine, other };
}

/** True when `p` has not settled after the fake database's queue has run a while. */
async function stillPending(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(() => (settled = true), () => (settled = true));
  await new Promise((r) => setTimeout(r, 20));
  return !settled;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('DraftStore paused for the back/forward cache (docs/adr/037-frozen-transactions.md)', () => {
  it('a write under way at pause is aborted, and written again at resume over what another page wrote meanwhile', async () => {
    const { mine, other } = await twoPages();
    const draft = await mine.create(content('Rubrik'), 1);
    let calls = 0;
    const mineWrite = mine.update(draft.id, (r) => {
      if (++calls === 1) mine.pause(); // the page is left inside the transaction
      return { ...r, content: { ...r.content, description: 'Från sidan A' }, updatedAt: 2 };
    });
    // The other page writes the same record without waiting for the frozen one.
    await other.update(draft.id, (r) => ({ ...r, content: { ...r.content, title: 'Rubrik från B' }, updatedAt: 3 }));
    expect((await other.get(draft.id))?.content.description).toBe('');
    expect(await stillPending(mineWrite)).toBe(true);

    mine.resume();
    const written = await mineWrite;
    expect(calls).toBe(2);
    expect(written?.content).toMatchObject({ title: 'Rubrik från B', description: 'Från sidan A' });
    expect((await other.get(draft.id))?.content).toMatchObject({ title: 'Rubrik från B', description: 'Från sidan A' });
  });

  it('tells `change` of a text typed before the freeze that the record was written after it (typedAt → newer)', async () => {
    let now = 1_000_000; // the freeze's time, as `Date.now()` gives it to the pause
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const { mine, other } = await twoPages();
    const draft = await mine.create(content('Rubrik'), now - 1000);
    const seen: [string, boolean][] = [];
    const title = (t: string) => (r: DraftRecord, newer: boolean) => (seen.push([t, newer]), newer ? undefined : { ...r, content: { ...r.content, title: t }, updatedAt: now });
    mine.pause();
    const typedBefore = mine.update(draft.id, title('före'), { typedAt: now - 100 });
    const typedInPagehide = mine.update(draft.id, title('i pagehide'), { typedAt: now }); // the freeze's millisecond
    const noTypedAt = mine.update(draft.id, (_r, newer) => (seen.push(['sync', newer]), undefined));
    now += 10_000; // page B, later
    await other.update(draft.id, (r) => ({ ...r, content: content('Från B'), updatedAt: now }));
    mine.resume();
    await Promise.all([typedBefore, typedInPagehide, noTypedAt]);
    now += 10_000;
    await mine.update(draft.id, title('efter'), { typedAt: now });
    expect(seen).toEqual([['före', true], ['i pagehide', true], ['sync', false], ['efter', false]]);
    expect((await other.get(draft.id))?.content.title).toBe('efter');
  });

  it('the form’s autosave typed before the freeze keeps the other page’s later text, and adds its own other fields', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const { mine, other } = await twoPages();
    const draft = await mine.create({ ...content('Rubrik'), description: 'Början' }, now - 1000);
    const base = draft.content;
    mine.pause();
    // Page A typed a description and a title; page B then changed the title only.
    const typedOnA = writeContent(mine, draft.id, { ...base, title: 'Rubrik från A', description: 'Början och mer från A' }, now - 500, now - 500, base);
    now += 10_000;
    await other.update(draft.id, (r) => ({ ...r, content: { ...r.content, title: 'Rubrik från B' }, updatedAt: now }));
    mine.resume();
    expect((await typedOnA).created).toBeUndefined(); // no new draft
    expect((await other.get(draft.id))?.content).toMatchObject({ title: 'Rubrik från B', description: 'Början och mer från A' });
    expect(await other.list()).toHaveLength(1);
  });

  it('a read under way at pause is aborted, and read again at resume', async () => {
    const { mine, other } = await twoPages();
    const draft = await mine.create(content('Rubrik'), 1);
    const abort = vi.spyOn(FakeTransaction.prototype, 'abort');
    const read = mine.get(draft.id);
    const others = [mine.getMeta('lastSyncAt'), mine.getChallenges(), mine.countByState(['draft'])];
    for (let i = 0; i < 5; i++) await Promise.resolve(); // their transactions are created, their requests not yet answered
    mine.pause();
    expect(abort).toHaveBeenCalledTimes(4); // every kind of read: none may stay open in a frozen page
    await other.put({ ...draft, content: content('Ändrad av B'), updatedAt: 2 });
    expect(await stillPending(read)).toBe(true);
    mine.resume();
    expect((await read)?.content.title).toBe('Ändrad av B');
    expect(await Promise.all(others)).toEqual([undefined, undefined, [1]]);
  });

  it('opens no transaction while paused: what is asked waits for the resume', async () => {
    const { mine, other } = await twoPages();
    mine.pause();
    const created = mine.create(content('Skriven i pausen'), 1);
    const listed = mine.list();
    expect(await stillPending(created)).toBe(true);
    expect(await other.list()).toEqual([]);
    mine.resume();
    const record = await created;
    await expect(listed).resolves.toBeInstanceOf(Array);
    expect((await other.get(record.id))?.content.title).toBe('Skriven i pausen');
  });

  it('updateMany run again reports only what its last run applied', async () => {
    const { mine, other } = await twoPages();
    const a = await mine.create(content('A'), 1);
    const b = await mine.create(content('B'), 1);
    let paused = false;
    const many = mine.updateMany([
      { id: a.id, change: (r) => ({ ...r, state: 'queued' }) },
      {
        id: b.id,
        change: (r) => {
          if (!paused) {
            paused = true;
            mine.pause();
            return { ...r, state: 'queued' };
          }
          return r.state === 'draft' ? { ...r, state: 'queued' } : undefined;
        },
      },
    ]);
    await other.put({ ...b, state: 'sent', updatedAt: 2 });
    mine.resume();
    const applied = await many;
    expect(applied.map((r) => r?.state)).toEqual(['queued', undefined]);
    expect((await other.get(b.id))?.state).toBe('sent');
    expect((await other.get(a.id))?.state).toBe('queued');
  });
});
