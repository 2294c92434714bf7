/**
 * The session cookie's name, which depends on the scheme the browser sees (../proxy.ts `publicOrigin`).
 *
 * Under https it carries the `__Host-` prefix: a browser then keeps such a cookie only when it was set by this very
 * origin, Secure, with `Path=/` and no `Domain`. Without it, a sibling host of the same site (a vendor's
 * `bokning.kommun.se` beside `intranat.kommun.se`) could set `idesluss_session` for `kommun.se` holding its own
 * session, and a person's widget would send their ideas into that account. Over plain http (the reference intranet on
 * 127.0.0.1) browsers refuse the prefix, so the plain name is used there.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { publicOrigin } from '../proxy';
import { SESSION_COOKIE } from './sessions';

/** The cookie's name for this request: `__Host-idesluss_session` under https, else `idesluss_session`. */
export function sessionCookieName(c: Context, trustedProxies: ReadonlySet<string>): string {
  return publicOrigin(c, trustedProxies).startsWith('https:') ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** The session cookie the request carries under this request's name; a plain-named one is not read under https. */
export function sessionCookieOf(c: Context, trustedProxies: ReadonlySet<string>): string | undefined {
  return getCookie(c, sessionCookieName(c, trustedProxies));
}
