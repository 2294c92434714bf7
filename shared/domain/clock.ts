/**
 * Time as the core sees it. Injected everywhere so tests can run seven days in milliseconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Schedules `fn` after `ms`; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/**
 * The longest delay `setTimeout` keeps: browsers and Node run a longer one at once (a 32-bit
 * signed count of milliseconds, about 24.8 days). Callers that wake early just plan again.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock, for production composition roots. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, Math.min(ms, MAX_TIMER_MS));
    return () => clearTimeout(handle);
  },
};
