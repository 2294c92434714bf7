/**
 * When a client tries again (docs/adr/004-sync-backoff.md). Pure functions of the failure streak
 * and an injected random source, so the engine and the herd simulation run the same decisions.
 *
 * 1. Blips (failures 1–2 of a streak): full jitter, random(0, min(cap, base·2^attempt)), base 2 s.
 * 2. Outage (failure 3 on): the first retry spreads over the whole cap, random(0, 15 min); later
 *    retries keep that random phase, once per cap. A plain doubling schedule makes every client that
 *    started failing recently retry within seconds of recovery; the herd test measured 6× the steady
 *    rate for it, this schedule under 2×.
 * 3. `Retry-After` wins when longer, up to a day: a server asking for more (a date in the year 9999)
 *    would otherwise hold the whole queue behind its head for good.
 * 4. After a success that ends an outage streak, the rest of the queue drains with pacing for up
 *    to 30 minutes: random(0, 10 min) between sends, shrinking to nothing as the window closes, so
 *    a client's backlog does not land in one burst and a very long queue still drains.
 */

/** Returns a number in [0, 1), like Math.random. Injected for tests and the simulation. */
export type Random = () => number;

export const BACKOFF = {
  baseMs: 2_000,
  capMs: 15 * 60_000,
  /** Failures of one streak handled as blips; from the next one the streak is an outage. */
  blipAttempts: 2,
  /** Upper bound of the random pause between sends while draining after an outage. */
  paceMs: 10 * 60_000,
  /** How long after an outage ends the drain is paced. */
  paceWindowMs: 30 * 60_000,
  /** The longest `Retry-After` honoured; a longer one waits this long. */
  retryAfterMaxMs: 24 * 60 * 60_000,
} as const;

export type BackoffOptions = typeof BACKOFF;

/** Full jitter: random(0, min(cap, base·2^attempt)) for a 0-based attempt. */
export function fullJitter(attempt: number, random: Random, options: BackoffOptions = BACKOFF): number {
  const window = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * window);
}

/** True when a streak of `failures` failures is treated as an outage, not a blip. */
export function isOutage(failures: number, options: BackoffOptions = BACKOFF): boolean {
  return failures > options.blipAttempts;
}

/**
 * The delay before the next try after the `failures`-th consecutive failure (1-based) of one
 * streak. `retryAfterMs` from the server wins when longer, up to `retryAfterMaxMs`.
 */
export function retryDelay(failures: number, random: Random, retryAfterMs?: number, options: BackoffOptions = BACKOFF): number {
  let delay: number;
  if (!isOutage(failures, options)) delay = fullJitter(failures - 1, random, options);
  else if (failures === options.blipAttempts + 1) delay = fullJitter(Number.POSITIVE_INFINITY, random, options);
  else delay = options.capMs;
  return Math.max(delay, Math.min(retryAfterMs ?? 0, options.retryAfterMaxMs));
}

/** The pause before the next send while draining the queue after an outage. */
export function paceDelay(random: Random, options: BackoffOptions = BACKOFF): number {
  return Math.floor(random() * options.paceMs);
}

/** What a client does after a successful send: pacing state and when the next send may go. */
export interface DrainPlan {
  /** Until when the drain is paced (0 or a past time: not pacing). */
  pacingUntil: number;
  /** Not before this time goes the next queued draft; undefined: right away. */
  nextAt: number | undefined;
}

/**
 * Decides the drain after a successful send of a draft that had `failures` failed attempts.
 * A success that ends an outage opens a pacing window; inside it each next send waits paceDelay.
 */
export function planAfterSuccess(now: number, failures: number, pacingUntil: number, random: Random, options: BackoffOptions = BACKOFF): DrainPlan {
  // A window no longer than one from now: one opened while the device's clock ran ahead (a PC's
  // clock set right after start-up) would otherwise stretch every pause by the clock's error.
  const until = isOutage(failures, options) ? now + options.paceWindowMs : Math.min(pacingUntil, now + options.paceWindowMs);
  if (now >= until) return { pacingUntil: until, nextAt: undefined };
  // The pause shrinks as the window closes, so a long queue speeds up gradually instead of
  // bursting at its end (clients that all opened their window together would burst together).
  const remaining = (until - now) / options.paceWindowMs;
  return { pacingUntil: until, nextAt: now + Math.floor(paceDelay(random, options) * remaining) };
}
