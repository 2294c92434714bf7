// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import '@preact/signals'; // binds components to the signals they read, as main.tsx does
import { signal } from '@preact/signals-core';
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { emptyContent, LIMITS, type Challenge, type FieldError, type IdeaContent } from '../../shared/domain/idea';
import { messagesFor } from '../../shared/i18n';
import type { DraftsModel, EditorModel } from '../../shared/models/types';
import { createEditorModel } from '../../shared/models/editor-model';
import { SUBMIT_GRACE_MS } from '../../shared/models/submit-grace';
import { instrumentedStore, manualClock } from '../../shared/models/test-helpers';
import { StorageError } from '../../shared/storage';
import { IdeaForm } from './IdeaForm';

vi.mock('../lib/keystroke-journal', () => ({ recordKeystroke: vi.fn(), clearJournal: vi.fn() }));

function mount(errors: FieldError[], lang: 'sv' | 'en' = 'sv', open = [{ id: 'c1', title: 'Utmaningen', lang: 'sv' }], written: Partial<IdeaContent> = {}) {
  const root = document.createElement('div');
  document.body.append(root);
  const content = { ...emptyContent(lang), title: 'Avvisad idé', challengeId: 'c1', source: { url: 'https://a.se/', quote: 'Citat' }, ...written };
  const editor = {
    content: signal(content), state: signal('needs-attention'), fieldErrors: signal(errors), saveStatus: signal({ kind: 'idle' }),
    draftId: signal('x'), update: vi.fn(), submit: vi.fn(),
  } as unknown as EditorModel;
  const drafts = { challenges: signal(open) } as unknown as DraftsModel;
  render(<IdeaForm editor={editor} drafts={drafts} t={messagesFor(lang)} lang={lang} onSubmitted={() => undefined} />, root);
  return Object.assign(root, { editor });
}

const ERRORS: FieldError[] = [
  { field: 'title', code: 'invalid_value', message: 'Server says: title' },
  { field: 'challengeId', code: 'invalid_value', message: 'Server says: challengeId' },
  { field: 'source.quote', code: 'too_long', message: 'Server says: source.quote' },
];

describe('IdeaForm: the error summary', () => {
  it('names the fields in the user’s language, never the API’s names, and links each to its control', () => {
    const root = mount(ERRORS);
    const entries = [...root.querySelectorAll('[data-error-summary] li')];
    const texts = entries.map((li) => li.textContent);
    expect(texts[0]).toMatch(/^Rubrik: /);
    expect(texts[1]).toMatch(/^Utmaning: /);
    expect(texts[2]).toBe('Markerad text: Texten får vara högst 1\u00a0000 tecken.');
    expect(root.querySelector('[data-error-summary]')!.textContent).not.toMatch(/challengeId|source\.quote|title:|Server says/);
    expect(entries.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(['#title', '#challenge', '#context-remove-quote']);
    entries[1]!.querySelector('a')!.click();
    expect(document.activeElement?.id).toBe('challenge');
    root.remove();
  });

  it('shows challenge and page-context errors at their controls, marked invalid and described', () => {
    const root = mount(ERRORS, 'en');
    const select = root.querySelector('#challenge')!;
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector(`#${select.getAttribute('aria-describedby')}`)?.textContent).toBe('The challenge has closed or no longer exists. Choose another challenge or none.');
    const remove = root.querySelector('#context-remove-quote')!;
    expect(remove.getAttribute('aria-invalid')).toBe('true');
    const described = remove.getAttribute('aria-describedby')!.split(' ').map((id) => root.querySelector(`#${id}`)?.textContent);
    expect(described).toContain('Use 1,000 characters or fewer.');
    expect(root.querySelector('#context-remove-url')!.getAttribute('aria-invalid')).toBeNull();
    root.remove();
  });

  it('tells the description\'s limit before any error, and beside the error once there is one, in both languages', () => {
    const described = (root: HTMLElement) => root.querySelector('#description')!.getAttribute('aria-describedby')!.split(' ').map((id) => root.querySelector(`#${id}`)?.textContent);
    const plain = mount([]);
    expect(described(plain)).toEqual(['Högst 5\u00a0000 tecken.']);
    plain.remove();
    const long = mount([{ field: 'description', code: 'too_long', message: 'Server says: description' }], 'en');
    expect(described(long)).toEqual(['At most 5,000 characters.', 'Use 5,000 characters or fewer.']);
    long.remove();
  });

  it('says while the person types by how much a text is past its limit, counted as the submit counts', () => {
    const described = (root: HTMLElement, id: string) => root.querySelector(`#${id}`)!.getAttribute('aria-describedby')!.split(' ').map((ref) => root.querySelector(`#${ref}`)?.textContent);
    const over = mount([], 'sv', undefined, { title: `  ${'å'.repeat(LIMITS.titleMax + 3)}  `, description: '😀'.repeat(LIMITS.descriptionMax + 1) });
    expect(described(over, 'title')).toEqual(['Kort och tydligt, högst 120 tecken. Du har 3 tecken för mycket.']);
    expect(described(over, 'description')).toEqual(['Högst 5\u00a0000 tecken. Du har 1 tecken för mycket.']);
    over.remove();
    // Refused for its length: the hint says the limit and by how much; the refusal's same limit is neither read out nor
    // shown under it again, and the summary above still lists it.
    const refused = mount([{ field: 'title', code: 'too_long', message: 'x' }], 'sv', undefined, { title: 'x'.repeat(LIMITS.titleMax + 2) });
    expect(described(refused, 'title')).toEqual(['Kort och tydligt, högst 120 tecken. Du har 2 tecken för mycket.']);
    expect(refused.querySelector('#title-error')).toBeNull();
    expect(refused.querySelector('[data-error-summary] li')?.textContent).toBe('Rubrik: Texten får vara högst 120 tecken.');
    refused.remove();
    const within = mount([], 'en', undefined, { title: 'x'.repeat(LIMITS.titleMax) });
    expect(described(within, 'title')).toEqual(['Short and clear, at most 120 characters.']);
    within.remove();
  });

  it('an error for a field without a control on screen is listed without a link', () => {
    const root = mount([{ field: 'source.title', code: 'too_long', message: 'Server says: source.title' }, { field: 'lang', code: 'invalid_value', message: 'Server says: lang' }]);
    const entries = [...root.querySelectorAll('[data-error-summary] li')];
    expect(entries.map((li) => li.textContent)).toEqual(['Sidans rubrik: Texten får vara högst 300 tecken.', 'Språk: Värdet är inte tillåtet. Ändra det och försök igen.']);
    expect(root.querySelector('[data-error-summary] a')).toBeNull();
    root.remove();
  });
});

