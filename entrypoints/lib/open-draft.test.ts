import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent, type IdeaSource } from '../../shared/domain/idea';
import { draftAbout } from './open-draft';

const URL_A = 'https://intra.example/nyheter/a';
const draft = (id: string, source: IdeaSource | undefined, patch: Partial<DraftRecord> = {}): DraftRecord => ({
  id, state: 'draft', content: { ...emptyContent('sv'), title: id, source }, createdAt: 0, updatedAt: 0, attempts: 0, ...patch,
});

describe('draftAbout', () => {
  it('finds the newest draft still being written about the same quote on the same page', () => {
    const drafts = [
      draft('old', { url: URL_A, quote: 'Citat' }, { updatedAt: 1 }),
      draft('new', { url: URL_A, quote: 'Citat' }, { updatedAt: 3 }),
      draft('queued', { url: URL_A, quote: 'Citat' }, { updatedAt: 5, state: 'queued' }),
      draft('other quote', { url: URL_A, quote: 'Annat' }, { updatedAt: 9 }),
      draft('other page', { url: `${URL_A}/b`, quote: 'Citat' }, { updatedAt: 9 }),
    ];
    expect(draftAbout(drafts, { url: URL_A, title: 'A', quote: 'Citat' })?.id).toBe('new');
  });

  it('finds the context menu’s draft, whose quote came with its line breaks as spaces, from the popup’s selection', () => {
    const menu = draft('menu', { url: URL_A, quote: 'Mån 8–16 Tis 8–16' });
    expect(draftAbout([menu], { url: URL_A, quote: 'Mån 8–16\nTis  8–16\n' })?.id).toBe('menu');
    expect(draftAbout([menu], { url: URL_A, quote: 'Mån 8–16\nTis 9–16' })).toBeUndefined();
  });

  it('finds none when no draft being written has that quote', () => {
    expect(draftAbout([draft('a', { url: URL_A }), draft('b', undefined)], { url: URL_A, quote: 'Citat' })).toBeUndefined();
    expect(draftAbout([draft('sent', { url: URL_A, quote: 'Citat' }, { state: 'sent' })], { url: URL_A, quote: 'Citat' })).toBeUndefined();
  });
});
