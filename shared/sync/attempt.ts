/**
 * One attempt to deliver one draft: queued → sending → sent | retry | auth | needs-attention.
 * Each transition is one IndexedDB transaction through ./transitions.ts (`sent` is written with the
 * next claim, ./queue-ops.ts), so a worker killed at any line leaves a consistent row: `sending` at
 * worst, which the next run turns back into `queued`.
 */
import type { Clock } from '../domain/clock';
import type { RemoteIdea } from '../domain/idea';
import type { DraftRecord, FailureKind, LastFailure } from '../domain/draft';
import type { IdeasApi } from '../api/types';
import { ApiError } from '../api/errors';
import type { DraftStore, WriteOptions } from '../storage/types';
import { BACKOFF, retryDelay, type Random } from './backoff';
import { classifyError } from './classify';
import { recoverSending, toAuthWait, toConflict, toRejected, toRetry, toSending, whileClaimed } from './transitions';

/**
 * `delivered`: the intranet accepted the idea (2xx); `other-account`: not sent, another account is
 * signed in (./account-check.ts); the others as in DESIGN section 4.
 */
export type AttemptOutcome = 'delivered' | 'retry' | 'auth' | 'rejected' | 'conflict' | 'other-account';

export interface AttemptDeps {
  store: DraftStore;
  api: IdeasApi;
  now: () => number;
  random: Random;
  /** Whether the device has a network (`navigator.onLine`); absent: always. */
  online?: () => boolean;
  /** Runs a request with an AbortSignal that fires after the request timeout. */
  withTimeout<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * True once the engine was disposed (it may have been replaced, for another intranet): no further request starts,
   * and what an answer that comes after would store (challenges, the account) is not stored.
   */
  disposed?: () => boolean;
}

/**
 * Applies one pure transition in one transaction. Resolves with the new record, or undefined when
 * the transition did not apply (the row was not in the expected state, e.g. another tab won).
 */
export async function transition(
  store: DraftStore,
  id: string,
  change: (record: DraftRecord) => DraftRecord | undefined,
  options?: WriteOptions,
): Promise<DraftRecord | undefined> {
  let applied: DraftRecord | undefined;
  await store.update(
    id,
    (record) => {
      applied = change(record);
      return applied;
    },
    options,
  );
  return applied;
}

/**
 * queued → sending in one transaction (a compare-and-set against the stored record), persisted
 * before the request: if the worker dies after it, the next run finds `sending` and retries.
 * Undefined when the row is no longer queued and due (a withdraw, or another tab, won the race).
 */
export function claim(store: DraftStore, draft: DraftRecord, now: number): Promise<DraftRecord | undefined> {
  return transition(store, draft.id, (r) => toSending(r, now));
}

/**
 * What the request for a claimed row came to. `delivered`: the intranet accepted it, and writing
 * `sent` is the caller's (./queue-ops.ts `commitSent`, together with the next claim). Any other
 * outcome is already stored, with the row's new record.
 */
export type SendResult =
  | { outcome: 'delivered'; idea: RemoteIdea }
  | { outcome: Exclude<AttemptOutcome, 'delivered'>; record?: DraftRecord; /** With `auth`: where the intranet says to sign in. */ signInUrl?: string };

/**
 * Sends one claimed (`sending`) draft; with `before` (the run's account check), asks it first: its
 * failure is the idea's failed try, and `other` (or a dispose meanwhile) gives the claim back untouched. Rejects only when
 * storage fails (the row then stays `sending` and is recovered by the next run).
 */
export async function sendClaimed(deps: AttemptDeps, sending: DraftRecord, before?: (signal: AbortSignal) => Promise<'go' | 'other'>): Promise<SendResult> {
  let answer;
  try {
    // One timeout for both requests: the claim's lifetime (./transitions.ts) counts on it.
    // Disposed while the account check was asked: the PUT would go to an intranet the engine no longer serves.
    answer = await deps.withTimeout(async (signal) =>
      (before && (await before(signal)) === 'other') || deps.disposed?.() ? undefined : (await deps.api.putIdea(sending.id, sending.content, signal)).idea,
    );
  } catch (error) {
    // A failure answered by an intranet the engine no longer serves is not this idea's try: it waits for the new one.
    if (!deps.disposed?.()) return handleFailure(deps, sending, error);
  }
  if (!answer) return { outcome: 'other-account', record: await own(deps, sending, (r) => recoverSending(r, deps.now())) };
  return { outcome: 'delivered', idea: answer };
}

type Detailed = Exclude<SendResult, { outcome: 'delivered' }>;

