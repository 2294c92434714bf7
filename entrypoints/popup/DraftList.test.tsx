// @vitest-environment happy-dom
import { signal, type Signal } from '@preact/signals-core';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent, type IdeaSource } from '../../shared/domain/idea';
import { messagesFor } from '../../shared/i18n';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';
import { DraftList } from './DraftList';
import { mayScroll, PageContext } from './PageContext';

const NOW = Date.now();
const record = (patch: Partial<DraftRecord>): DraftRecord => ({
  id: patch.state ?? 'x', state: 'draft', content: { ...emptyContent('sv'), title: 'T' }, createdAt: NOW, updatedAt: NOW, attempts: 0, ...patch,
});

function mount(list: DraftRecord[], open?: string) {
  const root = document.createElement('div');
  const sendNow = vi.fn(async () => undefined);
  const drafts = {
    drafts: signal(list), challenges: signal([]), refresh: vi.fn(async () => undefined), remove: vi.fn(), keepIntranetVersion: vi.fn(async () => undefined), sendAsNewIdea: vi.fn(async () => 'new-id'),
  } as unknown as DraftsModel;
  const editor = { draftId: signal(open), withdraw: vi.fn(), open: vi.fn() } as unknown as EditorModel;
  const sync = { sendNow, paused: signal(undefined), accountSwitch: signal(undefined), online: signal(true) } as unknown as SyncStatusModel;
  const draw = () => render(<DraftList drafts={drafts} editor={editor} sync={sync} t={messagesFor('sv')} lang="sv" configured onEdit={() => undefined} announce={() => undefined} />, root);
  draw();
  // Draws again with the props' signals as they are now (these tests do not bind components to signals).
  const redraw = draw;
  return { root, sendNow, drafts, redraw };
}

