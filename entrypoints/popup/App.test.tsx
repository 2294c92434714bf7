// @vitest-environment happy-dom
// Installs the Preact integration: components re-render when a signal they read changes.
import '@preact/signals';
import { signal } from '@preact/signals-core';
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent } from '../../shared/domain/idea';
import { messagesFor } from '../../shared/i18n';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';
import { App } from './App';

vi.mock('../lib/ext', () => ({ ext: {} }));
vi.mock('../lib/keystroke-journal', () => ({ recordKeystroke: vi.fn(), clearJournal: vi.fn() }));

const NOW = Date.now();
const record = (patch: Partial<DraftRecord>): DraftRecord => ({
  id: 'a', state: 'queued', content: { ...emptyContent('sv'), title: 'Första' }, createdAt: NOW, updatedAt: NOW, attempts: 0, ...patch,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
/** The live region's lines, oldest first: each announcement is a line of its own. */
const saidLines = (root: HTMLElement) => [...root.querySelector('[aria-live]')!.children].map((line) => line.textContent);
const lastSaid = (root: HTMLElement) => saidLines(root).at(-1) ?? '';

function mount(options: { offline?: boolean; paused?: 'auth' } = {}) {
  const root = document.createElement('div');
  document.body.append(root);
  const list = signal([record({})]);
  const editor = {
    content: signal(emptyContent('sv')), state: signal('draft'), fieldErrors: signal([]), saveStatus: signal({ kind: 'idle' }), draftId: signal(undefined),
    update: vi.fn(), startNew: vi.fn(), submit: vi.fn(async () => ({ ok: true, id: 'b' })),
  } as unknown as EditorModel;
  const drafts = { drafts: list, challenges: signal([]), refresh: vi.fn(async () => undefined) } as unknown as DraftsModel;
  const sync = { online: signal(!options.offline), paused: signal(options.paused), accountSwitch: signal(undefined), sendNow: vi.fn() } as unknown as SyncStatusModel;
  render(<App editor={editor} drafts={drafts} sync={sync} t={messagesFor('sv')} lang="sv" signInUrl="http://127.0.0.1:8787/login" />, root);
  const banner = (name: string) => root.querySelector(`[data-banner=${name}]`);
  return { root, list, banner, sync: sync as unknown as { online: { value: boolean } }, editor: editor as unknown as { fieldErrors: { value: unknown[] } } };
}

describe('App: the celebration', () => {
  it('clears on the next submit, so the new idea’s "waiting" notice shows', async () => {
    const { root, list, banner } = mount();
    await settle();
    list.value = [record({ state: 'sent' })];
    await vi.waitFor(() => expect(banner('celebration')).not.toBeNull());
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    list.value = [record({ id: 'b' }), record({ state: 'sent' })]; // 'b' is queued
    await vi.waitFor(() => expect(banner('queued')).not.toBeNull());
    expect(banner('celebration')).toBeNull();
    root.remove();
  });

  it('says "waiting to be sent" only while the submitted idea waits: not after it arrived and the user types on', async () => {
    const { root, list, banner } = mount();
    await settle();
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    list.value = [record({ id: 'b' }), record({})];
    await vi.waitFor(() => expect(banner('queued')).not.toBeNull());
    list.value = [record({ id: 'b', state: 'sent' }), record({})];
    await vi.waitFor(() => expect(banner('celebration')).not.toBeNull());
    expect(banner('queued')).toBeNull();
    root.querySelector<HTMLInputElement>('#title')!.dispatchEvent(new Event('input', { bubbles: true })); // the next idea
    await vi.waitFor(() => expect(banner('celebration')).toBeNull());
    await settle();
    expect(banner('queued')).toBeNull(); // it was sent: no false "waiting"
    root.remove();
  });

  it('names the idea that waits, keeps the notice while the next is typed, and ends it for good when a submit is refused', async () => {
    const { root, list, banner, editor } = mount();
    await settle();
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    list.value = [record({ id: 'b', content: { ...emptyContent('sv'), title: 'Cykelställ' } }), record({})];
    await vi.waitFor(() => expect(banner('queued')?.textContent).toBe('”Cykelställ” väntar på att skickas. Du kan stänga fönstret – idén skickas ändå.'));
    root.querySelector<HTMLInputElement>('#title')!.dispatchEvent(new Event('input', { bubbles: true })); // the next idea
    await settle();
    expect(banner('queued')).not.toBeNull(); // not taken away under the typing: the form would move up
    editor.fieldErrors.value = [{ field: 'title', code: 'required', message: 'x' }]; // Enter on the new, empty form
    await vi.waitFor(() => expect(banner('queued')).toBeNull());
    editor.fieldErrors.value = [];
    await settle();
    expect(banner('queued')).toBeNull(); // not back above the form once the errors are corrected
    root.remove();
  });

  it('does not say "it is sent anyway" while sync waits for a sign-in: the sign-in notice says why it waits', async () => {
    const { root, list, banner } = mount({ paused: 'auth' });
    await settle();
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    list.value = [record({ id: 'b' }), record({})];
    await vi.waitFor(() => expect(banner('sign-in')).not.toBeNull());
    await settle();
    expect(banner('queued')).toBeNull();
    root.remove();
  });

  it('is not shown when a 409 is settled by keeping the intranet\'s version: nothing of the user\'s arrived', async () => {
    const { root, list, banner } = mount();
    list.value = [record({ state: 'needs-attention' })];
    await settle();
    list.value = [record({ state: 'sent' })];
    await settle();
    expect(banner('celebration')).toBeNull();
    list.value = [record({ state: 'sent' }), record({ id: 'b' })];
    await settle();
    list.value = [record({ state: 'sent' }), record({ id: 'b', state: 'sent' })];
    await vi.waitFor(() => expect(banner('celebration')).not.toBeNull()); // a delivery still is
    root.remove();
  });

  it('clears when the user starts editing', async () => {
    const { root, list, banner } = mount();
    await settle();
    list.value = [record({ state: 'sent' })];
    await vi.waitFor(() => expect(banner('celebration')).not.toBeNull());
    root.querySelector<HTMLInputElement>('#title')!.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(banner('celebration')).toBeNull());
    root.remove();
  });
});

describe('App: what the live region says', () => {
  it('says when the innovation team moves a sent idea on', async () => {
    const { root, list } = mount();
    list.value = [record({ state: 'sent', remoteStatus: 'received' })];
    await settle();
    const live = () => lastSaid(root);
    list.value = [record({ state: 'sent', remoteStatus: 'in-review' })];
    await vi.waitFor(() => expect(live()).toBe('Första: Under bedömning'));
    root.remove();
  });

  it('says a 409 asks for a version to be chosen, not only that the idea needs changes', async () => {
    const { root, list } = mount();
    list.value = [record({ state: 'queued' })];
    await settle();
    const conflict = { ...record({}).content, title: 'Deras', id: 'x', status: 'received' as const, createdAt: '', updatedAt: '' };
    list.value = [record({ state: 'needs-attention', conflict, lastFailure: { kind: 'conflict', status: 409, at: 0 } })];
    await vi.waitFor(() => expect(lastSaid(root)).toBe('Första: Behöver ändras. Intranätet har redan en annan version av idén. Välj vilken version som ska gälla.'));
    // Taken back to edit ("Redigera"): the 409's copy stays on the draft, but there is no version to choose now.
    list.value = [record({ state: 'draft', conflict, lastFailure: { kind: 'conflict', status: 409, at: 0 } })];
    await vi.waitFor(() => expect(lastSaid(root)).toBe('Första: Utkast – bara på den här datorn'));
    root.remove();
  });

  it('says nothing about a failed automatic try (queued → sending → queued), and "sent" after one that went through', async () => {
    const { root, list } = mount();
    const live = () => lastSaid(root);
    await settle();
    for (const state of ['sending', 'queued', 'sending', 'queued'] as const) {
      list.value = [record({ state })];
      await settle();
    }
    expect(live()).toBe('');
    list.value = [record({ state: 'sending' })];
    await settle();
    list.value = [record({ state: 'sent' })];
    await vi.waitFor(() => expect(live()).toBe('Första: Skickad till intranätet'));
    root.remove();
  });

  it('says when the device goes offline and comes back, and nothing about being online at the start', async () => {
    const { root, sync } = mount();
    const live = () => lastSaid(root);
    await settle();
    expect(live()).toBe('');
    sync.online.value = false;
    await vi.waitFor(() => expect(live()).toBe(messagesFor('sv').popup.offline));
    sync.online.value = true;
    await vi.waitFor(() => expect(live()).toBe('Datorn är ansluten igen.'));
    root.remove();
  });

  it('keeps both of two news that come together (back online, then an idea sent), each a line of its own', async () => {
    const { root, sync, list } = mount({ offline: true });
    await vi.waitFor(() => expect(lastSaid(root)).toBe(messagesFor('sv').popup.offline));
    sync.online.value = true;
    await new Promise((resolve) => setTimeout(resolve, 5)); // the send that going online starts ends at once
    list.value = [record({ state: 'sent' })];
    await vi.waitFor(() => expect(saidLines(root)).toEqual([messagesFor('sv').popup.offline, 'Datorn är ansluten igen.', 'Första: Skickad till intranätet']));
    // The same news again, later: a new line, so it is said again; and only the last three are kept.
    sync.online.value = false;
    await vi.waitFor(() => expect(saidLines(root)).toEqual(['Datorn är ansluten igen.', 'Första: Skickad till intranätet', messagesFor('sv').popup.offline]));
    root.remove();
  });

  it('says that the device is offline when the popup opens so', async () => {
    const { root } = mount({ offline: true });
    await vi.waitFor(() => expect(lastSaid(root)).toBe(messagesFor('sv').popup.offline));
    root.remove();
  });
});
