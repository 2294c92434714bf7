// @vitest-environment happy-dom
// Installs the Preact integration: components re-render when a signal they read changes.
import '@preact/signals';
import { signal } from '@preact/signals-core';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent } from '../../shared/domain/idea';
import { TransitionError } from '../../shared/domain/lifecycle';
import { messagesFor } from '../../shared/i18n';
import { StorageError } from '../../shared/storage';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';
import { DraftList } from './DraftList';

const NOW = Date.now();
const record = (patch: Partial<DraftRecord>): DraftRecord => ({
  id: 'x', state: 'draft', content: { ...emptyContent('sv'), title: 'T' }, createdAt: NOW, updatedAt: NOW, attempts: 0, ...patch,
});
/** Effects run after paint; give them a moment. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

interface Options {
  configured?: boolean;
  noAccess?: boolean;
  offline?: boolean;
  paused?: 'auth';
  /** The list as it is after "send now". */
  afterSend?: DraftRecord[];
  withdraw?: () => Promise<void>;
  restore?: (record: DraftRecord) => Promise<void>;
  lang?: 'sv' | 'en';
}

let root: HTMLElement;
afterEach(() => root.remove());

function mount(list: DraftRecord[], options: Options = {}) {
  root = document.createElement('div');
  document.body.append(root);
  const items = signal(list);
  const announce = vi.fn();
  const drafts = {
    drafts: items, challenges: signal([]), refresh: vi.fn(async () => undefined),
    remove: vi.fn(async (id: string) => {
      const removed = items.value.find((d) => d.id === id);
      items.value = items.value.filter((d) => d.id !== id);
      return removed;
    }),
    restore: vi.fn(options.restore ?? (async (r: DraftRecord) => void (items.value = [r, ...items.value]))),
    keepIntranetVersion: vi.fn(async (id: string) => void (items.value = items.value.map((d) => (d.id === id ? { ...d, state: 'sent' as const, conflict: undefined } : d)))),
    sendAsNewIdea: vi.fn(async (id: string) => {
      items.value = [record({ id: 'new', state: 'queued' }), ...items.value.filter((d) => d.id !== id)];
      return 'new';
    }),
  } as unknown as DraftsModel;
  const editor = { draftId: signal(undefined), withdraw: vi.fn(options.withdraw ?? (async () => undefined)), open: vi.fn(async () => undefined) } as unknown as EditorModel;
  const sendNow = vi.fn(async () => {
    items.value = list.map((d) => ({ ...d, state: 'sending' as const }));
    await settle();
    items.value = options.afterSend ?? list;
  });
  const sync = { sendNow, paused: signal(options.paused), accountSwitch: signal(undefined), online: signal(!options.offline) } as unknown as SyncStatusModel;
  const t = messagesFor(options.lang ?? 'sv');
  const configured = options.configured ?? true;
  render(<DraftList drafts={drafts} editor={editor} sync={sync} t={t} lang={options.lang ?? 'sv'} configured={configured} noAccess={options.noAccess} onEdit={() => undefined} announce={announce} />, root);
  const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === label);
  return { root, drafts, editor, sendNow, announce, button };
}

const focused = () => document.activeElement as HTMLElement;

