/**
 * The sync side of the draft lifecycle (DESIGN section 4) as pure functions of a record. The
 * engine applies them inside `DraftStore.update` (synchronous callbacks, one transaction each);
 * returning undefined means "not in the state this transition expects: leave it alone", which is
 * how a second tab that lost the race finds out without sending anything.
 */
import type { DraftRecord, LastFailure } from '../domain/draft';
import type { FieldError, IdeaStatus, RemoteIdea } from '../domain/idea';

/**
 * queued → sending, persisted before the request leaves. Only a queued draft that is due may be
 * picked: one waiting for its backoff or pacing (`nextAttemptAt` later than `now`) is not claimed.
 */
export function toSending(record: DraftRecord, now: number): DraftRecord | undefined {
  if (record.state !== 'queued' || !isDue(record, now)) return undefined;
  return { ...record, state: 'sending', updatedAt: now };
}

/** True when a queued draft may be sent at `now` (no `nextAttemptAt`, or not later than `now`). */
export function isDue(record: DraftRecord, now: number): boolean {
  return record.nextAttemptAt === undefined || record.nextAttemptAt <= now;
}

/** sending → sent on a 2xx; keeps the intranet's status. Failure bookkeeping is cleared. */
export function toSent(record: DraftRecord, remote: RemoteIdea, now: number): DraftRecord | undefined {
  if (record.state !== 'sending') return undefined;
  const { nextAttemptAt: _n, autoRetryAt: _a, lastFailure: _l, fieldErrors: _f, conflict: _c, stuck: _s, ...rest } = record;
  return { ...rest, state: 'sent', sentAt: now, updatedAt: now, attempts: 0, remoteStatus: remote.status };
}

/**
 * sending → queued after a retryable failure: `counted` more attempts (one; none when the device was
 * offline, ./attempt.ts), next try at `nextAttemptAt`.
 */
export function toRetry(record: DraftRecord, failure: LastFailure, nextAttemptAt: number, counted = 1): DraftRecord | undefined {
  if (record.state !== 'sending') return undefined;
  const { autoRetryAt: _a, ...rest } = record;
  return { ...rest, state: 'queued', attempts: record.attempts + counted, nextAttemptAt, lastFailure: failure, updatedAt: failure.at };
}

/** sending → queued on 401/403: not the idea's fault, so attempts and backoff stay as they were. */
export function toAuthWait(record: DraftRecord, failure: LastFailure): DraftRecord | undefined {
  if (record.state !== 'sending') return undefined;
  return { ...record, state: 'queued', lastFailure: failure, updatedAt: failure.at };
}

/** sending → needs-attention on 400/413/422 and other 4xx: the user edits; field errors are kept. */
export function toRejected(record: DraftRecord, failure: LastFailure, fieldErrors: FieldError[]): DraftRecord | undefined {
  if (record.state !== 'sending') return undefined;
  const { nextAttemptAt: _n, autoRetryAt: _a, stuck: _s, ...rest } = record;
  return { ...rest, state: 'needs-attention', attempts: 0, lastFailure: failure, fieldErrors, updatedAt: failure.at };
}

/**
 * sending → needs-attention on 409, with the intranet's copy shown beside ours (undefined when the
 * intranet would not show it to us).
 */
export function toConflict(record: DraftRecord, failure: LastFailure, remote: RemoteIdea | undefined): DraftRecord | undefined {
  if (record.state !== 'sending') return undefined;
  const { nextAttemptAt: _n, autoRetryAt: _a, conflict: _c, stuck: _s, ...rest } = record;
  const next: DraftRecord = { ...rest, state: 'needs-attention', attempts: 0, lastFailure: failure, fieldErrors: [], updatedAt: failure.at };
  if (remote) next.conflict = remote;
  return next;
}

/**
 * `change`, applied only while the row is still the claim `claimed` (same `updatedAt`, still
 * `sending`). Without Web Locks another tab may take a claim it believes orphaned and claim the idea
 * again; the first claimant's late result must not overwrite the new claim (it would show the idea
 * `queued`, open to a withdraw and an edit, while the new claimant's request is in flight).
 */
export function whileClaimed(claimed: DraftRecord, change: (record: DraftRecord) => DraftRecord | undefined): (record: DraftRecord) => DraftRecord | undefined {
  return (record) => (record.state === 'sending' && record.updatedAt === claimed.updatedAt ? change(record) : undefined);
}

/**
 * How long a claim may be held by a live context: the send (with the run's account check, under one
 * timeout), a 409's fetch of the intranet's copy (another), and the writes around them. Only after
 * this may a context without Web Locks take a `sending` row for an orphan (./drain.ts).
 */
export function claimLifetimeMs(requestTimeoutMs: number): number {
  return 2 * requestTimeoutMs + 5_000;
}

/** A `sending` row whose worker died mid-request goes back to `queued`; the PUT is idempotent. */
export function recoverSending(record: DraftRecord, now: number): DraftRecord | undefined {
  if (record.state !== 'sending') return undefined;
  return { ...record, state: 'queued', updatedAt: now };
}

/**
 * "Skicka nu": a queued draft that waits for its automatic try becomes due now, and keeps that try's
 * time as `autoRetryAt` (a failed forced try goes back to it, ./attempt.ts).
 */
export function forcedDue(record: DraftRecord, now: number): DraftRecord | undefined {
  if (record.state !== 'queued' || record.nextAttemptAt === undefined) return undefined;
  const { nextAttemptAt, ...rest } = record;
  return nextAttemptAt > now ? { ...rest, autoRetryAt: Math.max(nextAttemptAt, record.autoRetryAt ?? 0) } : rest;
}

/**
 * Back online: a queued draft whose last try failed only because the device was offline is due by
 * `at` (within a second or two; ../sync/queue-ops.ts `makeDueAfterOffline`), not at the retry up to
 * 10 s on that the failed try set. Unchanged when it is due sooner.
 */
export function dueAfterOffline(record: DraftRecord, at: number): DraftRecord | undefined {
  if (record.state !== 'queued' || !record.lastFailure?.offline || (record.nextAttemptAt ?? at) <= at) return undefined;
  return { ...record, nextAttemptAt: at };
}

/**
 * Another intranet (its address changed): a queued draft's waits and failed tries were the old
 * intranet's, so it starts afresh there: due now, no attempts counted, not stuck.
 */
export function freshSchedule(record: DraftRecord): DraftRecord | undefined {
  if (record.state !== 'queued') return undefined;
  const { nextAttemptAt: _n, autoRetryAt: _a, stuck: _s, ...rest } = record;
  return { ...rest, attempts: 0 };
}

/** Sets when a queued draft is due (the pacing of a drain). */
export function dueAt(record: DraftRecord, at: number): DraftRecord | undefined {
  if (record.state !== 'queued' || record.nextAttemptAt === at) return undefined;
  return { ...record, nextAttemptAt: at };
}

/** A sent idea's intranet status from `GET /ideas?mine=true`; undefined when unchanged. */
export function withRemoteStatus(record: DraftRecord, status: IdeaStatus): DraftRecord | undefined {
  if (record.state !== 'sent' || record.remoteStatus === status) return undefined;
  return { ...record, remoteStatus: status };
}

/** The order drafts are sent in: oldest submission first, stuck ideas (./stuck-head.ts) after the others. */
export function sendOrder(a: DraftRecord, b: DraftRecord): number {
  return (a.stuck ? 1 : 0) - (b.stuck ? 1 : 0) || (a.queuedAt ?? a.createdAt) - (b.queuedAt ?? b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
