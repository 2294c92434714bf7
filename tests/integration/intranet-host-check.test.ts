/**
 * The host check against DNS rebinding (intranet/host-check.ts, docs/adr/017-host-check.md), over a
 * real socket: a request naming another host in `Host` is refused before any route runs, on pages
 * and on the API; the server's own names and listed names are served. A trusted proxy's requests are
 * checked too: on its machine a browser connects from the same address.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestIntranet, type TestIntranet } from '../support/intranet';

let intranet: TestIntranet | undefined;
afterEach(async () => {
  await intranet?.close();
  intranet = undefined;
});

/** GET `path` with the given `Host` header (fetch would not let a test set it). */
function get(server: TestIntranet, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host check', () => {
  it('refuses a rebound name on pages and the API, and serves the server by its own names', async () => {
    const server = (intranet = await startTestIntranet());
    const { cookie } = await server.login('anna');
    const page = await get(server, '/logga-in', `evil.example:${server.port}`);
    expect(page.status).toBe(403);
    expect(page.body).toContain('IDESLUSS_ALLOWED_HOSTS');
    expect(page.body).toContain('Den här servern svarar inte på värdnamnet ”evil.example”'); // Swedish first
    expect(page.type).toContain('text/plain');
    const api = await get(server, '/api/idesluss/v1/me', `evil.example:${server.port}`, { Cookie: cookie });
    expect(api.status).toBe(403);
    expect(api.type).toContain('application/problem+json');
    expect(JSON.parse(api.body)).toMatchObject({ status: 403, type: expect.stringContaining('host-not-allowed') });
    expect(api.body).not.toContain('anna');

    expect((await get(server, '/', '999.1.1.1')).status).toBe(400); // not a host name at all: no 500
    // The same with the request log on, as `npm start` runs it (the log read the URL first, and threw).
    const lines = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const logged = await startTestIntranet({ quiet: false });
      try {
        expect((await get(logged, '/', '999.1.1.1')).status).toBe(400);
        expect(lines).toHaveBeenCalledWith('GET / 400');
      } finally {
        await logged.close();
      }
    } finally {
      lines.mockRestore();
    }

    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect((await get(server, '/api/idesluss/v1/me', host, { Cookie: cookie })).status, host).toBe(200);
    }
  });

  it('serves listed names; checks a trusted proxy\'s requests too, by Host', async () => {
    const listed = (intranet = await startTestIntranet({ allowedHosts: 'intranet.test' }));
    expect((await get(listed, '/logga-in', `intranet.test:${listed.port}`)).status).toBe(200);
    expect((await get(listed, '/logga-in', `other.test:${listed.port}`)).status).toBe(403);
    await listed.close();

    const proxied = (intranet = await startTestIntranet({ trustedProxies: '127.0.0.1', allowedHosts: 'intranet.example' }));
    expect((await get(proxied, '/logga-in', `127.0.0.1:${proxied.port}`, { 'X-Forwarded-Host': 'intranet.example' })).status).toBe(200);
    expect((await get(proxied, '/logga-in', 'intranet.example', { 'X-Forwarded-Host': 'intranet.example' })).status).toBe(200);
    expect((await get(proxied, '/logga-in', 'evil.example', { 'X-Forwarded-Host': 'intranet.example' })).status).toBe(403);
    // A proxy that sets Host to its upstream's address (nginx `proxy_set_header X-Forwarded-Host $host`): the
    // forwarded name is the public one, checked too; a rebound name there would become the links' and cookie's.
    const rebound = await get(proxied, '/api/idesluss/v1/me', `10.0.0.5:${proxied.port}`, { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('https://evil.example');
    // From anyone but a trusted proxy the forwarded name is ignored, as everywhere.
    const direct = (intranet = await startTestIntranet({ allowedHosts: 'intranet.example' }));
    expect((await get(direct, '/logga-in', 'intranet.example', { 'X-Forwarded-Host': 'evil.example' })).status).toBe(200);
    await proxied.close();
  });
});
