/**
 * Acceptance tests of issue 3 for the Ideas API v1, against the real server on 127.0.0.1.
 * Every response goes through `intranet.fetch`, which checks it against intranet/openapi.yaml.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type RemoteIdea } from '../../shared/domain/idea';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';

let intranet: TestIntranet;
let anna: TestLogin;
let bertil: TestLogin;
let ivan: TestLogin;

beforeAll(async () => {
  intranet = await startTestIntranet();
  [anna, bertil, ivan] = await Promise.all([intranet.login('anna'), intranet.login('bertil'), intranet.login('ivan')]);
});
afterAll(() => intranet.close());

const CLIENT = { 'X-Idesluss-Client': 'idesluss-test/1.0.0' };

function put(who: TestLogin | undefined, id: string, body: unknown, headers: Record<string, string> = {}) {
  return intranet.fetch(`${intranet.apiBase}/ideas/${id}`, {
    method: 'PUT',
    headers: { ...CLIENT, 'Content-Type': 'application/json', ...(who ? { Cookie: who.cookie } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const get = (who: TestLogin | undefined, path: string, headers: Record<string, string> = {}) =>
  intranet.fetch(`${intranet.apiBase}${path}`, { headers: { ...(who ? { Cookie: who.cookie } : {}), ...headers } });
const mine = async (who: TestLogin) => (await (await get(who, '/ideas?mine=true')).json()) as RemoteIdea[];

const idea = { title: 'Digitala blanketter för ledighet', description: 'Slipp papper.', kind: 'idea', anonymous: false, lang: 'sv' };


/** A PUT whose body arrives only when `finish` is called: it holds an in-flight place meanwhile. */
function slowUpload(local: TestIntranet, user: TestLogin) {
  let finish!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"title": "Långsam '));
      finish = () => {
        try {
          controller.enqueue(new TextEncoder().encode('uppladdning"}'));
          controller.close();
        } catch {
          // the server already answered (and dropped the body)
        }
      };
    },
  });
  const response = local.fetch(`${local.apiBase}/ideas/${randomUUID()}`, {
    method: 'PUT', headers: { ...CLIENT, Authorization: user.authorization, 'Content-Type': 'application/json' }, body, duplex: 'half',
  } as RequestInit);
  let settled = false;
  void response.then(() => (settled = true), () => (settled = true));
  return { response, finish, settled: () => settled };
}

