import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent, type IdeaContent } from '../../shared/domain/idea';
import { formatRelative, messagesFor } from '../../shared/i18n';
import { itemTitle, nextTryText, queueHeadAt } from './item-text';

const draft = (content: Partial<IdeaContent>): DraftRecord => ({
  id: 'd', state: 'draft', content: { ...emptyContent('sv'), ...content }, createdAt: 0, updatedAt: 0, attempts: 0,
});
const sv = messagesFor('sv');
/** First strong isolate … pop directional isolate: a snippet keeps its own direction. */
const [I, P] = ['\u2068', '\u2069'];

describe('itemTitle', () => {
  it('is the title when there is one', () => {
    expect(itemTitle(draft({ title: '  Cykelställ  ', description: 'Fler' }), sv)).toBe('Cykelställ');
  });

  it('names an untitled draft by its text, else its quote, else its page title, so that context-menu drafts tell apart', () => {
    expect(itemTitle(draft({ description: 'Fler\n  cykelställ' }), sv)).toBe(`(utan rubrik) ”${I}Fler cykelställ${P}”`);
    expect(itemTitle(draft({ source: { url: 'https://a.se/', title: 'Sidan', quote: 'Det citerade' } }), sv)).toBe(`(utan rubrik) ”${I}Det citerade${P}”`);
    expect(itemTitle(draft({ source: { url: 'https://a.se/', title: 'Sidan' } }), sv)).toBe(`(utan rubrik) ”${I}Sidan${P}”`);
    expect(itemTitle(draft({ source: { url: 'https://a.se/' } }), sv)).toBe('(utan rubrik)');
    expect(itemTitle(draft({ description: 'Text' }), messagesFor('en'))).toBe(`(no title) “${I}Text${P}”`);
    // Inside a sentence that quotes the title itself: single quotes within the double ones.
    expect(itemTitle(draft({ description: 'Text' }), sv, true)).toBe(`(utan rubrik) ’${I}Text${P}’`);
    expect(sv.popup.draftDeleted(itemTitle(draft({ description: 'Text' }), sv, true))).toBe(`Utkastet ”(utan rubrik) ’${I}Text${P}’” är borttaget.`);
  });

  it('shortens a long text by whole characters: a family emoji or a flag is never cut apart', () => {
    const family = '👨‍👩‍👧';
    expect(itemTitle(draft({ description: `${family.repeat(49)}ab` }), sv)).toBe(`(utan rubrik) ”${I}${family.repeat(49)}a…${P}”`);
    expect(itemTitle(draft({ description: '🇸🇪'.repeat(51) }), sv)).toBe(`(utan rubrik) ”${I}${'🇸🇪'.repeat(50)}…${P}”`);
  });
});

describe('nextTryText', () => {
  const queued = (nextAttemptAt?: number): DraftRecord => ({ ...draft({ title: 'Idé' }), state: 'queued', nextAttemptAt });
  const now = Date.UTC(2026, 10, 29, 12);
  const c = { t: sv, lang: 'sv' as const, now, pausedForSignIn: false, configured: true };

  it('gives an idea waiting behind one that backs off the time sync next tries, not "now"', () => {
    expect(nextTryText(queued(), { ...c, queueNextAt: now + 13 * 60_000 })).toBe(sv.popup.nextTry(formatRelative(now + 13 * 60_000, now, 'sv')));
    expect(nextTryText(queued(now + 60_000), { ...c, queueNextAt: now + 13 * 60_000 })).toBe(sv.popup.nextTry(formatRelative(now + 60_000, now, 'sv')));
    expect(nextTryText(queued(), c)).toBe(sv.popup.nextTry(formatRelative(now, now, 'sv'))); // nothing scheduled: now
  });

  it('takes that time from the head of the queue, not from a stuck idea that holds no one', () => {
    const at = (id: string, queuedAt: number, nextAttemptAt?: number, stuck?: true): DraftRecord => ({ ...queued(nextAttemptAt), id, queuedAt, ...(stuck && { stuck }) });
    const list = [at('x', 30), at('stuck', 10, now + 2 * 60_000, true), at('head', 20, now + 13 * 60_000), { ...draft({}), id: 'd', createdAt: 1 }];
    expect(queueHeadAt(list)).toBe(now + 13 * 60_000);
    expect(queueHeadAt([at('x', 30)])).toBeUndefined();
  });
});
