import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { createIdeasApi, type FetchLike } from './client';
import { parseRetryAfter } from './retry-after';

const content = { title: 'Cykelparkering', description: '', kind: 'idea' as const, anonymous: false, lang: 'sv' as const };
const remote = { ...content, id: 'a1', status: 'received', createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z' };
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function api(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init = {}) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { calls, api: createIdeasApi({ baseUrl: 'https://intra.example/api/v1/', fetch, clientName: 'idesluss-test/1.0', now: () => 0 }) };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('createIdeasApi', () => {
  it('PUTs the idea with the client header, JSON and cookies; 201 is created, 200 the same', async () => {
    let status = 201;
    const { api: client, calls } = api(() => json(remote, status));
    expect(await client.putIdea('a1', content)).toEqual({ created: true, idea: remote });
    status = 200;
    expect((await client.putIdea('a1', content)).created).toBe(false);
    const { url, init } = calls[0]!;
    expect(url).toBe('https://intra.example/api/v1/ideas/a1');
    expect(init.method).toBe('PUT');
    expect(init.credentials).toBe('include');
    expect(init.headers).toMatchObject({ 'X-Idesluss-Client': 'idesluss-test/1.0', 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(content);
  });

  it('lists my ideas, challenges and me with GET', async () => {
    const { api: client, calls } = api((url) => {
      if (url.endsWith('/ideas?mine=true')) return json({ items: [remote] });
      if (url.endsWith('/challenges')) return json([{ id: 'c1', title: 'T', summary: 'S', url: 'https://intra.example/c1' }]);
      return json({ id: 'u1', name: 'Ann', roles: ['employee'] });
    });
    expect(await client.listMyIdeas()).toEqual([remote]);
    expect((await client.listChallenges())[0]!.id).toBe('c1');
    expect((await client.me()).name).toBe('Ann');
    expect(calls.every((c) => c.init.method === 'GET')).toBe(true);
  });

  it('tells "no response at all" from an HTTP status', async () => {
    const { api: client } = api(() => Promise.reject(new TypeError('fetch failed')));
    const error = await failure(client.putIdea('a1', content));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(error.noResponse).toBe(true);
  });

  it('reports an aborted request as aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { api: client } = api(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    expect((await failure(client.getIdea('a1', controller.signal))).kind).toBe('aborted');
  });

  it('parses problem+json field errors', async () => {
    const problem = { type: 'about:blank', title: 'Invalid idea', status: 422, detail: 'Titeln saknas', errors: [{ field: 'title', code: 'required', message: 'Fyll i' }, { bogus: 1 }] };
    const { api: client } = api(() => json(problem, 422, { 'content-type': 'application/problem+json' }));
    const error = await failure(client.putIdea('a1', content));
    expect(error).toMatchObject({ kind: 'http', status: 422, problem: { detail: 'Titeln saknas' } });
    expect(error.fieldErrors).toEqual([{ field: 'title', code: 'required', message: 'Fyll i' }]);
  });

  it('keeps a 401’s signInUrl only when it is an http(s) URL', async () => {
    const unauthorized = (signInUrl: string) => json({ title: 'Sign in', status: 401, signInUrl }, 401, { 'content-type': 'application/problem+json' });
    const { api: ok } = api(() => unauthorized('https://intra.example/logga-in'));
    expect((await failure(ok.me())).problem?.signInUrl).toBe('https://intra.example/logga-in');
    for (const bad of ['javascript:alert(1)', '/logga-in', 'data:text/html,x']) {
      const { api: refused } = api(() => unauthorized(bad));
      expect((await failure(refused.me())).problem?.signInUrl, bad).toBeUndefined();
    }
  });

  it('keeps the status when the error body is not problem+json', async () => {
    const { api: client } = api(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await failure(client.listChallenges());
    expect(error).toMatchObject({ kind: 'http', status: 502, problem: undefined });
  });

  it('parses Retry-After in seconds and as an HTTP date', async () => {
    const { api: client } = api(() => json({ title: 'Busy' }, 429, { 'retry-after': '120' }));
    expect((await failure(client.putIdea('a1', content))).retryAfterMs).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 120_000)).toBe(0);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter('-5', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it('refuses a 2xx whose body is not valid JSON or not the promised shape', async () => {
    const { api: broken } = api(() => new Response('{"id":', { status: 201 }));
    expect(await failure(broken.putIdea('a1', content))).toMatchObject({ kind: 'invalid-body', status: 201 });
    const { api: wrong } = api(() => json({ id: 'a1', status: 'weird' }, 200));
    expect(await failure(wrong.putIdea('a1', content))).toMatchObject({ kind: 'invalid-body', status: 200 });
  });

  it('reads a list as an array or wrapped in `items`, and refuses any other shape', async () => {
    const challenge = { id: 'c1', title: 'T', summary: '', url: 'https://intra.example/c1' };
    const list = (body: unknown) => api(() => json(body)).api.listChallenges();
    expect(await list([challenge])).toEqual([challenge]);
    expect(await list({ items: [challenge], next: null })).toEqual([challenge]);
    expect(await list([])).toEqual([]);
    for (const body of [{ items: [{ id: 'c1' }] }, [{ id: 'c1' }], { items: { 0: challenge } }, { challenges: [challenge] }, null, 'x', 3]) {
      expect(await failure(list(body)), JSON.stringify(body)).toMatchObject({ kind: 'invalid-body', status: 200 });
    }
  });

  it('treats a 2xx body cut off mid-stream as no response', async () => {
    const stream = new ReadableStream({ start: (c) => c.error(new Error('socket hang up')) });
    const { api: client } = api(() => new Response(stream, { status: 201 }));
    expect((await failure(client.putIdea('a1', content))).kind).toBe('network');
  });

  it('does not follow a redirect: a sign-in gateway answering a PUT is a redirect error, in Node and in browsers', async () => {
    // Node's fetch shows the 3xx itself; a browser hides it as an opaque redirect with status 0.
    const { api: node, calls } = api(() => new Response(null, { status: 302, headers: { location: '/login?return=%2F' } }));
    expect(await failure(node.putIdea('a1', content))).toMatchObject({ kind: 'redirect', status: 302 });
    expect(calls[0]!.init.redirect).toBe('manual');
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers() } as Response;
    const { api: browser } = api(() => opaque);
    expect(await failure(browser.me())).toMatchObject({ kind: 'redirect', status: undefined });
  });

  it('encodes the id into the path', async () => {
    const { api: client, calls } = api(() => json(remote));
    await client.getIdea('../me');
    expect(calls[0]!.url).toBe('https://intra.example/api/v1/ideas/..%2Fme');
  });
});
