/**
 * The innovation team's inbox at /inkorg: list and filter, open one idea, set its status (POST form
 * with the session's CSRF token, plus the same-origin check), export CSV. Signed-out users are sent
 * to the sign-in page; signed-in users without the team role get 403.
 */
import { Hono, type Context } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import { IDEA_KINDS, IDEA_STATUSES, type IdeaKind, type IdeaStatus } from '../../shared/domain/idea';
import { isClientId } from '../../shared/domain/id';
import { sessionCookieOf } from '../auth/session-cookie';
import { isTeam, type Session } from '../auth/sessions';
import type { AppEnv, Deps } from '../context';
import { IDEA_SORTS, type IdeaFilter, type IdeaSort } from '../db/ideas-repo';
import { errorPage, sendPage } from '../pages/layout';
import { pageMessages } from '../pages/messages';
import { spreadsheetLabels } from './csv';
import { csvExportStream } from './csv-stream';
import { filterQuery, forbiddenPage, inboxIdeaPage, inboxListPage, PAGE_SIZE, SEARCH_MAX } from './views';

/** The intranet's own day (Stockholm), for the export's file name. */
const LOCAL_DAY = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: 'Europe/Stockholm' });

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | undefined =>
  (list as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

function filterFrom(c: Context): IdeaFilter {
  const filter: IdeaFilter = {};
  const status = oneOf<IdeaStatus>(IDEA_STATUSES, c.req.query('status'));
  const kind = oneOf<IdeaKind>(IDEA_KINDS, c.req.query('kind'));
  const challenge = c.req.query('challenge');
  if (status) filter.status = status;
  if (kind) filter.kind = kind;
  if (challenge && challenge.length <= 100) filter.challengeId = challenge;
  const text = searchText(c.req.query('q'));
  if (text) filter.text = text;
  const sort = oneOf<IdeaSort>(IDEA_SORTS, c.req.query('sort'));
  if (sort && sort !== 'newest') filter.sort = sort;
  return filter;
}

/**
 * The search, at most `SEARCH_MAX` UTF-16 units as the field's `maxlength` counts. A longer one (an address edited by
 * hand) is cut between code points (never inside a surrogate pair) and searched; the field shows what was searched,
 * rather than the search being ignored unseen.
 */
export function searchText(query: string | undefined): string | undefined {
  let text = query?.trim() ?? '';
  if (text.length > SEARCH_MAX) {
    let cut = '';
    for (const character of text) {
      if (cut.length + character.length > SEARCH_MAX) break;
      cut += character;
    }
    text = cut.trim();
  }
  return text || undefined;
}

/** The list's page number from `sida`, kept on the way to an idea and back (1 when absent or not a whole number above 1). */
function pageFrom(c: Context): number {
  const page = Math.trunc(Number(c.req.query('sida')));
  return Number.isFinite(page) && page > 1 ? page : 1;
}

/** The query of the list a person came from (filters, order, page), plus `extra`. */
function listQuery(c: Context, extra: Record<string, string> = {}): string {
  const page = pageFrom(c);
  return filterQuery(filterFrom(c), { ...(page > 1 ? { sida: String(page) } : {}), ...extra });
}

/** A form field's value when it is text (`parseBody` gives files and arrays too). */
const formText = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Constant-time token comparison. Byte lengths, not string lengths: `timingSafeEqual` throws on unequal ones. */
function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The query to return to after sign-in. For a status change posted after the session ran out, it
 * carries the status chosen (`valj`), which the idea page fills in and says was not saved: the POST
 * itself cannot be replayed, and the choice must not vanish without a word.
 */
async function keepChoice(c: Context<AppEnv>, url: URL): Promise<string> {
  if (c.req.method !== 'POST' || !url.pathname.endsWith('/status')) return url.search;
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const chosen = oneOf<IdeaStatus>(IDEA_STATUSES, typeof form.status === 'string' ? form.status : undefined);
  if (!chosen) return url.search;
  const query = new URLSearchParams(url.search);
  query.set('valj', chosen);
  return `?${query}`;
}

/** Mounts the inbox routes; every one goes through the team-only guard. */
export function inboxRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /**
   * Team-only guard: redirect to sign-in when signed out, 403 when not in the team. A form posted
   * after the session ran out returns to the page it came from (the POST itself cannot be replayed).
   */
  const team = (handler: (c: Context<AppEnv>, s: Session) => Response | Promise<Response>) => async (c: Context<AppEnv>) => {
    const session = c.get('session');
    const url = new URL(c.req.url);
    // An export asked for after the session ran out returns to the inbox's list it was asked from (its filter, not
    // `for`): after sign-in the download would otherwise start and leave the person on the sign-in page.
    if (url.pathname === '/inkorg/export.csv') url.searchParams.delete('for');
    const back = url.pathname === '/inkorg/export.csv' ? '/inkorg' : c.req.method === 'GET' ? url.pathname : url.pathname.replace(/\/status$/, '');
    // A session cookie that names no live session: the session ran out (the cookie outlives it by a week, so a
    // browser still sends it) or was ended elsewhere; the sign-in page says so. Signing out deletes the cookie.
    const expired = sessionCookieOf(c, deps.trustedProxies) ? '&utgangen=1' : '';
    if (!session) return c.redirect(`/logga-in?return=${encodeURIComponent(back + (await keepChoice(c, url)))}${expired}`, 303);
    if (!isTeam(session.user)) return sendPage(c, forbiddenPage(session, url.pathname, c.get('lang')), 403);
    return handler(c, session);
  };

  const toInbox = (c: Context<AppEnv>) => ({ href: `/inkorg${listQuery(c)}`, label: pageMessages(c.get('lang')).inbox.back });
  /**
   * An error page. `here` is a page the language link can show again (not the address a form was posted to,
   * which has no page); `back` leads on from it.
   */
  const failed = (c: Context<AppEnv>, s: Session, text: { title: string; body: string }, status: 400 | 403 | 404, here = `/inkorg${listQuery(c)}`, back = toInbox(c)) =>
    sendPage(c, errorPage(c.get('lang'), s, c.req.path, text, back, here), status);
  const notFound = (c: Context<AppEnv>, s: Session) => {
    const { noIdea } = pageMessages(c.get('lang')).inbox;
    return failed(c, s, { title: noIdea, body: '' }, 404);
  };

  app.get('/inkorg', team((c, s) => {
    const filter = filterFrom(c);
    const url = new URL(c.req.url);
    // One page and the count from SQL; a page number past the last shows the last.
    const list = deps.ideas.page(filter, Number(c.req.query('sida')), PAGE_SIZE);
    return sendPage(c, inboxListPage(s, list, filter, deps.ideas.challenges(), c.get('lang'), url.pathname + url.search));
  }));

  app.get('/inkorg/export.csv', team((c) => {
    const t = pageMessages(c.get('lang')).inbox;
    // For people (Excel with Swedish settings): `;`, and names in the page's language; else codes for programs.
    const labels = c.req.query('for') === 'excel' ? spreadsheetLabels(c.get('lang')) : undefined;
    // The ids and the challenges' titles are read once, here; the rows a chunk at a time as the download pulls them,
    // so other requests are answered between chunks. A status changed meanwhile may show either value (csv-stream.ts).
    const filter = filterFrom(c);
    const csv = csvExportStream({
      ids: deps.ideas.ids(filter),
      fetch: (ids) => deps.ideas.byIds(ids),
      challengeTitles: new Map(deps.ideas.challenges().map((challenge) => [challenge.id, challenge.title])),
    }, labels);
    // The intranet's day, not UTC's: an export just after midnight in Sweden is named for that day.
    const day = LOCAL_DAY.format(deps.now());
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${t.exportFile}-${day}${labels ? '-excel' : ''}.csv"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
  }));

  app.get('/inkorg/ideer/:id', team((c, s) => {
    const id = c.req.param('id') ?? '';
    const stored = isClientId(id) ? deps.ideas.find(id) : undefined;
    if (!stored) return notFound(c, s);
    const challenge = stored.idea.challengeId ? deps.ideas.challenge(stored.idea.challengeId) : undefined;
    const unsaved = oneOf<IdeaStatus>(IDEA_STATUSES, c.req.query('valj'));
    const view = { saved: c.req.query('sparad') === '1', unsaved, changed: c.req.query('andrad') === '1', lang: c.get('lang'), filter: filterFrom(c), page: pageFrom(c) };
    return sendPage(c, inboxIdeaPage(s, stored, challenge, deps.ideas.statusHistory(id), view));
  }));

  /**
   * Sets a status. Nothing is lost without a word: a choice that cannot be saved comes back on the idea's
   * page, selected, with the reason ("valj": the page's sign-in has ended, say a tab left open while the
   * person signed in again in another; "andrad": someone else set another status since the page was
   * loaded, which is not overwritten unseen). The status the idea has already is not logged again (a
   * double click). Errors link back to the idea, not to the address the form was posted to.
   */
  app.post('/inkorg/ideer/:id/status', team(async (c, s) => {
    const id = c.req.param('id') ?? '';
    const t = pageMessages(c.get('lang')).inbox;
    const ideaPage = `/inkorg/ideer/${id}`;
    const toIdea = (extra: Record<string, string>) => c.redirect(`${ideaPage}${listQuery(c, extra)}`, 303);
    const refuse = (text: { title: string; body: string }, status: 400 | 403) =>
      failed(c, s, text, status, `${ideaPage}${listQuery(c)}`, { href: `${ideaPage}${listQuery(c)}`, label: t.backToIdea });
    // A body that is not a form (a broken multipart) is the sender's error, not the server's.
    const form = await c.req.parseBody().catch(() => undefined);
    // Read after the body, with no await before the write: the check against `was` and the update are one step.
    const stored = isClientId(id) ? deps.ideas.find(id) : undefined;
    if (!stored) return notFound(c, s);
    if (!form) return refuse(t.unknownStatus, 400);
    const status = oneOf<IdeaStatus>(IDEA_STATUSES, formText(form.status));
    if (!sameToken(formText(form.csrf) ?? '', s.csrfToken)) return status ? toIdea({ valj: status }) : refuse(t.expired, 403);
    if (!status) return refuse(t.unknownStatus, 400);
    const current = stored.idea.status;
    if (status === current) return toIdea({ sparad: '1' });
    const seen = oneOf<IdeaStatus>(IDEA_STATUSES, formText(form.was));
    if (seen && seen !== current) return toIdea({ valj: status, andrad: '1' });
    deps.ideas.setStatus(id, status, s.user.id, new Date(deps.now()).toISOString());
    return toIdea({ sparad: '1' });
  }));

  return app;
}
