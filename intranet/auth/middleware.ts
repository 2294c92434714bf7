/**
 * Finds the caller's session on every request: `Authorization: Bearer <token>` first, else the
 * session cookie. Sets `c.var.session` (undefined when signed out); routes decide what that means.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { sessionCookieOf } from './session-cookie';
import type { SessionStore } from './sessions';

/** The session token the request carries, if any. */
export function tokenOf(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = /^Bearer\s+([A-Za-z0-9_-]+)\s*$/i.exec(authorization ?? '');
  return bearer?.[1] ?? cookie;
}

/** Mount first: every later route reads `c.get('session')`. */
export function sessionMiddleware(sessions: SessionStore, trustedProxies: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('session', sessions.resolve(tokenOf(c.req.header('Authorization'), sessionCookieOf(c, trustedProxies))));
    await next();
  };
}
