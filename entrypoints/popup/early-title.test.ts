// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEditorModel } from '../../shared/models/editor-model';
import { instrumentedStore, manualClock } from '../../shared/models/test-helpers';
import { applyEarlyTitle, EARLY_JOURNAL_PREFIX, forgetEarlyEntry, replayEarlyEntries, staleEarlyEntries, takeEarlyTitle } from './early-title';

const entry = (title: string, at: number) => JSON.stringify({ title, at });

/** popup.html's static field as popup-early.js leaves it: journalling under `key`. */
function earlyField(key: string): HTMLInputElement {
  const main = document.createElement('main');
  main.id = 'early';
  const input = main.appendChild(document.createElement('input'));
  input.dataset.journal = key;
  document.body.append(main);
  return input;
}

beforeEach(() => {
  localStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('staleEarlyEntries', () => {
  it('lists other popups’ entries oldest first, leaves this popup’s own, and removes broken ones', () => {
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}b`, entry('Andra', 20));
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}a`, entry('Första', 10));
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}own`, entry('Pågår', 30));
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}broken`, '{"title":');
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}wrong`, JSON.stringify({ title: 42, at: 1 }));
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}empty`, entry('', 5));
    localStorage.setItem('idesluss:popup-early', JSON.stringify({ lang: 'sv' }));

    const stale = staleEarlyEntries(localStorage, `${EARLY_JOURNAL_PREFIX}own`);
    expect(stale.map((e) => e.title)).toEqual(['Första', 'Andra']);
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}broken`)).toBeNull();
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}wrong`)).toBeNull();
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}empty`)).toBeNull();
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}own`)).not.toBeNull();
    expect(localStorage.getItem('idesluss:popup-early')).not.toBeNull();
  });
});

describe('replayEarlyEntries', () => {
  async function editorOver() {
    const store = await instrumentedStore();
    return { store, editor: createEditorModel({ store, clock: manualClock(), onSubmitted: () => undefined }) };
  }

  it('puts each entry into a draft of its own, oldest first, and removes it once saved', async () => {
    const { store, editor } = await editorOver();
    editor.startNew();
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}a`, entry('<b>Första</b>', 10));
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}b`, entry('Andra', 20));

    expect(await replayEarlyEntries(editor)).toBe(2);
    const titles = (await store.list()).map((d) => d.content.title).sort();
    expect(titles).toEqual(['<b>Första</b>', 'Andra']);
    expect(editor.content.value.title).toBe('Andra'); // the newest stays on screen
    expect(Object.keys(localStorage).filter((k) => k.startsWith(EARLY_JOURNAL_PREFIX))).toEqual([]);
    // A second popup finds nothing left to replay: no duplicate drafts.
    expect(await replayEarlyEntries(editor)).toBe(0);
    expect(await store.list()).toHaveLength(2);
  });

  it('leaves a titled draft as it is, and skips the entry this popup is still typing into', async () => {
    const { store, editor } = await editorOver();
    editor.startNew();
    editor.update({ title: 'Befintlig' });
    await editor.flush();
    earlyField(`${EARLY_JOURNAL_PREFIX}own`);
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}own`, entry('Pågår', 30));
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}old`, entry('Gammal', 10));

    expect(await replayEarlyEntries(editor)).toBe(1);
    expect((await store.list()).map((d) => d.content.title).sort()).toEqual(['Befintlig', 'Gammal']);
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}own`)).not.toBeNull();
  });

  it('keeps the entry when the draft cannot be saved', async () => {
    const { editor } = await editorOver();
    editor.startNew();
    vi.spyOn(FakeObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}a`, entry('Sparas inte', 10));

    expect(await replayEarlyEntries(editor)).toBe(0);
    expect(editor.content.value.title).toBe('Sparas inte');
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}a`)).not.toBeNull();
  });
});

describe('applyEarlyTitle', () => {
  it('starts no new draft over a failed save’s text: that text is only on screen and in the journal', async () => {
    const store = await instrumentedStore();
    const editor = createEditorModel({ store, clock: manualClock(), onSubmitted: () => undefined });
    editor.startNew();
    vi.spyOn(FakeObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    editor.update({ title: 'Fika i parken varje fredag' });
    await editor.flush().catch(() => undefined);
    expect(editor.saveStatus.value.kind).toBe('error');
    expect(applyEarlyTitle(editor, { text: 'Ny idé', selectionStart: 0, selectionEnd: 0 }, {})).toBe(false);
    expect(editor.content.value.title).toBe('Fika i parken varje fredag');
  });
});

describe('the hand-over', () => {
  it('takes the field with its journal key, and forgetting removes only that entry', () => {
    earlyField(`${EARLY_JOURNAL_PREFIX}own`).value = 'Tidig';
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}own`, entry('Tidig', 30));
    localStorage.setItem(`${EARLY_JOURNAL_PREFIX}other`, entry('Annan', 10));

    const early = takeEarlyTitle();
    expect(early).toMatchObject({ text: 'Tidig', journalKey: `${EARLY_JOURNAL_PREFIX}own` });
    expect(document.getElementById('early')).toBeNull();
    forgetEarlyEntry(early);
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}own`)).toBeNull();
    expect(localStorage.getItem(`${EARLY_JOURNAL_PREFIX}other`)).not.toBeNull();
  });
});
