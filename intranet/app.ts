/**
 * Composes the intranet's Hono app from its route modules: session lookup, the API, sign-in,
 * the demo pages, the inbox and static files, with problem+json for unknown API paths and errors.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LIMITS } from '../shared/domain/idea';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sessionMiddleware } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { API_BASE, apiRoutes } from './api/routes';
import { sameOriginWrites } from './api/cors';
import { problem } from './api/problem';
import type { AppEnv, Deps } from './context';
import { demoPages } from './pages/demo';
import { langMiddleware } from './pages/lang';
import { errorPage, notFoundPage, sendPage } from './pages/layout';
import { pageMessages } from './pages/messages';
import { inboxRoutes } from './inbox/routes';
import { staticRoutes } from './static';
import { hostCheck } from './host-check';

/**
 * A request's path as the request log writes it: spaces, control characters (C0, DEL, C1), line and
 * paragraph separators and bidi controls percent-encoded, as in the address. The router has decoded
 * the path, so `%0a` would forge a line, `%1b` reach the terminal as an escape sequence, `%20` blur
 * where the path ends and `%E2%80%AE` show the line's text reversed.
 */
export function loggedPath(path: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what is escaped
  return path.replace(/[\u0000-\u0020\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => encodeURIComponent(ch));
}

const OPENAPI = readFileSync(fileURLToPath(new URL('./openapi.yaml', import.meta.url)), 'utf8');

/** Builds the whole app. `log` receives one line per request (omit for quiet). */
export function createApp(deps: Deps, log?: (line: string) => void): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (log) {
    app.use('*', async (c, next) => {
      await next();
      // `c.req.path`, not `new URL(c.req.url)`: a Host that is no host name (`999.1.1.1`) must reach the host check's 400.
      // A 403 names the request's Origin: behind a proxy that is set up wrongly (its X-Forwarded-* not believed, or
      // https said for pages reached over http), the intranet's own forms are refused as "another website", and this
      // is where the person running it sees which origin was not taken as the intranet's.
      const origin = c.res.status === 403 ? c.req.header('Origin') : undefined;
      log(`${c.req.method} ${loggedPath(c.req.path)} ${c.res.status}${origin === undefined ? '' : ` Origin=${loggedPath(origin)}`}`);
    });
  }
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('X-Content-Type-Options')) c.res.headers.set('X-Content-Type-Options', 'nosniff');
  });
  // After the log, so refused host names show up in it (a LAN name to allow, or a rebinding attempt).
  app.use('*', hostCheck(deps.allowedHosts, deps.trustedProxies));
  app.use('*', sessionMiddleware(deps.sessions, deps.trustedProxies));
  app.use('*', langMiddleware());
  app.get(`${API_BASE}/openapi.yaml`, (c) => c.body(OPENAPI, 200, { 'Content-Type': 'application/yaml; charset=utf-8' }));
  app.route(API_BASE, apiRoutes(deps));
  // Forms (sign-in, inbox) are read whole by parseBody: cap them like the API's JSON bodies. A browser's form
  // gets a page in the person's language with the way back; a program posting JSON (the sign-in API) a problem.
  const refuseForm = (c: Context<AppEnv>, status: 403 | 413, text: 'formTooLarge' | 'formFromOtherSite', slug: string, title: string) => {
    if (/json/i.test(c.req.header('Content-Type') ?? '')) return problem(c, status, slug, title);
    const lang = c.get('lang');
    return sendPage(c, errorPage(lang, c.get('session'), c.req.path, pageMessages(lang)[text], undefined, '/'), status);
  };
  const formLimit = bodyLimit({ maxSize: LIMITS.bodyBytesMax, onError: (c) => refuseForm(c, 413, 'formTooLarge', 'body-too-large', 'The body is too large.') });
  const sameOrigin = sameOriginWrites(deps.trustedProxies, (c) => refuseForm(c, 403, 'formFromOtherSite', 'forbidden', 'The request came from another website.'));
  app.use('/auth/*', sameOrigin, formLimit);
  app.use('/inkorg/*', sameOrigin, formLimit);
  app.route('/', authRoutes(deps));
  app.route('/', inboxRoutes(deps));
  app.get('/inbox', (c) => c.redirect('/inkorg', 302));
  app.route('/', staticRoutes(deps.widgetDir));
  app.route('/', demoPages(deps));

  app.notFound((c) => {
    if (c.req.path.startsWith(`${API_BASE}/`) || c.req.path === API_BASE) return problem(c, 404, 'not-found', 'No such resource.');
    return sendPage(c, notFoundPage(c.get('lang'), c.get('session'), c.req.path), 404);
  });
  app.onError((err, c) => {
    console.error(err);
    if (c.req.path.startsWith(API_BASE)) return problem(c, 500, 'internal', 'Something went wrong on the intranet.');
    const lang = c.get('lang') ?? 'sv';
    return sendPage(c, errorPage(lang, c.get('session'), c.req.path, pageMessages(lang).serverError), 500);
  });
  return app;
}
