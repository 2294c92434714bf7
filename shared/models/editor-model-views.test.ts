/**
 * The editor when another view changes its draft: a second tab of the same intranet types in it,
 * submits it or deletes it, or sync refuses it. Nothing typed in either view may be lost, and no
 * view may show text as saved that is not stored.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChangeNotices, type ChangeNotices } from '../storage/change-notices';
import { StorageError } from '../storage/errors';
import type { DraftStore } from '../storage/types';
import { createEditorModel } from './editor-model';
import { instrumentedStore, manualClock, type InstrumentedStore } from './test-helpers';

let notices: ChangeNotices | undefined;
afterEach(() => {
  notices?.close();
  notices = undefined;
});

/** Two views (tabs) of one store, hearing each other's change notices. */
async function twoViews() {
  notices = createChangeNotices(`views-${Math.random()}`, () => undefined);
  const store = await instrumentedStore({ notices });
  const clock = manualClock();
  const view = () => createEditorModel({ store, clock, notices });
  return { store, clock, a: view(), b: view() };
}

const titles = async (store: InstrumentedStore, state: 'draft' | 'queued') => (await store.listByState(state)).map((d) => d.content.title).sort();

describe('EditorModel with another view of the same draft', () => {
  it('follows the text another view typed, while nothing typed here waits to be saved', async () => {
    const { a, b } = await twoViews();
    a.update({ title: 'Gemensam', description: 'Text från A.' });
    await a.flush();
    await b.open(a.draftId.value);
    b.update({ description: 'Text från A. Tillägg från B.' });
    await b.flush();
    await vi.waitFor(() => expect(a.content.value.description).toBe('Text från A. Tillägg från B.'));
    a.update({ description: `${a.content.value.description} Mer från A.` });
    await a.flush();
    await vi.waitFor(() => expect(b.content.value.description).toBe('Text från A. Tillägg från B. Mer från A.'));
    a.dispose();
    b.dispose();
  });

  it('two views typing in different fields at the same moment: both are kept', async () => {
    const { store, a, b } = await twoViews();
    a.update({ title: 'Gemensam' });
    await a.flush();
    await b.open(a.draftId.value);
    a.update({ description: 'Från A.' });
    b.update({ title: 'Gemensam, från B' });
    await Promise.all([a.flush(), b.flush()]);
    const both = { title: 'Gemensam, från B', description: 'Från A.' };
    expect((await store.get(a.draftId.value!))?.content).toMatchObject(both);
    await vi.waitFor(() => expect(a.content.value).toMatchObject(both));
    await vi.waitFor(() => expect(b.content.value).toMatchObject(both));
    a.dispose();
    b.dispose();
  });

  it('keys typed and undone while another view wrote: nothing is written, and the form shows the other view’s text', async () => {
    const store = await instrumentedStore();
    const a = createEditorModel({ store, clock: manualClock() }); // hears no notices: as when one came while keys waited
    a.update({ title: 'Gemensam', description: 'Text' });
    await a.flush();
    const id = a.draftId.value!;
    await store.update(id, (r) => ({ ...r, content: { ...r.content, title: 'Gemensam, från B' }, updatedAt: r.updatedAt + 1 }));
    a.update({ description: 'Textx' });
    a.update({ description: 'Text' }); // undone before the write went out
    await a.flush();
    await vi.waitFor(() => expect(a.content.value).toMatchObject({ title: 'Gemensam, från B', description: 'Text' }));
    expect((await store.get(id))?.content.title).toBe('Gemensam, från B');
    a.dispose();
  });

  it('goes on in a new draft, with the same preset, once another view submitted the draft', async () => {
    const { store, a, b } = await twoViews();
    a.startNew({ challengeId: 'farre-pappersblanketter' });
    a.update({ title: 'Delad titel' });
    await a.flush();
    await b.open(a.draftId.value);
    await a.submit();
    await vi.waitFor(() => expect(b.draftId.value).not.toBe(a.draftId.value));
    expect(b.state.value).toBe('draft');
    expect(b.content.value).toMatchObject({ title: '', challengeId: 'farre-pappersblanketter' });
    expect(await titles(store, 'queued')).toEqual(['Delad titel']);
    a.dispose();
    b.dispose();
  });

  it('keeps text typed just as another view submitted the draft: it goes into a new draft', async () => {
    const { store, a, b } = await twoViews();
    a.update({ title: 'Delad titel' });
    await a.flush();
    await b.open(a.draftId.value);
    const submitted = a.submit();
    b.update({ title: 'Delad titel + B' }); // typed before B heard of the submit
    await submitted;
    await b.flush();
    expect(await titles(store, 'queued')).toEqual(['Delad titel']);
    expect(await titles(store, 'draft')).toEqual(['Delad titel + B']);
    expect(b.draftId.value).not.toBe(a.draftId.value);
    expect(b.saveStatus.value.kind).toBe('saved');
    a.dispose();
    b.dispose();
  });

  it('keeps typing and a submit when another view deleted the draft: stored as a draft of its own', async () => {
    const store = await instrumentedStore();
    const onSubmitted = vi.fn();
    const editor = createEditorModel({ store, clock: manualClock(), onSubmitted });
    editor.update({ title: 'Min idé' });
    await editor.flush();
    await store.delete(editor.draftId.value!);

    editor.update({ title: 'Min idé, nu med mycket mer text' });
    await editor.flush();
    expect(editor.saveStatus.value.kind).toBe('saved');
    expect(await titles(store, 'draft')).toEqual(['Min idé, nu med mycket mer text']);
    await store.delete(editor.draftId.value!); // and again, between the last save and the submit
    const result = await editor.submit();
    expect(result.ok).toBe(true);
    expect(await titles(store, 'queued')).toEqual(['Min idé, nu med mycket mer text']);
    expect(onSubmitted).toHaveBeenCalledOnce();
  });
});

