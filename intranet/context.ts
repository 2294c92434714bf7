/**
 * What every route can reach: the database-backed stores, the clock and the configuration. Built
 * once per server in server.ts and passed to each route module (no globals, so tests can run
 * several servers in one process).
 */
import type { Context } from 'hono';
import type { IdeasRepo } from './db/ideas-repo';
import type { Session, SessionStore } from './auth/sessions';
import type { OriginPolicy } from './api/cors';
import type { PageLang } from './pages/lang';
import type { HostPolicy } from './host-check';

export interface Deps {
  ideas: IdeasRepo;
  sessions: SessionStore;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now: () => number;
  origins: OriginPolicy;
  /** Folder holding the built widget (`dist/widget`), served at /widget/. */
  widgetDir: string;
  /** API requests allowed in flight at once; more get 503 + Retry-After. */
  maxInFlight: number;
  /** API requests one signed-in account may have in flight at once; more get 429 + Retry-After. */
  maxInFlightPerUser: number;
  /** Reverse proxies whose X-Forwarded-* headers are believed (proxy.ts; auth/throttle.ts `clientAddress`). */
  trustedProxies: ReadonlySet<string>;
  /** Host names served besides IP literals and localhost (host-check.ts; IDESLUSS_ALLOWED_HOSTS). */
  allowedHosts: HostPolicy;
}

/** Hono's environment: the per-request session (the auth middleware) and page language (pages/lang.ts). */
export interface AppEnv {
  /**
   * `bodyDone`: set by a route whose body streams a chunk at a time (../chunked-stream.ts); settles when the body has
   * been sent or the download was cancelled, so that the in-flight limits (./api/overload.ts) count the request until then.
   */
  Variables: { session: Session | undefined; lang: PageLang; bodyDone?: Promise<void> };
}

export type AppContext = Context<AppEnv>;

/**
 * True when a browser's `Origin` header names this server: an http(s) origin with the same host and
 * port as `ownOrigin` (the request's public origin, proxy.ts `publicOrigin`). An http public origin
 * takes either scheme, so a TLS-terminating proxy in front (https outside, http inside) does not turn
 * the intranet's own pages into a foreign origin when it is not named in IDESLUSS_TRUSTED_PROXIES.
 * An https public origin (a named proxy said so) takes https only: a page on plain http at the same
 * host — one a network attacker can write — must not sign a person in or change an idea's status.
 */
export function isSameOrigin(origin: string, ownOrigin: string): boolean {
  try {
    const o = new URL(origin);
    const own = new URL(ownOrigin);
    if (own.protocol === 'https:' && o.protocol !== 'https:') return false;
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.origin === origin && o.host === own.host;
  } catch {
    return false;
  }
}
