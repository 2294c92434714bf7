import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { effect } from '@preact/signals-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransitionError } from '../domain/lifecycle';
import { messagesFor } from '../i18n';
import { createChangeNotices } from '../storage/change-notices';
import { createEditorModel } from './editor-model';
import { instrumentedStore, manualClock } from './test-helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

async function setup() {
  const store = await instrumentedStore();
  const clock = manualClock();
  const onSubmitted = vi.fn();
  const editor = createEditorModel({ store, clock, onSubmitted });
  return { store, clock, onSubmitted, editor };
}

describe('EditorModel', () => {
  it('autosave: 500 quick inputs store exactly the last text, one write in flight at a time', async () => {
    const { store, editor } = await setup();
    let text = '';
    for (let i = 0; i < 500; i++) {
      text += String.fromCharCode(97 + (i % 26));
      editor.update({ title: text });
      if (i % 37 === 0) await Promise.resolve(); // let some writes start mid-typing
    }
    await editor.flush();
    const id = editor.draftId.value!;
    expect((await store.get(id))?.content.title).toBe(text);
    expect(await store.list()).toHaveLength(1); // the first input created exactly one record
    expect(store.stats.maxInFlight).toBe(1);
    expect(store.stats.writes).toBeLessThan(500);
    expect(editor.saveStatus.value.kind).toBe('saved');
  });

  it('keeps drafts across a reopen: open() without id shows the last edited draft', async () => {
    const { store, clock, editor } = await setup();
    editor.update({ title: 'Första' });
    await editor.flush();
    clock.advance(1000);
    editor.startNew();
    editor.update({ title: 'Andra', description: 'text' });
    await editor.flush();
    const again = createEditorModel({ store, clock });
    await again.open();
    expect(again.content.value).toMatchObject({ title: 'Andra', description: 'text' });
    expect(again.draftId.value).toBe(editor.draftId.value);
  });

  it('submit of an invalid draft gives field errors and keeps the text', async () => {
    const { store, editor, onSubmitted } = await setup();
    editor.update({ title: '   ', description: 'Min långa beskrivning' });
    const result = await editor.submit();
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'title', code: 'required' }] });
    expect(editor.fieldErrors.value).toMatchObject([{ field: 'title' }]);
    expect(editor.content.value.description).toBe('Min långa beskrivning');
    await editor.flush();
    expect(await store.get(editor.draftId.value!)).toMatchObject({ state: 'draft', content: { description: 'Min långa beskrivning' } });
    expect(onSubmitted).not.toHaveBeenCalled();
    editor.update({ title: 'Nu' }); // typing in the field clears its error
    expect(editor.fieldErrors.value).toEqual([]);
  });

  it('valid submit queues canonical content with strict durability; withdraw returns it to draft', async () => {
    const { store, editor, onSubmitted } = await setup();
    editor.update({ title: '  Cafe\u0301 i entrén ' });
    const result = await editor.submit();
    const id = editor.draftId.value!;
    expect(result).toEqual({ ok: true, id });
    expect(onSubmitted).toHaveBeenCalledWith(id);
    expect(store.stats.options.at(-1)).toEqual({ durability: 'strict' });
    expect(await store.get(id)).toMatchObject({ state: 'queued', attempts: 0, content: { title: 'Café i entrén' } });
    expect(editor.state.value).toBe('queued');
    editor.update({ title: 'frozen' }); // content is frozen from queued on
    expect(editor.content.value.title).toBe('Café i entrén');

    await editor.withdraw(id);
    expect((await store.get(id))?.state).toBe('draft');
    expect(editor.state.value).toBe('draft');
    editor.update({ title: 'Ändrad' });
    await editor.flush();
    expect((await store.get(id))?.content.title).toBe('Ändrad');
  });

  it('a submit takes out the invisible characters pasted text brings along, which the contract refuses', async () => {
    const { store, editor } = await setup();
    // Outlook and Teams wrap a copied phone number in LRE … PDF; Word's soft line break is a vertical tab.
    editor.update({ title: 'Ring mig på \u202a+46 70 123 45 67\u202c', description: 'Rad ett\u000bRad två' });
    const result = await editor.submit();
    expect(result.ok).toBe(true);
    const expected = { title: 'Ring mig på +46 70 123 45 67', description: 'Rad ett\nRad två' };
    expect(await store.get(editor.draftId.value!)).toMatchObject({ state: 'queued', content: expected });
    expect(editor.content.value).toMatchObject(expected); // the form shows what goes
  });

  it('withdraw is refused while sending', async () => {
    const { store, editor } = await setup();
    editor.update({ title: 'Idé' });
    await editor.submit();
    const id = editor.draftId.value!;
    await store.update(id, (r) => ({ ...r, state: 'sending' }));
    await expect(editor.withdraw(id)).rejects.toBeInstanceOf(TransitionError);
    expect((await store.get(id))?.state).toBe('sending');
  });

  it('keys typed while submit stores the draft start the next draft (crash suite: typing right after Enter)', async () => {
    const { store, editor } = await setup();
    editor.update({ title: 'Första idén', description: 'Text' });
    const submitting = editor.submit(); // the user pressed Enter and goes on typing at once
    editor.update({ title: 'Första idénA' });
    editor.update({ title: 'Första idénAndra' });
    editor.update({ description: 'Text\nmer' });
    const result = await submitting;
    expect(result.ok).toBe(true);
    expect(editor.content.value.title).toBe('Första idén'); // the submitted draft is frozen as submitted
    editor.startNew(); // what every view does after a successful submit
    expect(editor.content.value).toMatchObject({ title: 'Andra', description: '\nmer' });
    await editor.flush();
    expect((await store.get(editor.draftId.value!))?.content).toMatchObject({ title: 'Andra', description: '\nmer' });
    expect(await store.get((result as { id: string }).id)).toMatchObject({ state: 'queued', content: { title: 'Första idén', description: 'Text' } });
    editor.startNew();
    expect(editor.content.value.title).toBe(''); // carried once, not twice
  });

  it('submit with `next` goes straight on to the new draft: the form never shows the frozen one', async () => {
    const { store, editor } = await setup();
    editor.update({ title: 'Första idén', challengeId: 'c1' });
    const states: string[] = [];
    const titles: string[] = [];
    const stop = effect(() => {
      states.push(editor.state.value);
      titles.push(editor.content.value.title);
    });
    const submitting = editor.submit({ next: { challengeId: 'c1' } });
    editor.update({ title: 'Första idénN' }); // typed right after Enter
    // Shown at once: a view re-rendering now (Preact writes `value` back) must not drop the "N".
    expect(editor.content.value.title).toBe('Första idénN');
    editor.update({ title: 'Första idénNä' });
    const result = await submitting;
    stop();
    expect(result.ok).toBe(true);
    // A frozen (disabled) field would lose focus, and with it the keys typed next.
    expect(states).not.toContain('queued');
    expect(titles).toEqual(['Första idén', 'Första idénN', 'Första idénNä', 'Nä']);
    expect(editor.content.value).toMatchObject({ title: 'Nä', challengeId: 'c1' });
    expect(await store.get((result as { id: string }).id)).toMatchObject({ state: 'queued', content: { title: 'Första idén' } });
    editor.update({ title: 'Nästa' });
    await editor.flush();
    expect((await store.get(editor.draftId.value!))?.content).toMatchObject({ title: 'Nästa', challengeId: 'c1' });
  });

  it('keys typed while a submit fails stay in the draft', async () => {
    const { store, editor } = await setup();
    editor.update({ title: 'Idé' });
    await editor.flush();
    const put = vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    const submitting = editor.submit();
    editor.update({ title: 'Idé med mer text' });
    await expect(submitting).rejects.toMatchObject({ code: 'quota' });
    expect(editor.content.value.title).toBe('Idé med mer text');
    put.mockRestore();
    await editor.flush();
    expect((await store.get(editor.draftId.value!))?.content.title).toBe('Idé med mer text');
  });

  it('a quota error shows in saveStatus and the content keeps the text; a later flush saves it', async () => {
    const { store, editor } = await setup();
    editor.update({ title: 'Sparad' });
    await editor.flush();
    const put = vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    editor.update({ title: 'Osparad text som inte får försvinna' });
    await expect(editor.flush()).rejects.toMatchObject({ code: 'quota' });
    expect(editor.saveStatus.value).toEqual({ kind: 'error', code: 'quota', message: messagesFor('sv').storage.error.quota });
    expect(editor.content.value.title).toBe('Osparad text som inte får försvinna');
    expect((await store.get(editor.draftId.value!))?.content.title).toBe('Sparad');

    put.mockRestore(); // space freed: the next flush retries the latest text
    await editor.flush();
    expect((await store.get(editor.draftId.value!))?.content.title).toBe('Osparad text som inte får försvinna');
    expect(editor.saveStatus.value.kind).toBe('saved');
  });

  it('takes the text of a failed save from `errorMessage` when given (the widget its own line)', async () => {
    const store = await instrumentedStore();
    const editor = createEditorModel({ store, clock: manualClock(), lang: () => 'en', errorMessage: (code, lang) => `${lang}:${code}` });
    vi.spyOn(FakeObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    editor.update({ title: 'Text' });
    await expect(editor.flush()).rejects.toMatchObject({ code: 'quota' });
    expect(editor.saveStatus.value).toEqual({ kind: 'error', code: 'quota', message: 'en:quota' });
  });

  it('follows sync: a change notice for its draft updates state and field errors', async () => {
    const notices = createChangeNotices('editor-test', () => undefined);
    const store = await instrumentedStore({ notices });
    const editor = createEditorModel({ store, clock: manualClock(), notices });
    editor.update({ title: 'Idé' });
    await editor.submit();
    const id = editor.draftId.value!;
    const errors = [{ field: 'title', code: 'too_long' as const, message: 'x' }];
    await store.update(id, (r) => ({ ...r, state: 'needs-attention', fieldErrors: errors }));
    await vi.waitFor(() => expect(editor.state.value).toBe('needs-attention'));
    expect(editor.fieldErrors.value).toEqual(errors);
    editor.dispose();
    notices.close();
  });
});