describe('DraftList', () => {
  it('leaves out a draft with nothing written in it (typed, then cleared), but not a sent or a written one', () => {
    const cleared = record({ id: 'cleared', content: { ...emptyContent('sv'), title: ' ', source: { url: 'https://a.se/', title: 'Sida' } } });
    const quoted = record({ id: 'quoted', content: { ...emptyContent('sv'), source: { quote: 'Citat' } } });
    const sentBlank = record({ id: 'sent', state: 'sent', content: { ...emptyContent('sv'), title: '' } });
    const { root } = mount([cleared, quoted, sentBlank]);
    expect([...root.querySelectorAll('li[data-draft-id]')].map((li) => li.getAttribute('data-draft-id'))).toEqual(['quoted', 'sent']);
    const { root: empty } = mount([cleared]);
    expect(empty.textContent).toContain('Inga utkast eller skickade idéer än.');
    // The one in the form stays listed while its title is cleared to be written anew; an empty one it opened with is not.
    const { root: editing, drafts, redraw } = mount([cleared, quoted], 'cleared');
    const ids = () => [...editing.querySelectorAll('li[data-draft-id]')].map((li) => li.getAttribute('data-draft-id'));
    expect(ids()).toEqual(['quoted']);
    const shown = drafts.drafts as Signal<DraftRecord[]>;
    shown.value = [{ ...cleared, content: { ...cleared.content, title: 'Ny' } }, quoted];
    redraw();
    expect(ids()).toEqual(['cleared', 'quoted']);
    shown.value = [cleared, quoted];
    redraw();
    expect(ids()).toEqual(['cleared', 'quoted']);
  });

  it('shows a queued idea with its next try and a working "Skicka nu"', () => {
    const { root, sendNow } = mount([record({ state: 'queued', nextAttemptAt: NOW + 120_000, lastFailure: { kind: 'retry', at: NOW } })]);
    expect(root.textContent).toContain('Väntar på att skickas');
    expect(root.querySelector('[data-next-try]')?.textContent).toBe('Nästa försök om 2 minuter.');
    expect(root.textContent).toContain('Intranätet svarade inte');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Skicka nu')!;
    button.click();
    expect(sendNow).toHaveBeenCalledOnce();
  });

  it('gives "Skicka nu" the focus back when the try failed and the button came back', async () => {
    const queued = record({ id: 'q', state: 'queued', nextAttemptAt: NOW + 120_000, lastFailure: { kind: 'retry', at: NOW } });
    const { root, sendNow, drafts } = mount([queued]);
    document.body.append(root);
    // While it is tried the idea is `sending` (no button, focus falls to the item); then it waits again.
    const shown = drafts.drafts as Signal<DraftRecord[]>;
    sendNow.mockImplementationOnce(async () => {
      shown.value = [{ ...queued, state: 'sending' }];
      await new Promise((resolve) => setTimeout(resolve, 20));
      (root.querySelector('li[data-draft-id="q"]') as HTMLElement).focus();
      shown.value = [queued];
    });
    const button = root.querySelector<HTMLButtonElement>('[data-send-now]')!;
    button.focus();
    button.click();
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Skicka nu'));
    root.remove();
  });

  it('labels a sent idea with its intranet status, and never offers to delete it', () => {
    const { root } = mount([record({ state: 'sent', remoteStatus: 'piloting' })]);
    expect(root.textContent).toContain('Skickad till intranätet');
    expect(root.textContent).toContain('Testas');
    expect(root.textContent).not.toContain('Ta bort');
  });

  it('offers a way out of a 409: keep the intranet’s version, or send this one as a new idea', async () => {
    const conflict = { ...emptyContent('sv'), title: '<b>Första versionen</b>', id: 'x', status: 'received' as const, createdAt: '', updatedAt: '' };
    const { root, drafts, sendNow } = mount([record({ id: 'x', state: 'needs-attention', conflict, lastFailure: { kind: 'conflict', status: 409, at: NOW } })]);
    expect(root.querySelector('q')?.textContent).toBe('<b>Första versionen</b>');
    const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === label)!;
    // The keep button is described by what it does to this version, not only by the idea's title.
    const described = button('Behåll intranätets version').getAttribute('aria-describedby')!.split(' ').map((id) => root.querySelector(`[id="${id}"]`)?.textContent);
    expect(described).toContain('Välj vilken version som ska gälla. Behåller du intranätets version tas din bort från den här datorn.');
    button('Behåll intranätets version').click();
    expect(drafts.keepIntranetVersion).toHaveBeenCalledWith('x');
    button('Skicka min version som en ny idé').click();
    expect(drafts.sendAsNewIdea).toHaveBeenCalledWith('x');
    await vi.waitFor(() => expect(sendNow).toHaveBeenCalledOnce());
  });

  it('without the intranet’s copy, says so and offers only to send this version as a new idea', () => {
    const { root } = mount([record({ state: 'needs-attention', lastFailure: { kind: 'conflict', status: 409, at: NOW } })]);
    expect(root.textContent).toContain('men visar den inte');
    const labels = [...root.querySelectorAll('button')].map((b) => b.textContent);
    expect(labels).toContain('Skicka min version som en ny idé');
    expect(labels).not.toContain('Behåll intranätets version');
  });

  it('renders a title carrying markup as text', () => {
    const { root } = mount([record({ content: { ...emptyContent('sv'), title: '<img src=x onerror=alert(1)>' } })]);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.title')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('opens a long list with its 20 newest settled items and every queued one; "Visa N till" reveals 50 more and takes focus there', async () => {
    const sent = Array.from({ length: 100 }, (_, i) => record({ id: `s${i}`, state: 'sent' }));
    const queued = record({ id: 'q-old', state: 'queued' });
    const { root } = mount([...sent, queued]);
    document.body.append(root);
    const ids = () => [...root.querySelectorAll('li')].map((li) => li.dataset.draftId);
    expect(ids()).toEqual([...sent.slice(0, 20).map((r) => r.id), 'q-old']);
    const more = root.querySelector<HTMLButtonElement>('[data-show-more]')!;
    expect(more.textContent).toBe('Visa 50 till'); // what a press shows, of the 80 hidden
    more.click();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(ids()).toHaveLength(71);
    expect((document.activeElement as HTMLElement).dataset.draftId).toBe('s20');
    expect(root.querySelector('[data-show-more]')!.textContent).toBe('Visa 30 till');
    root.querySelector<HTMLButtonElement>('[data-show-more]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(ids()).toHaveLength(101);
    expect(root.querySelector('[data-show-more]')).toBeNull();
    root.remove();
  });
});

