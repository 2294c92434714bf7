/**
 * Numbers `npm run intranet` reads from the environment (intranet/main.ts), checked before the
 * server starts: a value that cannot be used stops it with a sentence that names the variable,
 * rather than meaning something else (NaN turned the overload guard off, 0 made every API call 503).
 */

/** A setting read from the environment, or the sentence that says why it cannot be used. */
export type EnvSetting<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * PORT: a port number in decimal digits, 0 for any free port; unset means 8787. Digits only, as
 * scripts/start.mjs checks it: `Number` alone read an empty PORT as 0 (a random port) and `0x1F90` as 8080.
 */
export function portFrom(raw: string | undefined): EnvSetting<number> {
  const port = raw === undefined ? 8787 : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port <= 65535)) return { ok: false, message: `PORT must be a port number, not "${raw}".` };
  return { ok: true, value: port };
}

/**
 * IDESLUSS_MAX_INFLIGHT (or `name`, e.g. IDESLUSS_MAX_INFLIGHT_PER_USER): a positive whole number; unset or empty
 * means the server's default (undefined).
 */
export function maxInFlightFrom(raw: string | undefined, name = 'IDESLUSS_MAX_INFLIGHT'): EnvSetting<number | undefined> {
  if (raw === undefined || raw === '') return { ok: true, value: undefined };
  const max = Number(raw);
  if (!Number.isInteger(max) || max < 1) {
    return { ok: false, message: `${name} must be a whole number of requests, at least 1, not "${raw}".` };
  }
  return { ok: true, value: max };
}
