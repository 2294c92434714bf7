/**
 * The hand-over from popup.html's static title field to the real form. Browser constraint: the
 * popup's bundle needs tens of milliseconds to load, and more to open IndexedDB and the draft; keys
 * a user types in that time went nowhere. The static field (autofocused by the parser) takes them,
 * and `takeEarlyTitle` + `focusTitle` move them into the form within one task, so no key event can
 * fall between the two fields.
 */
import type { Lang } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import type { IdeaContent } from '../../shared/domain/idea';
import type { EditorModel } from '../../shared/models/types';

/** localStorage key read by public/popup-early.js. */
const EARLY_KEY = 'idesluss:popup-early';

/** What the user typed in the static field, with the caret. */
export interface EarlyTitle {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

/** Remembers the heading and label for the next popup's static field (its language). */
export function rememberEarlyLabels(lang: Lang, t: Messages): void {
  try {
    localStorage.setItem(EARLY_KEY, JSON.stringify({ lang, heading: t.popup.heading, title: t.popup.title }));
  } catch {
    // Storage full or disabled: the static field shows its Swedish defaults.
  }
}

/**
 * Resolves when no IME composition (or dead key) is in progress in the static field: taking the
 * field mid-composition would take text the user has not chosen yet. public/popup-early.js marks a
 * composition with `data-composing`. Gives up waiting after `maxMs`, so the popup always starts.
 */
export function whenNotComposing(maxMs = 5000): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('#early input');
  if (!input?.hasAttribute('data-composing')) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    input.addEventListener('compositionend', done, { once: true });
  });
}

/** Reads and removes the static field; undefined when there is none (already taken). */
export function takeEarlyTitle(): EarlyTitle | undefined {
  const early = document.getElementById('early');
  const input = early?.querySelector('input');
  if (!early || !input) return undefined;
  const taken = { text: input.value, selectionStart: input.selectionStart ?? input.value.length, selectionEnd: input.selectionEnd ?? input.value.length };
  early.remove();
  return taken;
}

/**
 * Puts early typing into the editor. A draft without a title takes it (a draft the context menu
 * made has only the quote); a draft with a title is left as it is (it stays in the list) and the
 * text starts a new draft with `preset` (the page), since the user typed into a field that looked empty.
 */
export function applyEarlyTitle(editor: EditorModel, early: EarlyTitle | undefined, preset: Partial<IdeaContent>): boolean {
  if (!early?.text) return false;
  if (editor.content.peek().title) editor.startNew(preset);
  editor.update({ title: early.text });
  return true;
}

/** Focuses the real title field, with the caret where it was in the static one. */
export function focusTitle(early: EarlyTitle | undefined): void {
  const input = document.getElementById('title');
  if (!(input instanceof HTMLInputElement)) return;
  input.focus();
  if (early?.text) input.setSelectionRange(early.selectionStart, early.selectionEnd);
}