/**
 * The form over the real editor model (fake-indexeddb). `rerender` renders it again with a new
 * `onSubmitted` prop, as App does on each of its own renders.
 */
async function mountWithModel() {
  const store = await instrumentedStore();
  const editor = createEditorModel({ store, clock: manualClock() });
  editor.startNew();
  const challenges = signal<Challenge[]>([]);
  const drafts = { challenges } as unknown as DraftsModel;
  const root = document.createElement('div');
  document.body.append(root);
  const submitted = vi.fn();
  let fetchingChallenges = false;
  const rerender = () => render(
    <IdeaForm editor={editor} drafts={drafts} t={messagesFor('sv')} lang="sv" onSubmitted={(id) => submitted(id)} fetchingChallenges={fetchingChallenges} />,
    root,
  );
  /** Re-renders as the popup does when the background's refresh moves on. */
  const rerenderWith = (next: { fetchingChallenges: boolean; challenges?: Challenge[] }) => {
    fetchingChallenges = next.fetchingChallenges;
    if (next.challenges) challenges.value = next.challenges;
    rerender();
  };
  rerender();
  const title = root.querySelector<HTMLInputElement>('#title')!;
  const form = root.querySelector('form')!;
  const type = (value: string) => {
    title.value = value;
    title.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const submit = () => form.dispatchEvent(new Event('submit', { cancelable: true }));
  return { store, editor, root, title, submitted, rerender, rerenderWith, type, submit };
}

describe('IdeaForm: a challenge that is no longer open', () => {
  it('shows the idea\'s challenge by its id, even with no open challenges, so the user sees the link and can drop it', () => {
    const root = mount([{ field: 'challengeId', code: 'invalid_value', message: 'gone' }], 'sv', []);
    const select = root.querySelector<HTMLSelectElement>('#challenge')!;
    // No list to compare with (none open, or none loaded yet: offline, signed out): the id, and no claim that it closed.
    expect(select.selectedOptions[0]!.textContent).toBe('Utmaning c1');
    expect(root.querySelector('[data-error-summary] a')!.getAttribute('href')).toBe('#challenge');
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(root.editor.update).toHaveBeenCalledWith({ challengeId: undefined });
    root.remove();
  });

  it('shows a closed challenge among the open ones, in English too', () => {
    const root = mount([], 'en', [{ id: 'c2', title: 'Another', lang: 'sv' }]);
    expect(root.querySelector<HTMLSelectElement>('#challenge')!.selectedOptions[0]!.textContent).toBe('Challenge c1 (not open)');
    root.remove();
  });
});

describe('IdeaForm: the first challenge list of a device', () => {
  it('shows the field as fetching from the first paint, fills it when the list comes, and keeps it for this popup', async () => {
    const { editor, root, rerenderWith } = await mountWithModel();
    const select = () => root.querySelector<HTMLSelectElement>('#challenge');
    expect(select()).toBeNull(); // no challenges, none being fetched: no field
    rerenderWith({ fetchingChallenges: true });
    expect(select()!.disabled).toBe(true);
    expect([...select()!.options].map((o) => o.textContent)).toEqual(['Hämtar utmaningarna …']);
    rerenderWith({ fetchingChallenges: true, challenges: [{ id: 'c1', title: 'Färre blanketter', summary: '', url: 'https://intranet.example/c1' }] });
    expect(select()!.disabled).toBe(false);
    expect([...select()!.options].map((o) => o.textContent)).toEqual(['Ingen utmaning', 'Färre blanketter']);
    // An empty answer (or none: offline) leaves the field where it was, with "none" to choose.
    rerenderWith({ fetchingChallenges: false, challenges: [] });
    expect(select()!.disabled).toBe(false);
    expect([...select()!.options].map((o) => o.textContent)).toEqual(['Ingen utmaning']);
    expect(editor.content.value.challengeId).toBeUndefined();
    root.remove();
  });
});

describe('IdeaForm: language of parts (WCAG 3.1.2)', () => {
  it('marks a Swedish challenge title in the English form, and not in the Swedish one', () => {
    const option = (root: HTMLElement) => root.querySelector('#challenge option[value="c1"]')!;
    const en = mount([], 'en');
    expect(option(en).getAttribute('lang')).toBe('sv');
    en.remove();
    const sv = mount([], 'sv');
    expect(option(sv).hasAttribute('lang')).toBe(false);
    sv.remove();
  });
});

describe('IdeaForm: keys typed right after Enter', () => {
  it('a re-render while the submit is stored keeps them in the field, and they start the next draft', async () => {
    const { editor, root, title, submitted, rerender, type, submit } = await mountWithModel();
    type('Idé');
    await editor.flush();
    submit();
    type('IdéN'); // while the submit is being stored
    rerender(); // any re-render now (the popup's banners do one) writes `value` back
    expect(title.value).toBe('IdéN');
    await vi.waitFor(() => expect(submitted).toHaveBeenCalled());
    await vi.waitFor(() => expect(title.value).toBe('N'));
    expect(title.disabled).toBe(false);
    root.remove();
  });
});

describe('IdeaForm: a refused submit', () => {
  it('moves the focus to the first field to correct, not back to the title', async () => {
    const { editor, root, title, type, submit } = await mountWithModel();
    type('Idé med för lång beskrivning');
    editor.update({ description: 'x'.repeat(5001) });
    await editor.flush();
    submit();
    await vi.waitFor(() => expect(editor.fieldErrors.value.map((e) => e.field)).toEqual(['description']));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('description'));
    expect(title.value).toBe('Idé med för lång beskrivning');
    root.remove();
  });
});