/** A transition of the claimed row, applied only while the claim is still this one (./transitions.ts `whileClaimed`). */
const own = (deps: AttemptDeps, claimed: DraftRecord, change: (r: DraftRecord) => DraftRecord | undefined) =>
  transition(deps.store, claimed.id, whileClaimed(claimed, change));

/**
 * 404 or 405 to a PUT: the contract has neither, so no Ideas API answers at this address (a wrong
 * intranet address, an API not deployed). The idea is not at fault: it waits and is retried like
 * in an outage, and goes once the address is right, rather than asking the user to edit it (ADR 015).
 */
const noApiHere = (error: unknown) => error instanceof ApiError && error.kind === 'http' && (error.status === 404 || error.status === 405);

async function handleFailure(deps: AttemptDeps, sending: DraftRecord, error: unknown): Promise<Detailed> {
  const kind = noApiHere(error) ? 'retry' : classifyError(error);
  const failure = failureOf(kind, error, deps.now());
  switch (kind) {
    case 'retry':
      return retry(deps, sending, failure, error);
    case 'auth':
      return {
        outcome: 'auth',
        record: await own(deps, sending, (r) => toAuthWait(r, failure)),
        signInUrl: error instanceof ApiError ? error.problem?.signInUrl : undefined,
      };
    case 'reject': {
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
      return { outcome: 'rejected', record: await own(deps, sending, (r) => toRejected(r, failure, fieldErrors)) };
    }
    case 'conflict':
      return conflict(deps, sending, failure);
  }
}

/** The longest wait before the next try after a request failed because the device is offline. */
export const OFFLINE_RETRY_MS = 10_000;

async function retry(deps: AttemptDeps, sending: DraftRecord, failure: LastFailure, error: unknown): Promise<Detailed> {
  // No answer while the device says it is offline: the device's failure, not the intranet's. It
  // counts no attempt (an hour on a train would otherwise end in the 15-minute outage spread) and
  // is tried again within seconds, in case `navigator.onLine` is wrong; `online` runs at once.
  if (error instanceof ApiError && error.noResponse && deps.online?.() === false) {
    const at = failure.at + Math.floor(deps.random() * OFFLINE_RETRY_MS);
    // A "Skicka nu" made offline keeps the time it skipped for the try after this one.
    const kept = sending.autoRetryAt === undefined ? {} : { autoRetryAt: sending.autoRetryAt };
    return { outcome: 'retry', record: await own(deps, sending, (r) => {
      const next = toRetry(r, { ...failure, offline: true }, at, 0);
      return next && { ...next, ...kept };
    }) };
  }
  const retryAfterMs = error instanceof ApiError ? error.retryAfterMs : undefined;
  // A "Skicka nu" before its time that failed: the try the schedule had stays, nothing is counted.
  if (sending.autoRetryAt !== undefined && sending.autoRetryAt > failure.at) {
    const at = Math.max(sending.autoRetryAt, failure.at + Math.min(retryAfterMs ?? 0, BACKOFF.retryAfterMaxMs));
    return { outcome: 'retry', record: await own(deps, sending, (r) => toRetry(r, failure, at, 0)) };
  }
  const at = failure.at + retryDelay(sending.attempts + 1, deps.random, retryAfterMs);
  return { outcome: 'retry', record: await own(deps, sending, (r) => toRetry(r, failure, at)) };
}

/**
 * 409: fetch the intranet's copy to show beside ours. If that fetch fails retryably, try the whole
 * thing later; if the intranet refuses to show it (404, 403), the conflict stands without it.
 */
async function conflict(deps: AttemptDeps, sending: DraftRecord, failure: LastFailure): Promise<Detailed> {
  let remote: RemoteIdea | undefined;
  try {
    remote = await deps.withTimeout((signal) => deps.api.getIdea(sending.id, signal));
  } catch (error) {
    if (classifyError(error) === 'retry') return retry(deps, sending, failureOf('retry', error, deps.now()), error);
  }
  return { outcome: 'conflict', record: await own(deps, sending, (r) => toConflict(r, failure, remote)) };
}

function failureOf(kind: FailureKind, error: unknown, at: number): LastFailure {
  const failure: LastFailure = { kind, at };
  if (error instanceof ApiError && error.status !== undefined) failure.status = error.status;
  return failure;
}

/**
 * Runs `request` with an AbortSignal that fires after `ms` on `clock`: a request that hangs (a
 * captive portal, a dead proxy) becomes a retryable "no response" instead of a run that never ends.
 */
export async function withClockTimeout<T>(clock: Pick<Clock, 'setTimeout'>, ms: number, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const cancel = clock.setTimeout(() => controller.abort(), ms);
  try {
    return await request(controller.signal);
  } finally {
    cancel();
  }
}
