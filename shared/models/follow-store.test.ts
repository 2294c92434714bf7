import { describe, expect, it } from 'vitest';
import type { DraftRecord, DraftState } from '../domain/draft';
import { emptyContent, type FieldError } from '../domain/idea';
import { followStored } from './follow-store';

const content = { ...emptyContent('sv'), title: 'Idé', challengeId: 'c1', source: { url: 'https://intra.example/sida' } };
const errors: FieldError[] = [{ field: 'title', code: 'too_long', message: '' }];

function stored(state: DraftState, patch: Partial<DraftRecord> = {}): DraftRecord {
  return { id: 'd1', state, content, createdAt: 1, updatedAt: 2, attempts: 0, ...patch };
}

describe('followStored: what an editor shows when its draft changed in the store', () => {
  it('goes on with a new draft about the same challenge and page when another view submitted it', () => {
    expect(followStored({ state: 'draft', content }, stored('queued'))).toEqual({ newDraft: { challengeId: 'c1', source: content.source } });
  });

  it("shows another view's text, and nothing when the text is the same", () => {
    const other = { ...content, title: 'Idé från andra fliken' };
    expect(followStored({ state: 'draft', content }, stored('draft', { content: other }))).toEqual({ content: other });
    expect(followStored({ state: 'draft', content }, stored('draft'))).toEqual({});
  });

  it('takes the state and its field errors when they changed (needs-attention back to draft)', () => {
    expect(followStored({ state: 'needs-attention', content }, stored('draft', { fieldErrors: errors }))).toEqual({ state: 'draft', fieldErrors: errors });
  });

  it('follows sync on a frozen idea, with the stored text as canonical', () => {
    const sent = stored('sent', { content: { ...content, title: 'Som skickad' } });
    expect(followStored({ state: 'sending', content }, sent)).toEqual({ state: 'sent', fieldErrors: [], content: sent.content });
    expect(followStored({ state: 'sending', content }, stored('needs-attention', { fieldErrors: errors }))).toEqual({ state: 'needs-attention', fieldErrors: errors });
    expect(followStored({ state: 'sent', content }, stored('sent'))).toEqual({});
  });
});