describe('IdeaForm: a submit the store fails', () => {
  it('is left to the save status (nothing thrown at the page), keeps the text, and the next press submits', async () => {
    const { editor, root, title, submitted, type, submit } = await mountWithModel();
    type('Idé E');
    await editor.flush();
    const storing = vi.spyOn(editor, 'submit').mockRejectedValueOnce(new StorageError('quota', 'The disk is full.'));
    submit();
    await vi.waitFor(() => expect(storing).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, SUBMIT_GRACE_MS + 100)); // past the double-press grace
    expect(submitted).not.toHaveBeenCalled();
    expect(title.value).toBe('Idé E');
    submit();
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledTimes(1));
    root.remove();
  });
});

describe('IdeaForm: a double Enter', () => {
  it('submits once; keys typed after it start one new draft; a second press on the new empty form flags nothing', async () => {
    const { store, editor, root, title, submitted, type, submit } = await mountWithModel();
    type('Idé C');
    await editor.flush();
    submit();
    submit(); // the second Enter, while the first is stored
    type('Idé Cefter');
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(title.value).toBe('efter'));
    await editor.flush();
    const stored = await store.list();
    expect(stored.map((d) => [d.state, d.content.title]).sort()).toEqual([['draft', 'efter'], ['queued', 'Idé C']]);
    type('');
    await editor.flush();
    submit(); // empty: refused with a message
    await vi.waitFor(() => expect(editor.fieldErrors.value.map((e) => e.field)).toEqual(['title']));
    type('Idé D');
    await editor.flush();
    submit();
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledTimes(2));
    submit(); // the second press lands on the new, empty form
    await new Promise((r) => setTimeout(r, 50));
    expect(editor.fieldErrors.value).toEqual([]);
    root.remove();
  });
});

describe('IdeaForm: sending without a name', () => {
  it('says that the page goes with an anonymous idea, and only when one is attached', () => {
    const who = (written: Partial<IdeaContent>, lang: 'sv' | 'en' = 'sv') => {
      const root = mount([], lang, undefined, written);
      const text = root.querySelector('#anonymous-who')!.textContent;
      root.remove();
      return text;
    };
    expect(who({ anonymous: true })).toContain('Uppgifterna om sidan ovan skickas med. Ta bort adressen eller rubriken om de kan visa vem du är.');
    expect(who({ anonymous: true }, 'en')).toContain('The page details above go with the idea.');
    const hint = messagesFor('sv').popup.anonymousWithPage;
    expect(who({ anonymous: true, source: { quote: 'Bara ett citat' } })).not.toContain(hint);
    expect(who({ anonymous: true, source: undefined })).not.toContain(hint);
    expect(who({ anonymous: false })).not.toContain(hint);
  });
});
