import { describe, expect, it } from 'vitest';
import type { DraftRecord, LastFailure } from '../domain/draft';
import { failureText } from './failure-text';
import { en, sv } from './messages/common';

const base: DraftRecord = {
  id: 'a1',
  state: 'queued',
  content: { title: 'Cykelparkering', description: '', kind: 'idea', anonymous: false, lang: 'sv' },
  createdAt: 0,
  updatedAt: 0,
  attempts: 1,
};
const fields = () => 'FIELDS';
const text = (failure: LastFailure | undefined, more: Partial<DraftRecord> = {}, messages = sv.failure) =>
  failureText(messages, { ...base, lastFailure: failure, ...more }, fields);

describe('failureText', () => {
  it('says why a queued idea waits: no answer, busy, a server error, a stuck idea', () => {
    expect(text({ kind: 'retry', at: 0 })).toBe(sv.failure.unreachable);
    expect(text({ kind: 'retry', status: 429, at: 0 })).toBe(sv.failure.busy);
    expect(text({ kind: 'retry', status: 503, at: 0 })).toContain('felkod 503');
    expect(text({ kind: 'retry', status: 500, at: 0 }, { stuck: true })).toBe(sv.failure.stuck);
    expect(text({ kind: 'retry', status: 503, at: 0 }, { stuck: true })).toContain('felkod 503');
    expect(text({ kind: 'retry', status: 502, at: 0 }, {}, en.failure)).toContain('error code 502');
    expect(text({ kind: 'retry', status: 404, at: 0 })).toBe(sv.failure.noApi(404));
  });

  it('says why the intranet refused an idea: the fields through the view, too large, any other status', () => {
    const refused = { state: 'needs-attention' as const };
    expect(text({ kind: 'reject', status: 422, at: 0 }, { ...refused, fieldErrors: [{ field: 'title', code: 'required', message: 'x' }] })).toBe('FIELDS');
    expect(text({ kind: 'reject', status: 413, at: 0 }, refused)).toBe(sv.failure.tooLarge);
    expect(text({ kind: 'reject', status: 404, at: 0 }, refused)).toContain('felkod 404');
    expect(text({ kind: 'reject', at: 0 }, refused)).toContain('felkod 400');
  });

  it('says nothing where the item says it otherwise, or where nothing is pending', () => {
    expect(text(undefined)).toBeUndefined();
    expect(text({ kind: 'auth', status: 401, at: 0 })).toBeUndefined();
    expect(text({ kind: 'conflict', status: 409, at: 0 }, { state: 'needs-attention' })).toBeUndefined();
    expect(text({ kind: 'retry', status: 503, at: 0 }, { state: 'sent' })).toBeUndefined();
    expect(text({ kind: 'retry', status: 503, at: 0 }, { state: 'draft' })).toBeUndefined();
    // No answer while the device was offline: back online, the intranet is not blamed for it.
    expect(text({ kind: 'retry', at: 0, offline: true })).toBeUndefined();
  });
});