describe('DraftItem: focus stays in the list when the button goes away (WCAG 2.4.3)', () => {
  it('"Skicka nu" → the item', async () => {
    const { button } = mount([record({ state: 'queued' })], { afterSend: [record({ state: 'sent' })] });
    button('Skicka nu')!.focus();
    button('Skicka nu')!.click();
    await vi.waitFor(() => expect(focused().dataset.draftId).toBe('x'));
  });

  it('"Behåll intranätets version" → the item', async () => {
    const conflict = { ...emptyContent('sv'), title: 'Deras', id: 'x', status: 'received' as const, createdAt: '', updatedAt: '' };
    const { button } = mount([record({ state: 'needs-attention', conflict, lastFailure: { kind: 'conflict', status: 409, at: NOW } })]);
    button('Behåll intranätets version')!.focus();
    button('Behåll intranätets version')!.click();
    await vi.waitFor(() => expect(focused().dataset.draftId).toBe('x'));
  });

  it('a 409 another window settled first says nothing; one the store fails says the change was not saved, not the draft', async () => {
    const conflict = { ...emptyContent('sv'), title: 'Deras', id: 'x', status: 'received' as const, createdAt: '', updatedAt: '' };
    const { root, button, drafts } = mount([record({ state: 'needs-attention', conflict, lastFailure: { kind: 'conflict', status: 409, at: NOW } })]);
    vi.mocked(drafts.keepIntranetVersion).mockRejectedValueOnce(new TransitionError({ ok: false, reason: 'no-conflict', state: 'sent' }));
    button('Behåll intranätets version')!.click();
    await settle();
    expect(root.querySelector('[role="alert"]')).toBeNull();
    vi.mocked(drafts.keepIntranetVersion).mockRejectedValueOnce(new StorageError('quota', 'The disk is full.'));
    button('Behåll intranätets version')!.click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Ändringen kunde inte sparas på den här datorn. Försök igen.'));
  });

  it('marks the intranet’s version’s title with its language in the English popup (WCAG 3.1.2)', () => {
    const conflict = { ...emptyContent('sv'), title: 'Fler cykelställ', id: 'x', status: 'received' as const, createdAt: '', updatedAt: '' };
    const { root } = mount([record({ state: 'needs-attention', conflict, lastFailure: { kind: 'conflict', status: 409, at: NOW } })], { lang: 'en' });
    expect(root.querySelector('q')?.getAttribute('lang')).toBe('sv');
  });

  it('"Skicka min version som en ny idé" without the intranet’s copy → the list heading (the item is gone)', async () => {
    const { button } = mount([record({ state: 'needs-attention', lastFailure: { kind: 'conflict', status: 409, at: NOW } })]);
    button('Skicka min version som en ny idé')!.focus();
    button('Skicka min version som en ny idé')!.click();
    await vi.waitFor(() => expect(focused().id).toBe('list-heading'));
  });

  it('"Ta bort utkastet" → its undo, which puts the draft back as it was → the item', async () => {
    const draft = record({ id: 'a', state: 'draft', content: { ...emptyContent('sv'), title: 'T', description: 'Allt jag skrev' } });
    const { button, announce, drafts, root } = mount([draft, record({ id: 'b', state: 'sent' })]);
    button('Ta bort utkastet')!.focus();
    button('Ta bort utkastet')!.click();
    await vi.waitFor(() => expect(focused().textContent).toBe('Ångra'));
    expect(announce).toHaveBeenCalledWith('Utkastet ”T” är borttaget.');
    expect(root.querySelector('[data-undo]')!.textContent).toBe('Utkastet ”T” är borttaget. Ångra');
    expect(root.querySelector('li[data-draft-id="a"]')).toBeNull();
    button('Ångra')!.click();
    await vi.waitFor(() => expect(focused().dataset.draftId).toBe('a'));
    expect(drafts.restore).toHaveBeenCalledWith(draft);
    expect(announce).toHaveBeenCalledWith('Utkastet ”T” är återställt.');
    expect(root.querySelector('[data-undo]')).toBeNull();
  });

  it('an undo that cannot be stored says why and stays, so it can be tried again', async () => {
    const { button, root, announce } = mount([record({ id: 'a', state: 'draft' })], {
      restore: async () => {
        throw new StorageError('quota', 'full');
      },
    });
    button('Ta bort utkastet')!.click();
    await vi.waitFor(() => expect(button('Ångra')).toBeDefined());
    button('Ångra')!.click();
    await vi.waitFor(() => expect(root.querySelector('[data-undo] .error')?.textContent).toBe(` ${messagesFor('sv').storage.error.quota}`));
    expect(button('Ångra')).toBeDefined();
    expect(announce).toHaveBeenLastCalledWith(messagesFor('sv').storage.error.quota);
  });

  it('a draft put back far down the list is shown, not hidden behind "Visa N till"', async () => {
    const drafts = Array.from({ length: 21 }, (_, i) => record({ id: `d${i}`, state: 'draft', content: { ...emptyContent('sv'), title: `Utkast ${i}` } }));
    // As the store lists them: the draft goes back to its old place (by its old time), not to the top.
    const age = (r: DraftRecord) => (r.id === 'new' ? -1 : Number(r.id.slice(1)));
    const byAge = (list: DraftRecord[]) => [...list].sort((x, y) => age(x) - age(y));
    const { button, root, drafts: model } = mount(drafts, { restore: async (r) => void (list().value = byAge([...list().value, r])) });
    const list = () => model.drafts as unknown as { value: DraftRecord[] };
    const item = (id: string) => root.querySelector(`li[data-draft-id="${id}"]`);
    [...item('d19')!.querySelectorAll('button')].find((b) => b.textContent === 'Ta bort utkastet')!.click();
    await vi.waitFor(() => expect(button('Ångra')).toBeDefined());
    list().value = [record({ id: 'new', state: 'draft' }), ...list().value]; // the user starts a new idea meanwhile
    button('Ångra')!.click(); // d19 goes back to its old place: the 21st
    await vi.waitFor(() => expect(focused().dataset.draftId).toBe('d19'));
    expect(item('d19')).not.toBeNull();
  });

  it('an undo still being stored does not take away the offer of a later delete', async () => {
    let finish = () => undefined as void;
    const { button, root, drafts } = mount([record({ id: 'a', state: 'draft', content: { ...emptyContent('sv'), title: 'A' } }), record({ id: 'b', state: 'draft', content: { ...emptyContent('sv'), title: 'B' } })], {
      restore: (r) => new Promise<void>((resolve) => (finish = () => resolve())).then(() => void (drafts.drafts as unknown as { value: DraftRecord[] }).value.push(r)),
    });
    const deleteOf = (id: string) => [...root.querySelector(`li[data-draft-id="${id}"]`)!.querySelectorAll('button')].find((b) => b.textContent === 'Ta bort utkastet')!;
    deleteOf('a').click();
    await vi.waitFor(() => expect(button('Ångra')).toBeDefined());
    button('Ångra')!.click(); // A's restore is slow
    deleteOf('b').click();
    await vi.waitFor(() => expect(root.querySelector('[data-undo]')?.textContent).toBe('Utkastet ”B” är borttaget. Ångra'));
    finish();
    await settle();
    expect(root.querySelector('[data-undo]')?.textContent).toBe('Utkastet ”B” är borttaget. Ångra');
  });
});

