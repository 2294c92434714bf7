/**
 * Sign-in and sign-out. `GET /logga-in` (alias `/login`) is the sign-in page;
 * `POST /auth/login` takes JSON `{ username, password }` (→ 200 JSON with the session token for
 * Bearer use) or the page's form (→ 303 to the safe `return` path), and sets an HttpOnly,
 * SameSite=Lax session cookie. `POST /auth/logout` ends the session.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Me } from '../../shared/domain/idea';
import { bodyRefusalHeaders, readJsonBody } from '../api/body';
import { problem } from '../api/problem';
import type { AppEnv, Deps } from '../context';
import { loginPage } from '../pages/login';
import { sendPage } from '../pages/layout';
import { pageMessages } from '../pages/messages';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { publicOrigin } from '../proxy';
import { clientAddress, createLoginThrottle } from './throttle';
import { safeReturnPath } from './return-path';
import { sessionCookieName, sessionCookieOf } from './session-cookie';
import type { User } from './sessions';
import { tokenOf } from './middleware';

/** The `GET /me` shape of a user. */
export function toMe(user: User): Me {
  return { id: user.id, name: user.name, roles: [...user.roles] };
}

/** How much longer the session cookie lives than its session (seconds). */
const COOKIE_OUTLIVES_SESSION_S = 7 * 24 * 3600;

/** Mounts `/logga-in`, `/login`, `POST /auth/login` and `POST /auth/logout`. */
export function authRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const throttle = createLoginThrottle(deps.now);

  const showLogin = (c: Context<AppEnv>) =>
    sendPage(c, loginPage({ lang: c.get('lang'), returnPath: safeReturnPath(c.req.query('return')), session: c.get('session'), expired: c.req.query('utgangen') === '1' }));
  app.get('/logga-in', showLogin);
  app.get('/login', showLogin);
  // The form posts here; a reload or a bookmark of the failed attempt's address lands on the page.
  app.get('/auth/login', (c) => c.redirect(`/logga-in?return=${encodeURIComponent(safeReturnPath(c.req.query('return')))}`, 303));

  /**
   * Checks credentials; always runs scrypt once, so unknown names cost as much as wrong passwords.
   * A number: seconds to wait (this client failed too often for that name, or at all, or the name
   * failed too often from everywhere; see throttle.ts).
   */
  const authenticate = async (c: Context<AppEnv>, username: unknown, password: unknown): Promise<User | number | undefined> => {
    const name = typeof username === 'string' ? username.slice(0, 100) : '';
    const address = clientAddress(c, deps.trustedProxies);
    const wait = throttle.retryAfter(name, address);
    if (wait > 0) return wait;
    const attempt = throttle.begin(name, address); // counted as failed until the password proves right
    const pass = typeof password === 'string' ? password.slice(0, 1000) : '';
    const found = name ? deps.sessions.findCredentials(name) : undefined;
    const ok = await verifyPassword(pass, found?.passwordHash ?? DUMMY_HASH);
    if (ok && found) {
      attempt.succeeded();
      return found.user;
    }
    return undefined;
  };

  const startSession = (c: Context<AppEnv>, user: User) => {
    const { token, expiresAt } = deps.sessions.create(user);
    setCookie(c, sessionCookieName(c, deps.trustedProxies), token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      // Secure whenever the browser talks https, also when TLS ends at a trusted proxy in front of us:
      // the same rule (../proxy.ts) as the https links in API responses.
      secure: publicOrigin(c, deps.trustedProxies).startsWith('https:'),
      // A week past the session: a browser that still sends the cookie after the session ran out tells the
      // inbox why a sign-in is asked for ("Din inloggning har gått ut"). The token is worth nothing by then.
      maxAge: deps.sessions.ttlSeconds + COOKIE_OUTLIVES_SESSION_S,
    });
    return { token, expiresAt };
  };

  app.post('/auth/login', async (c) => {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded') {
      const form = await c.req.parseBody();
      const returnPath = safeReturnPath(typeof form.return === 'string' ? form.return : undefined);
      const user = await authenticate(c, form.username, form.password);
      const username = typeof form.username === 'string' ? form.username : '';
      if (typeof user === 'number') {
        const error = pageMessages(c.get('lang')).login.tooMany(Math.ceil(user / 60));
        c.header('Retry-After', String(user));
        return sendPage(c, loginPage({ lang: c.get('lang'), returnPath, username, error, session: c.get('session') }), 429);
      }
      if (!user) return sendPage(c, loginPage({ lang: c.get('lang'), returnPath, username, error: pageMessages(c.get('lang')).login.wrong, session: c.get('session') }), 401);
      startSession(c, user);
      return c.redirect(returnPath, 303);
    }
    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return problem(c, body.status, body.slug, body.title, {}, bodyRefusalHeaders(body.status));
    const input = (typeof body.value === 'object' && body.value !== null ? body.value : {}) as Record<string, unknown>;
    const user = await authenticate(c, input.username, input.password);
    if (typeof user === 'number') {
      return problem(c, 429, 'too-many-attempts', 'Too many failed sign-ins. Try again later.', {}, { 'Retry-After': String(user) });
    }
    if (!user) return problem(c, 401, 'invalid-credentials', 'Wrong username or password.');
    const { token, expiresAt } = startSession(c, user);
    return c.json({ user: toMe(user), token, expiresAt: new Date(expiresAt).toISOString() }, 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/auth/logout', (c) => {
    deps.sessions.destroy(tokenOf(c.req.header('Authorization'), sessionCookieOf(c, deps.trustedProxies)));
    const secure = publicOrigin(c, deps.trustedProxies).startsWith('https:');
    deleteCookie(c, sessionCookieName(c, deps.trustedProxies), { path: '/', secure });
    const wantsJson = (c.req.header('Accept') ?? '').includes('application/json') || !!c.req.header('Authorization');
    return wantsJson ? c.body(null, 204) : c.redirect('/', 303);
  });

  return app;
}
