/**
 * Whether an intranet address answers as the Ideas API, asked once when a person saves it (the
 * extension's options page). Without it, a typo in the port or the path looks exactly like an
 * intranet that is down: ideas wait "for the intranet to answer" for good, and nobody is told why.
 */
import { ApiError } from './errors';
import type { IdeasApi } from './types';

/** What the check found: who is signed in, or why ideas could not be sent to the address now. */
export type AddressCheck =
  | { kind: 'signed-in'; name: string }
  /** `signInUrl`: where the intranet's 401 says to sign in (an http(s) URL), when it says so. */
  | { kind: 'signed-out'; signInUrl?: string }
  /** No response at all: a wrong host or port, the device offline, or the intranet down. */
  | { kind: 'no-answer' }
  /** Something answers, but not the Ideas API (404/405, or a body that is not its JSON). */
  | { kind: 'no-api' }
  | { kind: 'server-error'; status: number };

/** How long the check waits for an answer; a host that drops packets would otherwise leave it hanging. */
export const ADDRESS_CHECK_TIMEOUT_MS = 10_000;

/**
 * Asks the API who is signed in (`GET /me`, which reads nothing else) and sorts the answer the way
 * the sync engine would meet it: a redirect is a sign-in gateway (docs/adr/014), a 404 or 405 is no
 * API at the address (docs/adr/015). Never rejects for an API failure.
 */
export async function checkAddress(api: IdeasApi, timeoutMs = ADDRESS_CHECK_TIMEOUT_MS): Promise<AddressCheck> {
  try {
    return { kind: 'signed-in', name: (await api.me(AbortSignal.timeout(timeoutMs))).name };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.noResponse) return { kind: 'no-answer' };
    // 403 as 401, as the sync engine classifies it (../sync/classify.ts): the popup then asks to sign in.
    if (error.kind === 'redirect' || error.status === 401 || error.status === 403) {
      const signInUrl = error.problem?.signInUrl; // checked as http(s) by ./problem.ts
      return signInUrl ? { kind: 'signed-out', signInUrl } : { kind: 'signed-out' };
    }
    if (error.kind === 'invalid-body' || error.status === 404 || error.status === 405) return { kind: 'no-api' };
    return { kind: 'server-error', status: error.status ?? 0 };
  }
}
