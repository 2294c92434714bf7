// @vitest-environment happy-dom
/**
 * The popup's keystroke journal over the real editor and store, in main.tsx's order: a popup that dies at the
 * wrong moment must leave a journal that the next popup puts back into the right draft, and nothing else.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../shared/domain/clock';
import type { DraftStore } from '../../shared/storage';
import { createEditorModel } from '../../shared/models/editor-model';
import { instrumentedStore } from '../../shared/models/test-helpers';
import { EARLY_JOURNAL_PREFIX, replayEarlyEntries } from '../popup/early-title';

const local: Record<string, unknown> = {};

vi.mock('./ext', () => ({
  ext: {
    storage: {
      local: {
        get: async (key: string) => (key in local ? { [key]: structuredClone(local[key]) } : {}),
        set: async (values: Record<string, unknown>) => void Object.assign(local, structuredClone(values)),
        remove: async (key: string) => void delete local[key],
      },
    },
  },
}));

const { journalCreatedDraft, recordKeystroke, replayJournal } = await import('./keystroke-journal');

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const popup = (store: DraftStore) => createEditorModel({ store, clock: systemClock, onSubmitted: () => undefined });
const newest = async (store: DraftStore) => Math.max(0, ...(await store.list()).map((d) => d.updatedAt)) || undefined;
const titles = async (store: DraftStore) => (await store.list()).map((d) => d.content.title).sort();

beforeEach(() => {
  for (const key of Object.keys(local)) delete local[key];
  localStorage.clear();
});

describe('the keystroke journal', () => {
  it('names a new draft once its record exists: a popup that dies before its next write leaves no second draft', async () => {
    const store = await instrumentedStore();
    // Popup A's create takes a moment, and after it the page is gone: no later write ever finishes.
    const dying: DraftStore = Object.assign(Object.create(store) as DraftStore, {
      create: async (...args: Parameters<DraftStore['create']>) => {
        await tick(20);
        return store.create(...args);
      },
      update: () => new Promise<never>(() => undefined),
    });
    const a = popup(dying);
    journalCreatedDraft(a);
    a.startNew();
    a.update({ title: 'F' });
    recordKeystroke(a);
    await tick(5);
    a.update({ title: 'Fika' }); // typed while the record is being created
    recordKeystroke(a);
    await tick(50);
    expect(a.draftId.value).toBeDefined();
    expect((local.popupJournal as { draftId?: string }).draftId).toBe(a.draftId.value);

    const b = popup(store);
    expect(await replayJournal(b, await newest(store))).toBe('replayed');
    expect(await titles(store)).toEqual(['Fika']);
    expect(b.draftId.value).toBe(a.draftId.value);
  });

  it('follows an early title put into an untitled draft: the next popup does not take the title back out', async () => {
    const store = await instrumentedStore();
    // Popup A: a description only, journalled and saved (the journal names the draft once created, as in main.tsx).
    const a = popup(store);
    journalCreatedDraft(a);
    a.startNew();
    a.update({ description: 'Fler bänkar i parken' });
    recordKeystroke(a);
    await a.flush();
    const id = a.draftId.value!;
    // Popup B closed before its hand-over, with "Bänkar" in the static field.
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}b`, JSON.stringify({ title: 'Bänkar', at: Date.now() }));
    // Popup C, in main.tsx's order with no selection on the page.
    const c = popup(store);
    expect(await replayJournal(c, await newest(store))).toBe('none');
    await c.open();
    expect(await replayEarlyEntries(c, localStorage, recordKeystroke)).toBe(1);
    expect((await store.get(id))!.content.title).toBe('Bänkar');
    // Popup D, opened and closed without a key.
    const d = popup(store);
    await replayJournal(d, await newest(store));
    expect((await store.get(id))!.content).toMatchObject({ title: 'Bänkar', description: 'Fler bänkar i parken' });
  });
});
