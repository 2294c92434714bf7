import { describe, expect, it } from 'vitest';
import { emptyContent } from '../domain/idea';
import { journalReplay, type OpenedDraft } from './journal';

const text = (title: string, description = '') => ({ ...emptyContent('sv'), title, description });
const opened = (patch: Partial<OpenedDraft> = {}): OpenedDraft => ({ draftId: 'a', state: 'draft', content: text('Hej'), newestUpdatedAt: 100, ...patch });

describe('journalReplay', () => {
  it('puts back newer text for the draft on screen', () => {
    expect(journalReplay({ draftId: 'a', content: text('Hej då'), at: 90 }, opened())).toBe('replace');
  });

  it('does nothing when the store already has that text, or the journal is about another draft', () => {
    expect(journalReplay({ draftId: 'a', content: text('Hej'), at: 200 }, opened())).toBeUndefined();
    expect(journalReplay({ draftId: 'b', content: text('Annat'), at: 200 }, opened())).toBeUndefined();
    expect(journalReplay(undefined, opened())).toBeUndefined();
  });

  it('never overwrites a draft that was submitted meanwhile, nor brings its journalled text back as another', () => {
    expect(journalReplay({ draftId: 'a', content: text('Hej då'), at: 200 }, opened({ state: 'queued' }))).toBeUndefined();
    expect(journalReplay({ draftId: 'a', content: text('Hej då'), at: 200 }, opened({ state: 'sent' }))).toBeUndefined();
  });

  it('recovers a first draft whose record was never created, if nothing newer is stored', () => {
    expect(journalReplay({ draftId: undefined, content: text('Först'), at: 200 }, opened())).toBe('new');
    expect(journalReplay({ draftId: undefined, content: text('Först'), at: 50 }, opened())).toBeUndefined();
    expect(journalReplay({ draftId: undefined, content: text(''), at: 200 }, opened({ draftId: undefined, newestUpdatedAt: undefined }))).toBeUndefined();
  });
});