describe('DraftItem: "Skicka nu" says how it went', () => {
  it('sent', async () => {
    const { button, announce } = mount([record({ state: 'queued' })], { afterSend: [record({ state: 'sent' })] });
    button('Skicka nu')!.click();
    await vi.waitFor(() => expect(announce).toHaveBeenCalledWith('T: Skickad till intranätet'));
  });

  it('the intranet did not answer: next try', async () => {
    const failed = record({ state: 'queued', nextAttemptAt: NOW + 120_000, lastFailure: { kind: 'retry', at: NOW } });
    const { button, announce } = mount([record({ state: 'queued' })], { afterSend: [failed] });
    button('Skicka nu')!.click();
    await vi.waitFor(() => expect(announce).toHaveBeenCalledWith('T: Intranätet svarade inte. Idén ligger kvar här och skickas automatiskt. Nästa försök om 2 minuter.'));
  });
});

describe('DraftItem: our own words for a failure, never the intranet’s', () => {
  it.each([
    [{ kind: 'auth', status: 401, message: 'Sign in to continue.' }, 'Väntar på att du loggar in'],
    [{ kind: 'retry', status: 503, message: 'Service Unavailable' }, 'felkod 503'],
    [{ kind: 'retry', status: 429, message: 'Too Many Requests' }, 'för mycket att göra'],
  ] as const)('queued after %j', (failure, expected) => {
    const { root } = mount([record({ state: 'queued', lastFailure: { ...failure, at: NOW } })]);
    expect(root.textContent).toContain(expected);
    expect(root.textContent).not.toContain(failure.message);
  });

  it('a stuck idea (the intranet takes the others, not this one) says so and what the user can do', () => {
    const { root } = mount([record({ state: 'queued', stuck: true, attempts: 5, lastFailure: { kind: 'retry', status: 500, at: NOW } })]);
    expect(root.textContent).toContain('Intranätet tar emot dina andra idéer men inte den här');
    expect(root.textContent).toContain('Du kan ta tillbaka idén');
  });

  it('a stuck idea that now gets 429 says the intranet is busy, not that it takes the others', () => {
    const { root } = mount([record({ state: 'queued', stuck: true, attempts: 5, lastFailure: { kind: 'retry', status: 429, at: NOW } })]);
    expect(root.textContent).toContain('för mycket att göra');
    expect(root.textContent).not.toContain('tar emot dina andra idéer');
  });

  it('needs changes: names the fields in Swedish, not the server’s message or field names', () => {
    const { root } = mount([record({
      state: 'needs-attention',
      lastFailure: { kind: 'reject', status: 422, at: NOW },
      fieldErrors: [{ field: 'title', code: 'invalid_value', message: 'Server says: title' }, { field: 'challengeId', code: 'invalid_value', message: 'Server says: challengeId' }, { field: 'source.quote', code: 'too_long', message: 'Server says: source.quote' }],
    })]);
    const text = root.querySelector('[data-failure]')!.textContent!;
    expect(text).toBe('Ändra det här och skicka igen: Rubrik, Utmaning, Markerad text.');
    expect(root.textContent).not.toMatch(/not valid|challengeId|source\.quote|Server says/);
  });

  it('a 413 without field errors', () => {
    const { root } = mount([record({ state: 'needs-attention', lastFailure: { kind: 'reject', status: 413, at: NOW } })], { lang: 'en' });
    expect(root.querySelector('[data-failure]')!.textContent).toBe('The idea is too large for the intranet. Shorten the text and send it again.');
  });
});

