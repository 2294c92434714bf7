import 'fake-indexeddb/auto';
import { IDBFactory, IDBTransaction as FakeTransaction } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyContent } from '../domain/idea';
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

  it('a read under way at pause is aborted, and read again at resume', async () => {
    const { mine, other } = await twoPages();
    const draft = await mine.create(content('Rubrik'), 1);
    const abort = vi.spyOn(FakeTransaction.prototype, 'abort');
    const read = mine.get(draft.id);
    for (let i = 0; i < 5; i++) await Promise.resolve(); // its transaction is created, its request not yet answered
    mine.pause();
    expect(abort).toHaveBeenCalledTimes(1);
    await other.put({ ...draft, content: content('Ändrad av B'), updatedAt: 2 });
    expect(await stillPending(read)).toBe(true);
    mine.resume();
    expect((await read)?.content.title).toBe('Ändrad av B');
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
