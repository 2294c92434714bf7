import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../domain/draft';
import { emptyContent, type RemoteIdea } from '../domain/idea';
import { dueAfterOffline, dueAt, forcedDue, recoverSending, sendOrder, toAuthWait, toConflict, toRejected, toRetry, toSending, toSent, withRemoteStatus } from './transitions';

const record = (overrides: Partial<DraftRecord> = {}): DraftRecord => ({
  id: 'a', state: 'queued', content: { ...emptyContent('sv'), title: 'Idé' }, createdAt: 1, updatedAt: 1, queuedAt: 1, attempts: 0, ...overrides,
});
const remote: RemoteIdea = { ...record().content, id: 'a', status: 'received', createdAt: 'x', updatedAt: 'x' };
const failure = { kind: 'retry' as const, status: 503, at: 50 };

describe('sync transitions', () => {
  it('"Skicka nu" makes a waiting idea due and keeps its automatic time; a failure or a send forgets it', () => {
    const forced = forcedDue(record({ nextAttemptAt: 900 }), 100)!;
    expect(forced).not.toHaveProperty('nextAttemptAt');
    expect(forced.autoRetryAt).toBe(900);
    expect(forcedDue(record({ nextAttemptAt: 90 }), 100)).not.toHaveProperty('autoRetryAt'); // it was due anyway
    expect(forcedDue(record(), 100)).toBeUndefined();
    expect(forcedDue(record({ state: 'sending', nextAttemptAt: 900 }), 100)).toBeUndefined();
    const sending = { ...forced, state: 'sending' as const };
    expect(toRetry(sending, failure, 900, 0)).not.toHaveProperty('autoRetryAt');
    expect(toSent(sending, remote, 60)).not.toHaveProperty('autoRetryAt');
    expect(toRejected(sending, failure, [])).not.toHaveProperty('autoRetryAt');
  });

  it('back online, only an idea that failed for want of a network is brought forward; an intranet\'s wait stands', () => {
    const offline = { kind: 'retry' as const, at: 50, offline: true as const };
    const due = dueAfterOffline(record({ nextAttemptAt: 900, autoRetryAt: 5000, lastFailure: offline }), 120)!;
    expect(due.nextAttemptAt).toBe(120);
    expect(due.autoRetryAt).toBe(5000); // the automatic time a "Skicka nu" skipped
    expect(dueAfterOffline(record({ nextAttemptAt: 900, lastFailure: failure }), 120)).toBeUndefined(); // the intranet's 503
    expect(dueAfterOffline(record({ nextAttemptAt: 90, lastFailure: offline }), 120)).toBeUndefined(); // due sooner anyway
    expect(dueAfterOffline(record({ state: 'sending', nextAttemptAt: 900, lastFailure: offline }), 120)).toBeUndefined();
  });

  it('moves only a queued draft to sending', () => {
    expect(toSending(record(), 10)).toMatchObject({ state: 'sending', updatedAt: 10 });
    for (const state of ['draft', 'sending', 'sent', 'needs-attention'] as const) expect(toSending(record({ state }), 10)).toBeUndefined();
    expect(toSending(record({ nextAttemptAt: 11 }), 10)).toBeUndefined(); // not due: not claimed
    expect(toSending(record({ nextAttemptAt: 10 }), 10)).toMatchObject({ state: 'sending' });
  });

  it('sent clears failure bookkeeping and keeps the intranet status', () => {
    const sending = record({ state: 'sending', attempts: 4, nextAttemptAt: 9, lastFailure: failure });
    const sent = toSent(sending, remote, 60)!;
    expect(sent).toMatchObject({ state: 'sent', sentAt: 60, attempts: 0, remoteStatus: 'received' });
    expect(sent).not.toHaveProperty('nextAttemptAt');
    expect(sent).not.toHaveProperty('lastFailure');
    expect(toSent(record(), remote, 60)).toBeUndefined();
  });

  it('retry counts the attempt and sets the next try; auth waits without counting', () => {
    const sending = record({ state: 'sending', attempts: 2 });
    expect(toRetry(sending, failure, 5000)).toMatchObject({ state: 'queued', attempts: 3, nextAttemptAt: 5000, lastFailure: failure });
    expect(toAuthWait(sending, { kind: 'auth', status: 401, at: 50 })).toMatchObject({ state: 'queued', attempts: 2 });
  });

  it('rejected and conflicting drafts need attention, content untouched', () => {
    const sending = record({ state: 'sending', nextAttemptAt: 5 });
    const errors = [{ field: 'title', code: 'too_long' as const, message: 'x' }];
    const rejected = toRejected(sending, { kind: 'reject', status: 422, at: 50 }, errors)!;
    expect(rejected).toMatchObject({ state: 'needs-attention', fieldErrors: errors, content: sending.content });
    expect(rejected).not.toHaveProperty('nextAttemptAt');
    expect(toConflict(sending, { kind: 'conflict', status: 409, at: 50 }, remote)).toMatchObject({ state: 'needs-attention', conflict: remote });
  });

  it('recovers a sending row, makes queued rows due, updates statuses only when changed', () => {
    expect(recoverSending(record({ state: 'sending' }), 7)).toMatchObject({ state: 'queued', updatedAt: 7 });
    expect(recoverSending(record(), 7)).toBeUndefined();
    expect(dueAt(record({ nextAttemptAt: 99 }), 120)).toMatchObject({ nextAttemptAt: 120 });
    expect(dueAt(record({ nextAttemptAt: 120 }), 120)).toBeUndefined();
    expect(dueAt(record({ state: 'sent' }), 5)).toBeUndefined();
    expect(withRemoteStatus(record({ state: 'sent', remoteStatus: 'received' }), 'piloting')).toMatchObject({ remoteStatus: 'piloting' });
    expect(withRemoteStatus(record({ state: 'sent', remoteStatus: 'piloting' }), 'piloting')).toBeUndefined();
  });

  it('orders by submission time, oldest first', () => {
    const rows = [record({ id: 'c', queuedAt: 3 }), record({ id: 'a', queuedAt: 1 }), record({ id: 'b', queuedAt: 1 })];
    expect(rows.sort(sendOrder).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
