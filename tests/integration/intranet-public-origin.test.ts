/**
 * The public origin behind a TLS-terminating reverse proxy (intranet/proxy.ts): `X-Forwarded-Proto`
 * and `X-Forwarded-Host` are believed only from IDESLUSS_TRUSTED_PROXIES, and then the 401's
 * `signInUrl`, the challenges' `url`s, the session cookie's `Secure` flag and the same-origin check
 * all follow them; from anyone else none of them does.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet } from '../support/intranet';

let intranet: TestIntranet | undefined;
afterEach(async () => {
  await intranet?.close();
  intranet = undefined;
});

const PROXIED = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'intranet.example', 'X-Forwarded-For': '10.0.0.1' };

async function signInUrl(server: TestIntranet, headers: Record<string, string>): Promise<string> {
  const r = await server.fetch(`${server.apiBase}/me`, { headers });
  expect(r.status).toBe(401);
  return ((await r.json()) as { signInUrl: string }).signInUrl;
}

/** Signs anna in through the given headers; the session cookie as the server set it. */
async function sessionCookie(server: TestIntranet, headers: Record<string, string>): Promise<string> {
  const r = await server.fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ username: 'anna', password: 'demo' }),
  });
  expect(r.status).toBe(200);
  await r.body?.cancel();
  return r.headers.get('Set-Cookie') ?? '';
}

describe('public origin', () => {
  it('behind a trusted proxy, links and the cookie follow X-Forwarded-Proto and X-Forwarded-Host', async () => {
    const server = (intranet = await startTestIntranet({ trustedProxies: '127.0.0.1', allowedHosts: 'intranet.example' }));
    expect(await signInUrl(server, PROXIED)).toBe('https://intranet.example/logga-in');
    expect(await signInUrl(server, { 'X-Forwarded-Proto': 'https' })).toBe(`https://127.0.0.1:${server.port}/logga-in`);
    // The outermost proxy's entry counts; anything but http/https, or a malformed host, is ignored.
    expect(await signInUrl(server, { 'X-Forwarded-Proto': 'https, http' })).toMatch(/^https:/);
    expect(await signInUrl(server, { 'X-Forwarded-Proto': 'javascript', 'X-Forwarded-Host': 'evil.example/x' })).toBe(`${server.url}/logga-in`);
    expect(await signInUrl(server, {})).toBe(`${server.url}/logga-in`);

    const cookie = await sessionCookie(server, PROXIED);
    expect(cookie).toMatch(/;\s*Secure/i);
    // Under https the name carries __Host- (Path=/, no Domain): a sibling host cannot plant a session for the site.
    expect(cookie).toMatch(/^__Host-idesluss_session=[\w-]+;/);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
    const anna = cookie.split(';')[0]!;
    const plainNamed = anna.replace(/^__Host-/, '');
    expect((await server.fetch(`${server.apiBase}/me`, { headers: { Cookie: plainNamed, 'X-Idesluss-Client': 'test/1', ...PROXIED } })).status).toBe(401);
    expect((await server.fetch(`${server.apiBase}/me`, { headers: { Cookie: anna, 'X-Idesluss-Client': 'test/1', ...PROXIED } })).status).toBe(200);
    const out = await server.fetch(`${server.url}/auth/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: anna, Origin: 'https://intranet.example', ...PROXIED } });
    expect(out.status).toBe(303);
    expect(out.headers.get('Set-Cookie')).toMatch(/^__Host-idesluss_session=;.*Max-Age=0/i);
    const again = (await sessionCookie(server, PROXIED)).split(';')[0]!;
    const challenges = (await (await server.fetch(`${server.apiBase}/challenges`, { headers: { Cookie: again, ...PROXIED } })).json()) as { url: string }[];
    expect(challenges.length).toBeGreaterThan(0);
    for (const { url } of challenges) expect(url).toMatch(/^https:\/\/intranet\.example\/utmaningar\//);
    expect(await sessionCookie(server, {})).not.toMatch(/;\s*Secure/i);

    // The intranet's own pages, served at the proxy's public origin, are same-origin.
    const put = await server.fetch(`${server.apiBase}/ideas/${randomUUID()}`, {
      method: 'PUT',
      headers: { Cookie: again, 'Content-Type': 'application/json', 'X-Idesluss-Client': 'test/1', Origin: 'https://intranet.example', ...PROXIED },
      body: JSON.stringify({ title: 'Bakom en proxy' }),
    });
    expect(put.status).toBe(201);

    // Under https, a plain-http page at the same host (a network attacker can write one) is not the intranet's own:
    // it can neither sign a person in (login CSRF) nor write through the API.
    const fromHttp = { ...PROXIED, Origin: 'http://intranet.example' };
    const login = await server.fetch(`${server.url}/auth/login`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/json', ...fromHttp }, body: JSON.stringify({ username: 'anna', password: 'demo' }),
    });
    expect(login.status).toBe(403);
    expect(login.headers.get('Set-Cookie')).toBeNull();
    await login.body?.cancel();
    const httpPut = await server.fetch(`${server.apiBase}/ideas/${randomUUID()}`, {
      method: 'PUT', headers: { Cookie: again, 'Content-Type': 'application/json', 'X-Idesluss-Client': 'test/1', ...fromHttp }, body: JSON.stringify({ title: 'Från http' }),
    });
    expect(httpPut.status).toBe(403);
    await httpPut.body?.cancel();
  });

  it('without a trusted proxy, ignores forwarded headers for the links and the cookie alike', async () => {
    const server = (intranet = await startTestIntranet());
    expect(await signInUrl(server, PROXIED)).toBe(`${server.url}/logga-in`);
    expect(await sessionCookie(server, PROXIED)).not.toMatch(/;\s*Secure/i);
    const logout = await fetch(`${server.url}/auth/logout`, { method: 'POST', headers: { Origin: 'https://intranet.example', ...PROXIED } });
    expect(logout.status).toBe(403);
  });
});