describe('PageContext', () => {
  it('shows the page\'s address as a person reads it, and sends it as the browser gave it', () => {
    const root = document.createElement('div');
    const onChange = vi.fn();
    const url = 'https://xn--intrant-bxa.kommun.se/nyheter/%C3%A5rsm%C3%B6te';
    render(<PageContext source={{ url, quote: 'Citat' }} disabled={false} t={messagesFor('sv')} nextFieldId="anonymous" onChange={onChange} />, root);
    expect(root.querySelector('[data-context=url] .value')?.textContent).toBe('https://intranät.kommun.se/nyheter/årsmöte');
    root.querySelector<HTMLButtonElement>('[data-context=quote] button')!.click();
    expect(onChange).toHaveBeenLastCalledWith({ url });
  });

  it('lets a keyboard reach a value that may scroll, long or of many short lines, named by its label', () => {
    const root = document.createElement('div');
    const hours = 'Mån 8–16\nTis 8–16\nOns 8–16\nTor 8–16\nFre 8–12'; // 44 characters, five lines
    render(<PageContext source={{ title: 'Öppettider', quote: hours }} disabled={false} t={messagesFor('sv')} nextFieldId="anonymous" onChange={vi.fn()} />, root);
    const quote = root.querySelector<HTMLElement>('[data-context=quote] .value')!;
    expect([quote.tabIndex, quote.getAttribute('role'), quote.getAttribute('aria-labelledby')]).toEqual([0, 'group', 'context-quote']);
    expect(root.querySelector('[data-context=title] .value')!.hasAttribute('tabindex')).toBe(false); // fits: no stop
    expect([mayScroll('a'.repeat(121)), mayScroll('a\nb\nc'), mayScroll(undefined), mayScroll('a'.repeat(90))]).toEqual([true, false, false, false]);
    expect(mayScroll(`${'a'.repeat(40)}\n${'b'.repeat(40)}\nc`)).toBe(true); // three lines, two of them wrapping
  });

  it('removes one part at a time and drops the source when nothing is left', () => {
    const root = document.createElement('div');
    const onChange = vi.fn();
    render(<PageContext source={{ url: 'https://a.se/', quote: 'Citat' }} disabled={false} t={messagesFor('sv')} nextFieldId="anonymous" onChange={onChange} />, root);
    root.querySelector<HTMLButtonElement>('[data-context=url] button')!.click();
    expect(onChange).toHaveBeenLastCalledWith({ quote: 'Citat' });
    render(<PageContext source={{ quote: 'Citat' }} disabled={false} t={messagesFor('sv')} nextFieldId="anonymous" onChange={onChange} />, root);
    root.querySelector<HTMLButtonElement>('[data-context=quote] button')!.click();
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('moves focus to the next part\'s remove button, else the one before, else the field after the context', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    function Form() {
      const [source, setSource] = useState<IdeaSource | undefined>({ url: 'https://a.se/', title: 'Sida', quote: 'Citat' });
      return (<><PageContext source={source} disabled={false} t={messagesFor('sv')} nextFieldId="after" onChange={setSource} /><input id="after" /></>);
    }
    render(<Form />, root);
    const press = async (part: string) => {
      root.querySelector<HTMLButtonElement>(`#context-remove-${part}`)!.click();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return document.activeElement?.id;
    };
    expect(await press('title')).toBe('context-remove-quote');
    expect(await press('quote')).toBe('context-remove-url');
    expect(await press('url')).toBe('after');
    expect(root.querySelector('fieldset')).toBeNull();
    root.remove();
  });
});