describe('DraftItem: what a queued idea waits for', () => {
  it('sign-in: says so instead of "Nästa försök nu"', () => {
    const { root } = mount([record({ state: 'queued' })], { paused: 'auth' });
    expect(root.querySelector('[data-next-try]')!.textContent).toBe('Väntar på att du loggar in på intranätet.');
  });

  it('no intranet configured: says so, and offers no "Skicka nu" (the banner opens the settings)', () => {
    const { root, button } = mount([record({ state: 'queued' })], { configured: false });
    expect(root.querySelector('[data-next-try]')!.textContent).toBe('Väntar på att intranätets adress anges i inställningarna.');
    expect(button('Skicka nu')).toBeUndefined();
  });

  it('no access to the address: says so instead of "Nästa försök nu", with no old reason and no "Skicka nu"', () => {
    const { root, button } = mount([record({ state: 'queued', lastFailure: { kind: 'retry', at: NOW } })], { noAccess: true });
    expect(root.querySelector('[data-next-try]')!.textContent).toBe('Väntar på att tillägget får tillgång till intranätets adress (se inställningarna).');
    expect(root.querySelector('[data-failure]')).toBeNull();
    expect(button('Skicka nu')).toBeUndefined();
  });

  it('offline: does not blame the intranet for an unanswered try, and "Skicka nu" says the device is offline', async () => {
    const unanswered = record({ state: 'queued', nextAttemptAt: NOW + 120_000, lastFailure: { kind: 'retry', at: NOW } });
    const { root, button, announce } = mount([unanswered], { offline: true, afterSend: [unanswered] });
    expect(root.querySelector('[data-failure]')).toBeNull();
    // Not "Nästa försök nu" over and over: offline, the engine looks again every few seconds.
    expect(root.querySelector('[data-next-try]')!.textContent).toBe('Väntar på att datorn blir ansluten igen.');
    button('Skicka nu')!.click();
    await vi.waitFor(() => expect(announce).toHaveBeenCalledWith('T: Datorn är inte ansluten. Idéerna sparas här och skickas när datorn är ansluten igen.'));
  });

  it('offline: an answer the intranet gave is still said (a 503 is not the device’s network)', () => {
    const { root } = mount([record({ state: 'queued', lastFailure: { kind: 'retry', status: 503, at: NOW } })], { offline: true });
    expect(root.querySelector('[data-failure]')!.textContent).toContain('felkod 503');
  });
});

describe('DraftItem: "Ta tillbaka för att ändra" while the idea is being sent', () => {
  it('says it cannot be taken back now, in an alert, and opens nothing', async () => {
    const refused = async () => {
      throw new TransitionError({ ok: false, reason: 'not-withdrawable', state: 'sending' } as never);
    };
    const { root, button, editor } = mount([record({ state: 'queued' })], { withdraw: refused });
    button('Ta tillbaka för att ändra')!.click();
    await vi.waitFor(() => expect(root.querySelector('[role=alert]')?.textContent).toBe('Idén håller på att skickas och kan inte tas tillbaka nu. Om den inte kommer fram kan du ta tillbaka den sedan.'));
    expect(editor.open).not.toHaveBeenCalled();
  });
});

describe('DraftItem: language of parts (WCAG 3.1.2)', () => {
  it('marks a Swedish idea’s title in the English popup, not its "(no title)" sentence, and nothing in the Swedish one', () => {
    const titled = record({ id: 'a', content: { ...emptyContent('sv'), title: 'Cykelställ' } });
    const untitled = record({ id: 'b', content: { ...emptyContent('sv'), description: 'Fika kl 15' } });
    const { root: en } = mount([titled, untitled], { lang: 'en' });
    const titles = () => [...root.querySelectorAll('.title')].map((el) => [el.textContent, el.getAttribute('lang')]);
    expect(titles()).toEqual([['Cykelställ', 'sv'], ['(no title) “\u2068Fika kl 15\u2069”', null]]);
    en.remove();
    mount([titled], { lang: 'sv' });
    expect(titles()).toEqual([['Cykelställ', null]]);
  });
});
