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
  return { store, clock, editor, id };
}

describe('restoreUnsaved: text journalled at pagehide, back on the next load', () => {
  it('goes into its own draft when nothing newer was stored since', async () => {
    const { store, clock, editor, id } = await reopened('Idé');
    restoreUnsaved(editor, { id, title: 'Idé med slutet', description: 'Rad två', at: clock.now() - 500 });
    expect(editor.draftId.value).toBe(id);
    await editor.flush();
    expect((await store.get(id))?.content).toMatchObject({ title: 'Idé med slutet', description: 'Rad två', challengeId: 'c1' });
    expect((await store.list()).length).toBe(1);
  });

  it('changes nothing when the form already shows it (the write committed after all)', async () => {
    const { store, clock, editor, id } = await reopened('Idé');
    const writes = store.stats.writes;
    restoreUnsaved(editor, { id, title: 'Idé', description: 'Rad', at: clock.now() });
    expect(editor.saveStatus.value.kind).toBe('saved');
    await editor.flush();
    expect(store.stats.writes).toBe(writes);
  });

  it('becomes a draft of its own when the stored draft is newer (another tab), overwriting nothing', async () => {
    const { store, editor, id } = await reopened('Idé från en annan flik');
    restoreUnsaved(editor, { id, title: 'Idé', description: 'Äldre', at: 1 });
    await editor.flush();
    expect(editor.draftId.value).not.toBe(id);
    expect((await store.get(id))?.content.title).toBe('Idé från en annan flik');
    expect((await store.get(editor.draftId.value!))?.content).toMatchObject({ title: 'Idé', description: 'Äldre', challengeId: 'c1', source: { url: 'https://intra.example/sida' } });
  });

  it('text never stored (no id) goes into an empty new form, else into a new draft beside the opened one', async () => {
    const { store, clock, editor, id } = await reopened('Öppnad');
    restoreUnsaved(editor, { title: 'Skrivet före start', description: '', at: clock.now() });
    await editor.flush();
    expect(editor.draftId.value).not.toBe(id);
    expect((await store.get(id))?.content.title).toBe('Öppnad');
    const empty = createEditorModel({ store, clock });
    empty.startNew();
    restoreUnsaved(empty, { title: 'In i det tomma', description: 'x', at: clock.now() });
    await empty.flush();
    expect((await store.get(empty.draftId.value!))?.content).toMatchObject({ title: 'In i det tomma', description: 'x' });
  });
});
