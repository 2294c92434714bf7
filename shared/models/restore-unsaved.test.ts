import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createEditorModel } from './editor-model';
import { restoreUnsaved } from './restore-unsaved';
import { instrumentedStore, manualClock } from './test-helpers';

/** A stored draft, opened again as the widget does on the next load. */
async function reopened(title: string) {
  const store = await instrumentedStore();
  const clock = manualClock();
  const first = createEditorModel({ store, clock });
  first.startNew({ challengeId: 'c1', source: { url: 'https://intra.example/sida' } });
  first.update({ title, description: 'Rad' });
  await first.flush();
  const id = first.draftId.value!;
  first.dispose();
  clock.advance(1000);
  const editor = createEditorModel({ store, clock });
  await editor.open(id);
  return { store, clock, editor, id, drafts: async () => store.list() };
}

describe('restoreUnsaved: text journalled at pagehide, back on the next load', () => {
  it('goes into its own draft when nothing newer was stored since', async () => {
    const { store, clock, editor, id, drafts } = await reopened('Idé');
    expect(restoreUnsaved(editor, { id, title: 'Idé med slutet', description: 'Rad två', at: clock.now() - 500 }, await drafts())).toBe(true);
    expect(editor.draftId.value).toBe(id);
    await editor.flush();
    expect((await store.get(id))?.content).toMatchObject({ title: 'Idé med slutet', description: 'Rad två', challengeId: 'c1' });
    expect((await store.list()).length).toBe(1);
  });

  it('changes nothing when the form already shows it (the write committed after all)', async () => {
    const { store, clock, editor, id, drafts } = await reopened('Idé');
    const writes = store.stats.writes;
    expect(restoreUnsaved(editor, { id, title: 'Idé', description: 'Rad', at: clock.now() }, await drafts())).toBe(false);
    expect(editor.saveStatus.value.kind).toBe('saved');
    await editor.flush();
    expect(store.stats.writes).toBe(writes);
  });

  it('leaves a draft another tab saved later alone, and brings back no idea already submitted', async () => {
    const { store, clock, editor, id, drafts } = await reopened('Idé från en annan flik');
    expect(restoreUnsaved(editor, { id, title: 'Idé', description: 'Äldre', at: 1 }, await drafts())).toBe(false);
    expect(editor.content.value.title).toBe('Idé från en annan flik');
    await editor.submit({ next: {} });
    const empty = editor.content.value;
    expect(restoreUnsaved(editor, { id, title: 'Idé från en annan flik och mer', description: 'Rad', at: clock.now() }, await drafts())).toBe(false);
    expect(editor.content.value).toBe(empty);
    await editor.flush();
    expect((await store.list()).length).toBe(1);
  });

  it('goes into a new draft beside when its draft is still a draft but not the one opened here', async () => {
    const { store, clock, editor, id, drafts } = await reopened('Idé');
    const other = createEditorModel({ store, clock });
    other.startNew();
    other.update({ title: 'En annan' });
    await other.flush();
    await editor.open(other.draftId.value!); // the journalled draft is open in another widget
    expect(restoreUnsaved(editor, { id, title: 'Idé med slutet', description: 'Rad', at: clock.now() }, await drafts())).toBe(true);
    await editor.flush();
    expect(editor.draftId.value).not.toBe(id);
    expect((await store.get(editor.draftId.value!))?.content).toMatchObject({ title: 'Idé med slutet', description: 'Rad' });
    expect((await store.get(id))?.content.title).toBe('Idé');
  });

  it('text never stored (no id): into an empty new form, else a new draft beside the opened one, never twice', async () => {
    const { store, clock, editor, id, drafts } = await reopened('Öppnad');
    expect(restoreUnsaved(editor, { title: 'Skrivet före start', description: '', at: clock.now() }, await drafts())).toBe(true);
    await editor.flush();
    expect(editor.draftId.value).not.toBe(id);
    expect((await store.get(id))?.content.title).toBe('Öppnad');
    // Its first write did commit: the same text is not restored a second time.
    expect(restoreUnsaved(editor, { title: 'Skrivet före start', description: '', at: clock.now() }, await drafts())).toBe(false);
    const empty = createEditorModel({ store, clock });
    empty.startNew();
    expect(restoreUnsaved(empty, { title: 'In i det tomma', description: 'x', at: clock.now() }, await drafts())).toBe(true);
    await empty.flush();
    expect((await store.get(empty.draftId.value!))?.content).toMatchObject({ title: 'In i det tomma', description: 'x' });
    expect((await store.list()).length).toBe(3);
  });
});
