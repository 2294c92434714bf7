/**
 * Who may call the API from a browser (docs/adr/005-intranet-cors.md):
 * - same origin (the widget on the intranet's own pages): no CORS headers needed;
 * - browser-extension origins (`chrome-extension://…`, `moz-extension://…`): allowed, with
 *   credentials; by default any extension origin, or only those in IDESLUSS_EXTENSION_ORIGINS;
 * - every other origin: no CORS headers, and the request is refused with 403.
 * Requests without an Origin header (curl, a service worker's GET) are not browser cross-origin
 * requests and pass; session and `X-Idesluss-Client` checks still apply.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { isSameOrigin, type AppEnv } from '../context';
import { publicOrigin } from '../proxy';
import { problem } from './problem';

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:'];

/** Which extension origins are trusted: `'any-extension'` or an explicit list. */
export type OriginPolicy = { extensions: 'any' } | { extensions: readonly string[] };

/**
 * Reads the policy from a comma-separated list (the IDESLUSS_EXTENSION_ORIGINS variable).
 * Empty, unset or `*` mean any extension origin. Entries that are not extension origins are ignored.
 */
export function parseOriginPolicy(value: string | undefined): OriginPolicy {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0 || entries.includes('*')) return { extensions: 'any' };
  return { extensions: entries.filter(isExtensionOrigin).map((s) => s.replace(/\/+$/, '')) };
}

function isExtensionOrigin(origin: string): boolean {
  return EXTENSION_SCHEMES.some((scheme) => origin.startsWith(`${scheme}//`)) && /^[a-z-]+:\/\/[A-Za-z0-9._-]+\/?$/.test(origin);
}

/** True when a cross-origin request from `origin` may use the API. */
export function isAllowedCrossOrigin(policy: OriginPolicy, origin: string): boolean {
  if (!isExtensionOrigin(origin)) return false;
  return policy.extensions === 'any' || policy.extensions.includes(origin);
}

const ALLOW_METHODS = 'GET, PUT, OPTIONS';
const ALLOW_HEADERS = 'Content-Type, X-Idesluss-Client, Authorization';

/**
 * CORS and origin check for the API. Mount before the routes. "Same origin" is judged against the
 * public origin, so behind a trusted proxy that forwards `X-Forwarded-Host` the intranet's own pages
 * still count as same-origin.
 */
export function apiCors(policy: OriginPolicy, trustedProxies: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin === undefined || isSameOrigin(origin, publicOrigin(c, trustedProxies))) {
      await next();
      return;
    }
    if (!isAllowedCrossOrigin(policy, origin)) {
      return problem(c, 403, 'origin-not-allowed', 'Requests from this origin are not allowed.');
    }
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': ALLOW_METHODS,
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        },
      });
    }
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Allow-Credentials', 'true');
    c.res.headers.set('Access-Control-Expose-Headers', 'Location, Retry-After');
    c.res.headers.append('Vary', 'Origin');
  };
}

/**
 * For the HTML side (sign-in, sign-out, inbox forms): a state-changing request that names an
 * Origin must come from this (public) origin. Browsers send Origin on every cross-site POST.
 * `refuse` answers one that does not (a page in the person's language).
 */
export function sameOriginWrites(trustedProxies: ReadonlySet<string>, refuse: (c: Context<AppEnv>) => Response): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('Origin');
      if (origin !== undefined && !isSameOrigin(origin, publicOrigin(c, trustedProxies))) return refuse(c);
    }
    await next();
  };
}
