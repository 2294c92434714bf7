/**
 * The Ideas API v1 (DESIGN section 7, intranet/openapi.yaml), mounted at /api/idesluss/v1.
 * Every route needs a session (401); writes need `X-Idesluss-Client` (403) and a JSON body within
 * the limits (415/413/400), validated by the one shared schema (422).
 */
import { Hono, type Context } from 'hono';
import type { FieldError } from '../../shared/domain/idea';
import { isClientId } from '../../shared/domain/id';
import { contentKey, inEnglish, validateIdea } from '../../shared/domain/validation';
import { isTeam, type Session } from '../auth/sessions';
import { toMe } from '../auth/routes';
import type { AppEnv, Deps } from '../context';
import { publicOrigin } from '../proxy';
import { bodyRefusalHeaders, readJsonBody } from './body';
import { apiCors } from './cors';
import { overloadGuard, perUserGuard } from './overload';
import { problem, validationProblem } from './problem';
import { CONTENT_LANG } from '../pages/lang';
import { chunkedStream } from '../chunked-stream';

export const API_BASE = '/api/idesluss/v1';

/** `name/version`, printable ASCII: what a write must carry in `X-Idesluss-Client`. */
const CLIENT_HEADER = /^[A-Za-z0-9._-]{1,50}\/[A-Za-z0-9._+-]{1,30}$/;

const UNKNOWN_CHALLENGE: FieldError = { field: 'challengeId', code: 'invalid_value', message: 'There is no such challenge.' };

const json = (c: Context, body: unknown, status: 200 | 201 = 200, headers: Record<string, string> = {}) =>
  c.json(body, status, { 'Cache-Control': 'no-store', ...headers });

/** 401 with the sign-in page's absolute address at the public origin (https behind a trusted TLS proxy). */
function unauthorized(c: Context, trustedProxies: ReadonlySet<string>): Response {
  return problem(c, 401, 'unauthorized', 'Sign in to continue.', { signInUrl: `${publicOrigin(c, trustedProxies)}/logga-in` }, {
    'WWW-Authenticate': 'Bearer realm="idesluss"',
  });
}

/** Mounts the API (with its CORS and origin check) for `app.route(API_BASE, …)`. */
export function apiRoutes(deps: Deps): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.use('*', apiCors(deps.origins, deps.trustedProxies));
  api.use('*', overloadGuard(deps.maxInFlight));
  api.use('*', perUserGuard(deps.maxInFlightPerUser));

  const withSession = (handler: (c: Context<AppEnv>, session: Session) => Response | Promise<Response>) => (c: Context<AppEnv>) => {
    const session = c.get('session');
    return session ? handler(c, session) : unauthorized(c, deps.trustedProxies);
  };

  api.get('/me', withSession((c, s) => json(c, toMe(s.user))));

  api.get('/challenges', withSession((c) => {
    const origin = publicOrigin(c, deps.trustedProxies);
    const open = deps.ideas.challenges().filter((ch) => ch.open);
    // The reference intranet's content is Swedish (../pages/lang.ts CONTENT_LANG): said, so that an English UI marks it.
    return json(c, open.map(({ id, title, summary, closesAt }) => ({ id, title, summary, url: `${origin}/utmaningar/${encodeURIComponent(id)}`, lang: CONTENT_LANG, ...(closesAt ? { closesAt } : {}) })));
  }));

  api.get('/ideas', withSession((c, s) => {
    if (c.req.query('mine') !== 'true') {
      return problem(c, 400, 'bad-request', 'Only the caller’s own ideas can be listed: add mine=true.', {
        errors: [{ field: 'mine', code: 'required', message: 'Use mine=true.' }],
      });
    }
    // Streamed a chunk at a time (../chunked-stream.ts): nothing limits how many ideas one account writes, and one
    // account's list built whole held the event loop, and every employee's sync with it, for as long as it took.
    // The request holds its place in the in-flight limits until the body is out (`bodyDone`, ./overload.ts).
    let sent = () => {};
    c.set('bodyDone', new Promise<void>((resolve) => (sent = resolve)));
    const body = chunkedStream(
      { ids: deps.ideas.idsByAuthor(s.user.id), fetch: (ids) => deps.ideas.byIds(ids), idOf: (stored) => stored.idea.id },
      { head: '[', row: (stored, i) => `${i > 0 ? ',' : ''}${JSON.stringify(stored.idea)}`, tail: ']' },
      { onEnd: () => sent() },
    );
    return c.body(body, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  }));

  api.get('/ideas/:id', withSession((c, s) => {
    const id = c.req.param('id') ?? '';
    const stored = isClientId(id) ? deps.ideas.find(id) : undefined;
    if (!stored || (stored.authorId !== s.user.id && !isTeam(s.user))) return problem(c, 404, 'not-found', 'No such idea.');
    return json(c, stored.idea);
  }));

  api.put('/ideas/:id', withSession(async (c, s) => {
    const client = c.req.header('X-Idesluss-Client');
    if (!client || !CLIENT_HEADER.test(client)) {
      return problem(c, 403, 'client-header-required', 'Writes must carry X-Idesluss-Client: <name>/<version>.');
    }
    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return problem(c, body.status, body.slug, body.title, {}, bodyRefusalHeaders(body.status));
    const id = c.req.param('id') ?? '';
    if (!isClientId(id)) {
      return problem(c, 400, 'bad-request', 'The id must be a lower-case UUID.', {
        errors: [{ field: 'id', code: 'invalid_value', message: 'The id must be a lower-case UUID.' }],
      });
    }
    const result = validateIdea(body.value);
    if (!result.ok) {
      // Report an unknown challenge together with the other broken fields, one error per field.
      const raw = (body.value as { challengeId?: unknown } | null)?.challengeId;
      const unknown = typeof raw === 'string' && raw.trim() !== '' && !deps.ideas.challenge(raw.trim());
      const errors = inEnglish(result.errors);
      return validationProblem(c, unknown && !errors.some((e) => e.field === 'challengeId') ? [...errors, UNKNOWN_CHALLENGE] : errors);
    }
    const content = result.value;
    const location = { Location: `${API_BASE}/ideas/${id}` };

    const answerExisting = () => {
      const existing = deps.ideas.find(id);
      if (!existing) return undefined;
      if (existing.authorId !== s.user.id) return problem(c, 409, 'id-taken', 'Another idea already uses this id.');
      if (existing.contentKey !== contentKey(content)) {
        return problem(c, 409, 'conflict', 'A different idea is already stored under this id.', { current: existing.idea });
      }
      return json(c, existing.idea, 200, location);
    };

    const earlier = answerExisting();
    if (earlier) return earlier;
    if (content.challengeId !== undefined && !deps.ideas.challenge(content.challengeId)) return validationProblem(c, [UNKNOWN_CHALLENGE]);
    const { created } = deps.ideas.insertIfAbsent(id, s.user.id, content, new Date(deps.now()).toISOString());
    if (!created) return answerExisting()!;
    return json(c, deps.ideas.find(id)!.idea, 201, location);
  }));

  api.notFound((c) => problem(c, 404, 'not-found', 'No such resource.'));
  return api;
}
