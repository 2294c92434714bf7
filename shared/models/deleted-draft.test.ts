import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { draftRecord } from '../storage/test-helpers';
import { createDeletedDraftMemory, DELETED_DRAFT_KEY, UNDO_WINDOW_MS } from './deleted-draft';
import { createDraftsModel } from './drafts-model';
import { instrumentedStore } from './test-helpers';

/** A store with one draft, the drafts model over it, and the memory on a clock the test moves. */
async function setup() {
  const store = await instrumentedStore();
  const record = draftRecord('a', { content: { ...draftRecord('a').content, title: 'Att ångra' } });
  await store.put(record);
  const clock = { now: 1_000_000 };
  const memory = createDeletedDraftMemory(store, () => clock.now);
  const drafts = createDraftsModel({ store });
  /** The popup's delete: remembered first, then deleted. */
  const remove = async () => {
    await memory.remember(record);
    await drafts.remove(record.id);
  };
  return { store, record, clock, memory, drafts, remove };
}

describe('the draft deleted last', () => {
  it('is offered again by a view that opens later (the popup closed meanwhile), and the undo stores it', async () => {
    const { store, record, clock, memory, drafts, remove } = await setup();
    await remove();
    expect(await store.get(record.id)).toBeUndefined();
    clock.now += UNDO_WINDOW_MS - 1_000;
    const offered = await memory.recall(); // a new popup, a few minutes on
    expect(offered).toEqual(record);
    await drafts.restore(offered!);
    await memory.forget();
    expect(await store.get(record.id)).toEqual(record);
    expect(await memory.recall()).toBeUndefined();
  });

  it('is forgotten once the window has passed: a text deleted on purpose does not linger on the device', async () => {
    const { store, clock, memory, remove } = await setup();
    await remove();
    clock.now += UNDO_WINDOW_MS + 1_000;
    expect(await memory.recall()).toBeUndefined();
    expect(await store.getMeta(DELETED_DRAFT_KEY)).toBeNull();
  });

  it('is not offered when it is back in the store (undone in another view)', async () => {
    const { record, memory, drafts, remove } = await setup();
    await remove();
    await drafts.restore(record); // the first popup's own undo, before it forgot
    expect(await memory.recall()).toBeUndefined();
  });

  it('is only the last: a second delete replaces the first', async () => {
    const { store, memory, drafts, remove } = await setup();
    await remove();
    const other = draftRecord('b');
    await store.put(other);
    await memory.remember(other);
    await drafts.remove(other.id);
    expect((await memory.recall())?.id).toBe('b');
  });
});
