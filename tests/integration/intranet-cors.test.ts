/**
 * CORS of the Ideas API (docs/adr/005-intranet-cors.md): same origin needs nothing, extension
 * origins are allowed with credentials, every other origin gets 403 and no CORS headers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';

let intranet: TestIntranet;
let anna: TestLogin;
beforeAll(async () => {
  intranet = await startTestIntranet();
  anna = await intranet.login('anna');
});
afterAll(() => intranet.close());

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://0f7a9a3e-5d7b-4a54-9c1e-2a9f1d3c6b7e';

const putFrom = (base: string, who: TestLogin, origin: string | undefined) =>
  fetch(`${base}/ideas/${randomUUID()}`, {
    method: 'PUT',
    headers: { Cookie: who.cookie, 'Content-Type': 'application/json', 'X-Idesluss-Client': 'test/1', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify({ title: 'Från ett annat ursprung' }),
  });

describe('CORS', () => {
  it('same-origin requests get no CORS headers and work', async () => {
    const r = await putFrom(intranet.apiBase, anna, intranet.origin);
    expect(r.status).toBe(201);
    expect(r.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it.each([EXTENSION, FIREFOX])('allows the extension origin %s, with credentials', async (origin) => {
    const preflight = await intranet.fetch(`${intranet.apiBase}/ideas/${randomUUID()}`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type,x-idesluss-client' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(preflight.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('PUT');
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('x-idesluss-client');

    const r = await putFrom(intranet.apiBase, anna, origin);
    expect(r.status).toBe(201);
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(r.headers.get('Vary')).toContain('Origin');
    const unauthorized = await intranet.fetch(`${intranet.apiBase}/me`, { headers: { Origin: origin } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('Access-Control-Allow-Origin')).toBe(origin);
  });

  it.each(['https://evil.example', 'null', 'http://127.0.0.1:1', 'chrome-extension://x/../evil', 'file://'])(
    'refuses %s with 403 and no CORS headers, storing nothing', async (origin) => {
      const before = (await (await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie } })).json()) as unknown[];
      const preflight = await intranet.fetch(`${intranet.apiBase}/ideas/${randomUUID()}`, {
        method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' },
      });
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
      const r = await putFrom(intranet.apiBase, anna, origin);
      expect(r.status).toBe(403);
      expect(r.headers.get('Access-Control-Allow-Origin')).toBeNull();
      const read = await intranet.fetch(`${intranet.apiBase}/me`, { headers: { Cookie: anna.cookie, Origin: origin } });
      expect(read.status).toBe(403);
      expect(read.headers.get('Access-Control-Allow-Origin')).toBeNull();
      const after = (await (await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie } })).json()) as unknown[];
      expect(after.length).toBe(before.length);
    });

  it('an explicit allow-list admits only the listed extensions', async () => {
    const strict = await startTestIntranet({ extensionOrigins: `${EXTENSION}, moz-extension://other` });
    try {
      const user = await strict.login('anna');
      expect((await putFrom(strict.apiBase, user, EXTENSION)).status).toBe(201);
      expect((await putFrom(strict.apiBase, user, FIREFOX)).status).toBe(403);
      expect((await putFrom(strict.apiBase, user, 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba')).status).toBe(403);
    } finally {
      await strict.close();
    }
  });
});
