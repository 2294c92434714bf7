import { describe, expect, it } from 'vitest';
import type { DraftRecord } from './draft';
import { emptyContent, type IdeaContent } from './idea';
import { mergeContent, setContent, submitDraft, withdrawDraft } from './lifecycle';

const record = (overrides: Partial<DraftRecord> = {}): DraftRecord => ({
  id: 'a',
  state: 'draft',
  content: { ...emptyContent('sv'), title: '  Cafe\u0301 i entrén ' },
  createdAt: 1,
  updatedAt: 1,
  attempts: 0,
  ...overrides,
});

describe('lifecycle', () => {
  it('edits only editable drafts; editing needs-attention makes it a draft and keeps field errors', () => {
    const errors = [{ field: 'title', code: 'too_long' as const, message: 'x' }];
    // As the editor writes an edit: its full content, the typed fields merged in (`undefined` removes one).
    const edit = (r: DraftRecord, patch: Partial<IdeaContent>) => setContent(r, mergeContent(r.content, patch), 5);
    const edited = edit(record({ state: 'needs-attention', fieldErrors: errors }), { description: 'ny', challengeId: undefined });
    expect(edited).toEqual({ ok: true, record: record({ state: 'draft', fieldErrors: errors, content: { ...record().content, description: 'ny' }, updatedAt: 5 }) });
    for (const state of ['queued', 'sending', 'sent'] as const) {
      expect(edit(record({ state }), { title: 'x' })).toEqual({ ok: false, reason: 'not-editable', state });
    }
  });

  it('submit of an invalid draft gives field errors and changes nothing', () => {
    const draft = record({ content: { ...emptyContent('sv'), title: '   ', description: 'min text' } });
    const result = submitDraft(draft, 9);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', errors: [{ field: 'title', code: 'required' }] });
    expect(draft.content.description).toBe('min text');
  });

  it('submit of a valid draft queues canonical content, resets attempts, clears errors', () => {
    const result = submitDraft(record({ state: 'needs-attention', attempts: 4, nextAttemptAt: 7, fieldErrors: [{ field: 'title', code: 'required', message: 'x' }], lastFailure: { kind: 'reject', status: 422, at: 3 } }), 9);
    expect(result).toEqual({ ok: true, record: record({ state: 'queued', content: { ...emptyContent('sv'), title: 'Café i entrén' }, queuedAt: 9, updatedAt: 9 }) });
    expect(submitDraft(record({ state: 'sending' }), 9)).toMatchObject({ ok: false, reason: 'not-submittable' });
  });

  it('withdraws queued and needs-attention to draft, never while sending or after sent', () => {
    expect(withdrawDraft(record({ state: 'queued', queuedAt: 2, attempts: 3, nextAttemptAt: 8 }), 9)).toEqual({ ok: true, record: record({ updatedAt: 9 }) });
    expect(withdrawDraft(record({ state: 'needs-attention' }), 9)).toMatchObject({ ok: true, record: { state: 'draft' } });
    // The failure was about a send that is no longer pending; the field errors stay to be fixed.
    const refused = record({ state: 'needs-attention', lastFailure: { kind: 'reject', status: 422, at: 5 }, fieldErrors: [{ field: 'title', code: 'required', message: 'x' }] });
    const withdrawn = withdrawDraft(refused, 9);
    expect(withdrawn.ok && withdrawn.record.lastFailure).toBeUndefined();
    expect(withdrawn.ok && withdrawn.record.fieldErrors).toEqual(refused.fieldErrors);
    expect(withdrawDraft(record({ state: 'sending' }), 9)).toEqual({ ok: false, reason: 'not-withdrawable', state: 'sending' });
    expect(withdrawDraft(record({ state: 'sent' }), 9)).toMatchObject({ ok: false, reason: 'not-withdrawable' });
  });
});
