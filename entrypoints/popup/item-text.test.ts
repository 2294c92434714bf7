import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../shared/domain/draft';
import { emptyContent, type IdeaContent } from '../../shared/domain/idea';
import { messagesFor } from '../../shared/i18n';
import { itemTitle } from './item-text';

const draft = (content: Partial<IdeaContent>): DraftRecord => ({
  id: 'd', state: 'draft', content: { ...emptyContent('sv'), ...content }, createdAt: 0, updatedAt: 0, attempts: 0,
});
const sv = messagesFor('sv');

describe('itemTitle', () => {
  it('is the title when there is one', () => {
    expect(itemTitle(draft({ title: '  Cykelställ  ', description: 'Fler' }), sv)).toBe('Cykelställ');
  });

  it('names an untitled draft by its text, else its quote, else its page title, so that context-menu drafts tell apart', () => {
    expect(itemTitle(draft({ description: 'Fler\n  cykelställ' }), sv)).toBe('(utan rubrik) ”Fler cykelställ”');
    expect(itemTitle(draft({ source: { url: 'https://a.se/', title: 'Sidan', quote: 'Det citerade' } }), sv)).toBe('(utan rubrik) ”Det citerade”');
    expect(itemTitle(draft({ source: { url: 'https://a.se/', title: 'Sidan' } }), sv)).toBe('(utan rubrik) ”Sidan”');
    expect(itemTitle(draft({ source: { url: 'https://a.se/' } }), sv)).toBe('(utan rubrik)');
    expect(itemTitle(draft({ description: 'Text' }), messagesFor('en'))).toBe('(no title) “Text”');
  });

  it('shortens a long text by whole characters', () => {
    const title = itemTitle(draft({ description: `${'😀'.repeat(49)}ab` }), sv);
    expect(title).toBe(`(utan rubrik) ”${'😀'.repeat(49)}a…”`);
  });
});
