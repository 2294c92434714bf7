/**
 * A small in-memory Ideas API for tests: idempotent `PUT /ideas/{id}` (201, then 200 for the same
 * body, 409 for a different one), the read calls, a session that can expire, and a server-side
 * rule that refuses chosen titles with 422. It validates with the shared schema, like the real one.
 * Not part of the runtime API; the reference intranet is in intranet/.
 */
import type { Challenge, IdeaContent, RemoteIdea } from '../../domain/idea';
import { contentKey, inEnglish, validateIdea } from '../../domain/validation';

const JSON_TYPE = { 'content-type': 'application/json' };

export class FakeIdeasServer {
  readonly ideas = new Map<string, { key: string; idea: RemoteIdea }>();
  /**
   * How many times each id was created (201). At most 1 by construction (a second PUT answers 200 or
   * 409), so it shows which ids arrived, not that none was sent twice: that is the faulty fetch's
   * `resentAfterAccepted`.
   */
  readonly created = new Map<string, number>();
  readonly challenges: Challenge[] = [{ id: 'c1', title: 'Mindre papper', summary: 'Idéer för färre utskrifter', url: 'https://intra.example/c1' }];
  signedIn = true;
  /** Who is signed in (`GET /me`); each idea is stored as theirs (`authors`). */
  user = { id: 'u1', name: 'Test', roles: [] as string[] };
  readonly authors = new Map<string, string>();
  /** Titles the server refuses with 422 (a server-side rule the client cannot know). */
  readonly refusedTitles = new Set<string>();
  /** Ids whose `GET` answers 404 (the caller may not see them). */
  readonly hiddenIds = new Set<string>();

  /** Handles one request like the Ideas API would. */
  async handle(request: Request): Promise<Response> {
    if (!this.signedIn) return problem(401, 'Sign in', undefined, { signInUrl: 'https://intra.example/logga-in' });
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*\/v1/, '');
    const idMatch = /^\/ideas\/([^/]+)$/.exec(path);
    if (request.method === 'PUT' && idMatch) return this.put(decodeURIComponent(idMatch[1]!), request);
    if (request.method === 'GET' && idMatch) return this.get(decodeURIComponent(idMatch[1]!));
    if (request.method === 'GET' && path === '/ideas' && url.searchParams.get('mine') === 'true') {
      return json({ items: [...this.ideas.values()].map((e) => e.idea) });
    }
    if (request.method === 'GET' && path === '/challenges') return json(this.challenges);
    if (request.method === 'GET' && path === '/me') return json(this.user);
    return problem(404, 'Not found');
  }

  /** Stores an idea directly, as if another device had sent a different version under this id. */
  seed(id: string, content: IdeaContent): void {
    this.ideas.set(id, { key: contentKey(content), idea: remoteOf(id, content) });
  }

  private async put(id: string, request: Request): Promise<Response> {
    if (request.headers.get('x-idesluss-client') === null) return problem(403, 'Missing client header');
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return problem(400, 'Malformed JSON');
    }
    const result = validateIdea(body);
    if (!result.ok) return problem(422, 'Invalid idea', inEnglish(result.errors));
    if (this.refusedTitles.has(result.value.title)) {
      return problem(422, 'Invalid idea', [{ field: 'title', code: 'invalid_value', message: 'Titeln är inte tillåten.' }]);
    }
    const key = contentKey(result.value);
    const existing = this.ideas.get(id);
    if (existing) return existing.key === key ? json(existing.idea, 200) : problem(409, 'Another version exists');
    const idea = remoteOf(id, result.value);
    this.ideas.set(id, { key, idea });
    this.authors.set(id, this.user.id);
    this.created.set(id, (this.created.get(id) ?? 0) + 1);
    return json(idea, 201);
  }

  private get(id: string): Response {
    const entry = this.hiddenIds.has(id) ? undefined : this.ideas.get(id);
    return entry ? json(entry.idea) : problem(404, 'Not found');
  }
}

function remoteOf(id: string, content: IdeaContent): RemoteIdea {
  const at = '2026-11-26T08:00:00.000Z';
  return { ...content, id, status: 'received', createdAt: at, updatedAt: at };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_TYPE });
}

function problem(status: number, title: string, errors?: unknown[], extra: Record<string, unknown> = {}): Response {
  const body = { type: 'about:blank', title, status, ...(errors ? { errors } : {}), ...extra };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
}
