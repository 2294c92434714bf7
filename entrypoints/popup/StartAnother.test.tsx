// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import '@preact/signals'; // binds components to the signals they read, as main.tsx does
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { messagesFor } from '../../shared/i18n';
import { createEditorModel } from '../../shared/models/editor-model';
import { instrumentedStore, manualClock } from '../../shared/models/test-helpers';
import { StartAnother } from './StartAnother';

vi.mock('../lib/keystroke-journal', () => ({ clearJournal: vi.fn() }));

const PAGE = { url: 'https://intranat.kommun.se/nyheter/b', title: 'Sida B' };

async function mount(written: string) {
  const store = await instrumentedStore();
  const editor = createEditorModel({ store, clock: manualClock() });
  editor.startNew({ source: { url: 'https://intranat.kommun.se/a', title: 'Sida A' } });
  if (written) {
    editor.update({ title: written });
    await editor.flush();
  }
  const root = document.createElement('div');
  document.body.append(root);
  const announce = vi.fn();
  const onStarted = vi.fn();
  render(<StartAnother editor={editor} t={messagesFor('sv')} pageSource={PAGE} announce={announce} onStarted={onStarted} />, root);
  const button = () => root.querySelector('button');
  return { store, editor, root, announce, onStarted, button };
}

describe('StartAnother', () => {
  it('puts a draft written earlier aside: it stays stored, and a new idea about this page begins', async () => {
    const { store, editor, root, announce, onStarted, button } = await mount('Halvskriven idé');
    const first = editor.draftId.value;
    expect(button()!.textContent).toBe('Lägg undan utkastet och börja på en ny idé');
    editor.update({ title: 'Halvskriven idé, mer' }); // typed a moment before the click: stored before the switch
    button()!.click();
    await vi.waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(editor.draftId.value).not.toBe(first);
    expect(editor.content.value).toMatchObject({ title: '', source: PAGE });
    expect((await store.get(first!))?.content.title).toBe('Halvskriven idé, mer');
    expect(announce).toHaveBeenCalledWith('Utkastet ”Halvskriven idé, mer” ligger kvar i listan.');
    expect(button()).toBeNull(); // the new draft is begun here
    root.remove();
  });

  it('is not offered for a draft begun in this popup, not even once it is written and stored (it would push the form down)', async () => {
    const { editor, root, button } = await mount('');
    expect(button()).toBeNull();
    editor.update({ title: 'Ny' });
    await editor.flush();
    expect(editor.draftId.value).toBeDefined(); // the stored draft the blank one became
    await Promise.resolve(); // the signals' re-render
    expect(button()).toBeNull();
    root.remove();
  });

  it('stays while a draft shown written is cleared (no line taken away under the typing)', async () => {
    const { editor, root, button } = await mount('Gammal idé');
    expect(button()).not.toBeNull();
    editor.update({ title: '' });
    await Promise.resolve();
    expect(editor.content.value.title).toBe('');
    expect(button()).not.toBeNull();
    root.remove();
  });

  it('switches nothing when the draft cannot be stored, and says so; a second press while it saves does nothing', async () => {
    const { store, editor, root, announce, onStarted, button } = await mount('Halvskriven idé');
    const first = editor.draftId.value;
    let fail: (() => void) | undefined;
    store.update = () => new Promise((_, reject) => (fail = () => reject(new Error('QuotaExceededError'))));
    editor.update({ title: 'Halvskriven idé, mer' });
    button()!.click();
    button()!.click();
    await vi.waitFor(() => expect(fail).toBeDefined()); // the save is under way
    fail!();
    await vi.waitFor(() => expect(announce).toHaveBeenCalledWith('Utkastet kunde inte sparas, så det ligger kvar i formuläret.'));
    expect(announce).toHaveBeenCalledTimes(1);
    expect(onStarted).not.toHaveBeenCalled();
    expect([editor.draftId.value, editor.content.value.title]).toEqual([first, 'Halvskriven idé, mer']);
    root.remove();
  });
});