describe('idempotent PUT /ideas/{id}', () => {
  it('answers 201, then 200 with the same result, and stores one idea', async () => {
    const id = randomUUID();
    const first = await put(anna, id, idea);
    expect(first.status).toBe(201);
    expect(first.headers.get('Location')).toBe(`/api/idesluss/v1/ideas/${id}`);
    const created = (await first.json()) as RemoteIdea;
    expect(created).toMatchObject({ id, ...idea, status: 'received' });

    const second = await put(anna, id, idea);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(created);
    expect((await mine(anna)).filter((x) => x.id === id)).toHaveLength(1);
  });

  it('treats bodies equal after normalisation as the same idea (trim, NFC, defaults, unknown fields)', async () => {
    const id = randomUUID();
    expect((await put(anna, id, { title: 'Cafe\u0301 på  jobbet ' })).status).toBe(201);
    const again = await put(anna, id, { title: '  Café på  jobbet', description: '', kind: 'idea', lang: 'sv', anonymous: false, extra: 1, source: {} });
    expect(again.status).toBe(200);
    expect(((await again.json()) as RemoteIdea).title).toBe('Café på  jobbet');
  });

  it('answers 409 with the stored copy when a different body comes under the same id', async () => {
    const id = randomUUID();
    const created = (await (await put(anna, id, idea)).json()) as RemoteIdea;
    const conflict = await put(anna, id, { ...idea, description: 'Något annat.' });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(((await conflict.json()) as { current: RemoteIdea }).current).toEqual(created);
    expect((await (await get(anna, `/ideas/${id}`)).json())).toEqual(created);
  });

  it('stores one idea for 50 concurrent identical PUTs', async () => {
    const id = randomUUID();
    const responses = await Promise.all(Array.from({ length: 50 }, () => put(anna, id, idea)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect((await mine(anna)).filter((x) => x.id === id)).toHaveLength(1);
  });
});

describe('refusals', () => {
  it('401 without a session, or with an unknown token, with a sign-in address', async () => {
    for (const path of ['/me', '/challenges', '/ideas?mine=true', `/ideas/${randomUUID()}`]) {
      const r = await get(undefined, path);
      expect(r.status, path).toBe(401);
      expect(((await r.json()) as { signInUrl: string }).signInUrl).toBe(`${intranet.url}/logga-in`);
    }
    expect((await put(undefined, randomUUID(), idea)).status).toBe(401);
    expect((await get(undefined, '/me', { Authorization: 'Bearer nonsense-token' })).status).toBe(401);
    expect((await get(undefined, '/me', { Cookie: 'idesluss_session=nonsense' })).status).toBe(401);
  });

  it('403 for a write without (or with a malformed) X-Idesluss-Client, storing nothing', async () => {
    const id = randomUUID();
    const r = await intranet.fetch(`${intranet.apiBase}/ideas/${id}`, {
      method: 'PUT', headers: { Cookie: anna.cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(idea),
    });
    expect(r.status).toBe(403);
    expect((await put(anna, id, idea, { 'X-Idesluss-Client': '<script>' })).status).toBe(403);
    expect((await get(anna, `/ideas/${id}`)).status).toBe(404);
  });

  it('415 for another content type', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      expect((await put(anna, randomUUID(), idea, { 'Content-Type': type })).status, type).toBe(415);
    }
    expect((await put(anna, randomUUID(), idea, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(201);
  });

  it('400 for broken JSON and for a bad id', async () => {
    for (const body of ['{"title": "x"', '', 'nul', '{"title": "\\ud800 x" ']) {
      const r = await put(anna, randomUUID(), body);
      expect(r.status, body).toBe(400);
    }
    const badId = await put(anna, 'NOT-A-UUID', idea);
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('413 above 64 KiB, by Content-Length and by the bytes actually sent (chunked)', async () => {
    const big = JSON.stringify({ ...idea, padding: 'x'.repeat(LIMITS.bodyBytesMax) });
    expect((await put(anna, randomUUID(), big)).status).toBe(413);

    const id = randomUUID();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const r = await intranet.fetch(`${intranet.apiBase}/ideas/${id}`, {
      method: 'PUT', headers: { ...CLIENT, Cookie: anna.cookie, 'Content-Type': 'application/json' }, body: stream, duplex: 'half',
    } as RequestInit);
    expect(r.status).toBe(413);
    expect((await get(anna, `/ideas/${id}`)).status).toBe(404);
  });

  it('accepts a body of exactly 64 KiB (unknown fields ignored)', async () => {
    const base = JSON.stringify({ ...idea, padding: '' });
    const exact = base.replace('"padding":""', `"padding":"${'x'.repeat(LIMITS.bodyBytesMax - Buffer.byteLength(base))}"`);
    expect(Buffer.byteLength(exact)).toBe(LIMITS.bodyBytesMax);
    const r = await put(anna, randomUUID(), exact);
    expect(r.status).toBe(201);
    expect(await r.json()).not.toHaveProperty('padding');
  });
});

describe('422 with a field error for every limit of DESIGN section 3', () => {
  const cases: [string, Record<string, unknown>, string, unknown][] = [
    ['title missing', { title: undefined }, 'title', 'required'],
    ['title blank', { title: '   ' }, 'title', 'required'],
    ['title 121 characters', { title: 'a'.repeat(121) }, 'title', 'too_long'],
    ['title not a string', { title: 42 }, 'title', 'invalid_type'],
    ['title with a bidi override', { title: 'abc\u202edef' }, 'title', 'invalid_value'],
    ['description 5,001 characters', { description: 'a'.repeat(5001) }, 'description', 'too_long'],
    ['kind unknown', { kind: 'complaint' }, 'kind', 'invalid_value'],
    ['challengeId unknown', { challengeId: 'finns-inte' }, 'challengeId', 'invalid_value'],
    ['challengeId with markup', { challengeId: '<x>' }, 'challengeId', 'invalid_value'],
    ['source.url javascript:', { source: { url: 'javascript:alert(1)' } }, 'source.url', 'invalid_url'],
    ['source.url data:', { source: { url: 'data:text/html,<script>alert(1)</script>' } }, 'source.url', 'invalid_url'],
    ['source.url relative', { source: { url: '/intern/sida' } }, 'source.url', 'invalid_url'],
    ['source.url 2,049 characters', { source: { url: `https://intranet.example/${'a'.repeat(2049 - 25)}` } }, 'source.url', 'invalid_url'],
    ['source.title 301 characters', { source: { title: 'a'.repeat(301) } }, 'source.title', 'too_long'],
    ['source.quote 1,001 characters', { source: { quote: 'a'.repeat(1001) } }, 'source.quote', 'too_long'],
    ['source an array (not stored as no source)', { source: [{ url: 'https://intranet.example/sida' }] }, 'source', 'invalid_type'],
    ['anonymous not boolean', { anonymous: 'yes' }, 'anonymous', 'invalid_type'],
    ['lang unknown', { lang: 'de' }, 'lang', 'invalid_value'],
  ];
  it.each(cases)('%s', async (_name, change, field, code) => {
    const id = randomUUID();
    const r = await put(anna, id, { ...idea, ...change });
    expect(r.status).toBe(422);
    const body = (await r.json()) as { errors: { field: string; code: string; message: string }[] };
    expect(body.errors).toContainEqual({ field, code, message: expect.any(String) });
    expect((await get(anna, `/ideas/${id}`)).status).toBe(404);
  });

  it('accepts every field at its limit, emoji counted as one character', async () => {
    const atLimit = {
      title: '💡'.repeat(LIMITS.titleMax),
      description: 'd'.repeat(LIMITS.descriptionMax),
      kind: 'good-example',
      challengeId: 'mindre-matsvinn',
      source: { url: `https://intranet.example/${'a'.repeat(LIMITS.sourceUrlMax - 25)}`, title: 't'.repeat(300), quote: 'q'.repeat(1000) },
      anonymous: true,
      lang: 'en',
    };
    expect(atLimit.source.url).toHaveLength(LIMITS.sourceUrlMax);
    const r = await put(anna, randomUUID(), atLimit);
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject(atLimit);
  });

  it('reports one error per broken field at once', async () => {
    const r = await put(anna, randomUUID(), { title: '', kind: 'x', lang: 'x', challengeId: 'finns-inte' });
    const fields = ((await r.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['challengeId', 'kind', 'lang', 'title']);
  });
});

describe('markup and SQL-looking strings', () => {
  it('are stored verbatim and come back as JSON text', async () => {
    const hostile = {
      title: `<img src=x onerror=alert(1)>'; DROP TABLE ideas; --`,
      description: `</script><script>alert("x")</script> OR 1=1 --`,
      source: { url: 'https://example.com/?q=<b>"x"</b>', title: '"><svg onload=alert(1)>', quote: `Robert'); DELETE FROM users;--` },
    };
    const id = randomUUID();
    expect((await put(anna, id, hostile)).status).toBe(201);
    const back = (await (await get(anna, `/ideas/${id}`)).json()) as RemoteIdea;
    expect(back).toMatchObject(hostile);
    expect((await get(anna, '/me')).status).toBe(200);
  });
});

describe('other users', () => {
  it('cannot read or overwrite my idea, and learn nothing of its content', async () => {
    const id = randomUUID();
    const secret = { ...idea, title: 'Hemlig idé om lönesättning' };
    expect((await put(anna, id, secret)).status).toBe(201);

    const read = await get(bertil, `/ideas/${id}`);
    expect(read.status).toBe(404);
    expect(await read.text()).not.toContain('Hemlig');

    for (const body of [secret, { ...secret, title: 'Bertils version' }]) {
      const write = await put(bertil, id, body);
      expect(write.status).toBe(409);
      const text = await write.text();
      expect(text).not.toContain('Hemlig');
      expect(JSON.parse(text)).not.toHaveProperty('current');
    }
    expect((await mine(bertil)).some((x) => x.id === id)).toBe(false);
    expect(((await (await get(anna, `/ideas/${id}`)).json()) as RemoteIdea).title).toBe('Hemlig idé om lönesättning');
  });

  it('lets the innovation team read any idea', async () => {
    const id = randomUUID();
    await put(anna, id, idea);
    expect((await get(ivan, `/ideas/${id}`)).status).toBe(200);
  });
});

describe('reads', () => {
  it('GET /me by cookie and by Bearer token', async () => {
    expect(await (await get(anna, '/me')).json()).toEqual({ id: 'u-anna', name: 'Anna Andersson', roles: ['employee'] });
    const byBearer = await get(undefined, '/me', { Authorization: ivan.authorization });
    expect(((await byBearer.json()) as { roles: string[] }).roles).toContain('innovation-team');
  });

  it('GET /challenges lists only open challenges with absolute page URLs', async () => {
    const list = (await (await get(anna, '/challenges')).json()) as { id: string; url: string }[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.map((c) => c.id)).not.toContain('sommarjobb-2026');
    for (const c of list) expect(c.url).toBe(`${intranet.url}/utmaningar/${c.id}`);
  });

  it('GET /ideas?mine=true lists only my ideas; without mine=true it is 400', async () => {
    const id = randomUUID();
    await put(bertil, id, { ...idea, title: 'Bertils idé' });
    const list = await mine(bertil);
    expect(list.map((x) => x.id)).toContain(id);
    expect((await mine(anna)).map((x) => x.id)).not.toContain(id);
    expect((await get(anna, '/ideas')).status).toBe(400);
  });

  it('an idea for a closed challenge is still accepted (nothing expires)', async () => {
    expect((await put(anna, randomUUID(), { ...idea, challengeId: 'sommarjobb-2026' })).status).toBe(201);
  });

  it('serves its own contract at /api/idesluss/v1/openapi.yaml', async () => {
    const r = await fetch(`${intranet.apiBase}/openapi.yaml`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(readFileSync(new URL('../../intranet/openapi.yaml', import.meta.url), 'utf8'));
  });

  it('unknown API paths are 404 problem+json', async () => {
    const r = await get(anna, '/nothing-here');
    expect(r.status).toBe(404);
    expect(r.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  });
});

describe('sessions', () => {
  it('sign-in sets an HttpOnly, SameSite=Lax cookie; wrong passwords are 401; sign-out ends the session', async () => {
    const login = await intranet.fetch(`${intranet.url}/auth/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'anna', password: 'demo' }),
    });
    const cookie = login.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^idesluss_session=[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = ((await login.json()) as { token: string }).token;

    for (const [username, password] of [['anna', 'fel'], ['nobody', 'demo'], ['anna', '']]) {
      const r = await intranet.fetch(`${intranet.url}/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
      });
      expect(r.status).toBe(401);
      expect(r.headers.get('Set-Cookie')).toBeNull();
    }

    const out = await intranet.fetch(`${intranet.url}/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    expect((await get(undefined, '/me', { Cookie: `idesluss_session=${token}` })).status).toBe(401);
  });

  it('throttles sign-in after 10 failures for one username, then lets it try again', async () => {
    let now = Date.parse('2026-11-26T08:00:00Z');
    const local = await startTestIntranet({ now: () => now });
    try {
      const attempt = (username: string, password: string) => local.fetch(`${local.url}/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
      });
      for (let i = 0; i < 10; i++) expect((await attempt('anna', `fel${i}`)).status).toBe(401);
      const blocked = await attempt('anna', 'demo');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect((await attempt('ivan', 'demo')).status).toBe(200);
      now += 15 * 60 * 1000 + 1000;
      expect((await attempt('anna', 'demo')).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('answers 503 with Retry-After when more API requests are in flight than allowed', async () => {
    const local = await startTestIntranet({ maxInFlight: 1 });
    try {
      const user = await local.login('anna');
      const me = () => local.fetch(`${local.apiBase}/me`, { headers: { Authorization: user.authorization } });
      const slowPut = () => slowUpload(local, user);

      let seenBusy = false;
      for (let attempt = 0; attempt < 20 && !seenBusy; attempt++) {
        const slow = slowPut();
        let busy: Response;
        do busy = await me();
        while (busy.status === 200 && !slow.settled()); // until the slow upload holds the slot
        if (busy.status === 503) {
          seenBusy = true;
          expect(busy.headers.get('Retry-After')).toBe('5');
          slow.finish();
          expect((await slow.response).status).toBe(201);
        } else {
          slow.finish(); // a probe held the slot when the upload arrived: it got the 503; try again
          await slow.response.catch(() => undefined);
        }
      }
      expect(seenBusy).toBe(true);
      expect((await me()).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('answers 429 with Retry-After to an account with too many requests in flight, and not to the others', async () => {
    const local = await startTestIntranet({ maxInFlightPerUser: 2 });
    try {
      const [anna, bertil] = [await local.login('anna'), await local.login('bertil')];
      const me = (user: TestLogin) => local.fetch(`${local.apiBase}/me`, { headers: { Authorization: user.authorization } });
      const uploads = [slowUpload(local, anna), slowUpload(local, anna)];
      let answer: Response;
      let tries = 0;
      do answer = await me(anna);
      while (answer.status === 200 && ++tries < 500); // until both uploads are in flight
      expect(answer.status).toBe(429);
      expect(answer.headers.get('Retry-After')).toBe('5');
      expect((await me(bertil)).status).toBe(200); // another account is served meanwhile
      for (const upload of uploads) upload.finish();
      expect((await Promise.all(uploads.map((u) => u.response))).map((r) => r.status)).toEqual([201, 201]);
      expect((await me(anna)).status).toBe(200); // the places are given back
    } finally {
      await local.close();
    }
  });

  it('sessions expire', async () => {
    let now = Date.parse('2026-11-26T08:00:00Z');
    const local = await startTestIntranet({ now: () => now, sessionTtlMs: 60 * 60 * 1000 });
    try {
      const user = await local.login('anna');
      const me = () => local.fetch(`${local.apiBase}/me`, { headers: { Cookie: user.cookie } });
      now += 59 * 60 * 1000;
      expect((await me()).status).toBe(200);
      now += 2 * 60 * 1000;
      expect((await me()).status).toBe(401);
    } finally {
      await local.close();
    }
  });
});
