/**
 * Opportunistic refresh of what the intranet knows: open challenges and the status of sent ideas.
 * Runs beside sends, never in their way (after a run; at once when a sign-in lifts the pause), at most once per interval per origin (the attempt time is
 * persisted first, so a failing intranet is not asked again on every run, and a herd coming back
 * from an outage does not refresh in step). A refusal for want of a sign-in (401/403) is due again
 * after a minute. The attempt time is kept per API address (`refreshKey`): the extension keeps one
 * database whatever its intranet address, and an attempt at a mistyped address, corrected in the options, must not
 * hold back the right one's challenges for half an hour.
 *
 * An attempt that never got its answer (the page was closed or the worker stopped mid-request) does
 * not count: under Web Locks the refresh holds a lock per address, which the browser releases when
 * its context dies, so a refresh that gets the lock and finds an unanswered attempt knows it was cut
 * short and asks at once (docs/adr/024-cut-short-refresh.md). Without Web Locks (a plain-http
 * page) such an attempt counts until its request would have timed out.
 */
import type { IdeasApi } from '../api/types';
import type { DraftStore } from '../storage/types';
import { transition } from './attempt';
import { classifyError } from './classify';
import { withRemoteStatus } from './transitions';

/** The prefix of the meta keys that hold the last refresh attempt, one per API address. */
export const REFRESH_META_KEY = 'sync.refreshAttemptAt';

/** The meta key of the last refresh attempt against `api`. */
export function refreshKey(api: Pick<IdeasApi, 'baseUrl'>): string {
  return api.baseUrl === undefined ? REFRESH_META_KEY : `${REFRESH_META_KEY} ${api.baseUrl}`;
}

/** The engine's refresh interval unless configured (SyncEngineDeps.refreshIntervalMs). */
export const DEFAULT_REFRESH_INTERVAL_MS = 30 * 60_000;
/** How soon a refresh refused with 401/403 is due again. */
export const AUTH_RETRY_MS = 60_000;
/**
 * The age past which a refresh is due once a sign-in resumes sync: a refusal for want of a sign-in is
 * stamped older than this (see `refreshWhenDue`), a refresh answered in the last few minutes is not.
 */
export const AFTER_SIGN_IN_REFRESH_MS = 5 * 60_000;

/** What is kept per API address: when the last refresh started, and whether it got its answer. */
interface RefreshStamp {
  at: number;
  answered: boolean;
}

/** The stored stamp (this module writes it); a bare time, from before `answered`, was answered. */
function readStamp(value: number | RefreshStamp | undefined): RefreshStamp | undefined {
  return typeof value === 'number' ? { at: value, answered: true } : value;
}

export interface RefreshDeps {
  store: DraftStore;
  api: IdeasApi;
  now: () => number;
  intervalMs: number;
  /** How long `withTimeout` lets a request run: an unanswered attempt older than this was cut short. */
  timeoutMs: number;
  withTimeout<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** True once the engine was disposed (./attempt.ts `AttemptDeps.disposed`): an answer that comes after is not stored. */
  disposed?: () => boolean;
  /**
   * Web Locks only (./single-flight.ts `tryRun`): runs `refresh` holding lock `name` when no context
   * of the origin holds it; resolves undefined, without running it, when one does.
   */
  tryLock?<T>(name: string, refresh: () => Promise<T>): Promise<T | undefined>;
}

/** Refreshes when due. Resolves with the ids of drafts whose status changed; never rejects on network errors. */
export async function refreshIfDue(deps: RefreshDeps): Promise<string[]> {
  // Another context refreshing this address now: its answer reaches every view through the store.
  if (deps.tryLock) return (await deps.tryLock(refreshKey(deps.api), () => refreshWhenDue(deps, true))) ?? [];
  return refreshWhenDue(deps, false);
}

/** `locked`: no other context is refreshing, so an unanswered attempt was cut short. */
async function refreshWhenDue(deps: RefreshDeps, locked: boolean): Promise<string[]> {
  const key = refreshKey(deps.api);
  const last = readStamp(await deps.store.getMeta<number | RefreshStamp>(key));
  const now = deps.now();
  const cutShort = last !== undefined && !last.answered && (locked || now - last.at > deps.timeoutMs);
  // A stamp in the future was written while the device's clock ran ahead: not a recent refresh.
  if (last !== undefined && last.at <= now && now - last.at < deps.intervalMs && !cutShort) return [];
  await deps.store.setMeta<RefreshStamp>(key, { at: now, answered: false });
  // The caller's ideas are asked for only when this device has sent ideas whose status they update:
  // a first visit to a page with the widget would otherwise parse and check every idea the person
  // ever sent, on the page's main thread (a long task for someone with a thousand).
  const sent = await deps.store.listByState('sent');
  const [mine, challenges] = await Promise.allSettled([
    sent.length > 0 ? deps.withTimeout((signal) => deps.api.listMyIdeas(signal)) : Promise.resolve([]),
    deps.withTimeout((signal) => deps.api.listChallenges(signal)),
  ]);
  // Refused for want of a sign-in: due again a minute from now, not after the whole interval, so a
  // user who signs in sees challenges and statuses on the next run after that minute, and a
  // signed-out client still asks at most once a minute.
  // Written as if the attempt were a whole default interval old, whatever this caller's interval
  // (the popup asks with a shorter one): then the engine's runs find it due a minute from now, and a
  // page load or the popup opening (5 minutes) finds it due at once: one request per view opened, the
  // moment a user who has just signed in wants the challenges.
  // Answered for an intranet the engine no longer serves: its challenges and statuses must not land in the store.
  if (deps.disposed?.()) return [];
  const refused = [mine, challenges].some((result) => result.status === 'rejected' && classifyError(result.reason) === 'auth');
  if (challenges.status === 'fulfilled') await deps.store.putChallenges(challenges.value, deps.now());
  // Answered only once the challenges are stored: a context that dies in between is asked again.
  const at = refused ? now - Math.max(deps.intervalMs, DEFAULT_REFRESH_INTERVAL_MS) + AUTH_RETRY_MS : now;
  await deps.store.setMeta<RefreshStamp>(key, { at, answered: true });
  if (mine.status !== 'fulfilled') return [];
  const statusById = new Map(mine.value.map((idea) => [idea.id, idea.status]));
  const changed: string[] = [];
  for (const record of sent) {
    const status = statusById.get(record.id);
    if (status === undefined || status === record.remoteStatus) continue;
    if (await transition(deps.store, record.id, (r) => withRemoteStatus(r, status))) changed.push(record.id);
  }
  return changed;
}