describe('EditorModel on a needs-attention draft', () => {
  it('an error cleared by typing in its field does not come back after the autosave', async () => {
    notices = createChangeNotices(`views-${Math.random()}`, () => undefined);
    const store = await instrumentedStore({ notices });
    const editor = createEditorModel({ store, clock: manualClock(), notices });
    editor.update({ title: 'Idé', description: 'Beskrivning' });
    await editor.submit();
    const id = editor.draftId.value!;
    // The intranet refused it (422): sync writes needs-attention with an error on two fields.
    const errors = [
      { field: 'title', code: 'invalid_value' as const, message: 'Titeln är inte tillåten.' },
      { field: 'description', code: 'too_long' as const, message: 'För lång.' },
    ];
    await store.update(id, (r) => ({ ...r, state: 'needs-attention', fieldErrors: errors }));
    await vi.waitFor(() => expect(editor.state.value).toBe('needs-attention'));

    editor.update({ title: 'Bättre titel' }); // typing in a field clears that field's errors
    expect(editor.fieldErrors.value).toEqual([errors[1]]);
    await editor.flush();
    await vi.waitFor(() => expect(editor.state.value).toBe('draft'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(editor.fieldErrors.value).toEqual([errors[1]]);
    expect((await store.get(id))?.fieldErrors).toEqual([errors[1]]);
    editor.dispose();
  });
});

/** B's view of the store, whose writes fail while `failing` is set (a full disk in B's tab). */
function failingView(store: DraftStore) {
  const view = Object.create(store) as DraftStore & { failing: boolean };
  view.failing = false;
  view.update = (id, change, options) =>
    view.failing ? Promise.reject(new StorageError('quota', 'full')) : store.update(id, change, options);
  view.create = (content, now) => (view.failing ? Promise.reject(new StorageError('quota', 'full')) : store.create(content, now));
  return view;
}

/** Views A and B of one draft; B's last text could not be saved (it exists only on B's screen). */
async function bWithAFailedSave() {
  notices = createChangeNotices(`r-${Math.random()}`, () => undefined);
  const store = await instrumentedStore({ notices });
  const clock = manualClock();
  const a = createEditorModel({ store, clock, notices });
  const bStore = failingView(store);
  const b = createEditorModel({ store: bStore, clock, notices });
  a.update({ title: 'Gemensam' });
  await a.flush();
  await b.open(a.draftId.value);
  bStore.failing = true;
  b.update({ description: 'Lång text som bara B har skrivit' });
  await b.flush().catch(() => undefined);
  expect(b.saveStatus.value.kind).toBe('error');
  return { a, b };
}

describe('EditorModel with another view, when this view’s save failed', () => {
  it('B’s unsaved text (its save failed) is not replaced by another view’s text', async () => {
    const { a, b } = await bWithAFailedSave();

    a.update({ title: 'Gemensam, ändrad i A' });
    await a.flush();
    await new Promise((r) => setTimeout(r, 30));
    // The contract: "A failed write shows in saveStatus and loses nothing: the text stays in content".
    expect(b.content.value.description).toBe('Lång text som bara B har skrivit');
    a.dispose();
    b.dispose();
  });

  it('B’s unsaved text (its save failed) is not dropped when A submits the draft', async () => {
    const { a, b } = await bWithAFailedSave();

    await a.submit();
    await new Promise((r) => setTimeout(r, 30));
    expect(b.content.value.description).toBe('Lång text som bara B har skrivit');
    a.dispose();
    b.dispose();
  });

  // A page in the back/forward cache is frozen: it hears no notices (docs/adr/036-back-forward-cache.md).
  it('refollow: a view that heard nothing while another typed reads the draft again, after its own last write', async () => {
    const store = await instrumentedStore({ notices: createChangeNotices(`frozen-${Math.random()}`, () => undefined) });
    const clock = manualClock();
    const frozen = createEditorModel({ store, clock }); // no notices reach it
    const other = createEditorModel({ store, clock });
    frozen.update({ title: 'Gemensam', description: 'Från A.' });
    await frozen.flush();
    await other.open(frozen.draftId.value);
    other.update({ description: 'Från A. Från B.' });
    await other.flush();
    expect(frozen.content.value.description).toBe('Från A.'); // stale: what the page showed as it was left
    await frozen.refollow();
    expect(frozen.content.value).toMatchObject({ title: 'Gemensam', description: 'Från A. Från B.' });

    // A write of its own still under way when the page was frozen: the draft is read again after it, not before.
    frozen.update({ title: 'Gemensam rubrik' });
    const refollowed = frozen.refollow();
    expect(frozen.content.value.title).toBe('Gemensam rubrik');
    await refollowed;
    expect(frozen.content.value).toMatchObject({ title: 'Gemensam rubrik', description: 'Från A. Från B.' });
    expect((await store.get(frozen.draftId.value!))?.content).toMatchObject({ title: 'Gemensam rubrik', description: 'Från A. Från B.' });

    // A key typed while the draft is read (right after Back): it stays, and so does what the other page wrote.
    other.update({ description: 'Från A. Från B. Mer från B.' });
    await other.flush();
    const reading = frozen.refollow();
    await Promise.resolve();
    await Promise.resolve();
    frozen.update({ title: 'Gemensam rubrik!' });
    await reading;
    await frozen.flush();
    expect(frozen.content.value).toMatchObject({ title: 'Gemensam rubrik!', description: 'Från A. Från B. Mer från B.' });
    expect((await store.get(frozen.draftId.value!))?.content).toMatchObject({ title: 'Gemensam rubrik!', description: 'Från A. Från B. Mer från B.' });

    // A new draft whose first write was under way: followed by its new id once stored.
    frozen.startNew();
    frozen.update({ title: 'Ny' });
    await frozen.refollow();
    expect(frozen.draftId.value).toBeDefined();
    expect((await store.get(frozen.draftId.value!))?.content.title).toBe('Ny');
    frozen.dispose();
    other.dispose();
  });
});
