/**
 * Sign-in throttling through the real server (intranet/auth/throttle.ts): failures count per
 * (username, client address), so guessing from one client does not lock the account's owner out
 * elsewhere; X-Forwarded-For is believed only from a configured reverse proxy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet } from '../support/intranet';

let intranet: TestIntranet | undefined;
afterEach(async () => {
  await intranet?.close();
  intranet = undefined;
});

async function signIn(server: TestIntranet, password: string, forwardedFor?: string): Promise<number> {
  const r = await server.fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
    body: JSON.stringify({ username: 'anna', password }),
  });
  await r.body?.cancel();
  return r.status;
}

describe('sign-in throttle', () => {
  it('behind a trusted proxy, locks out the guessing client but not the owner at another address', async () => {
    const server = (intranet = await startTestIntranet({ trustedProxies: '127.0.0.1' }));
    for (let i = 0; i < 10; i++) expect(await signIn(server, 'fel', '10.0.0.1')).toBe(401);
    expect(await signIn(server, 'demo', '10.0.0.1')).toBe(429);
    expect(await signIn(server, 'demo', '10.0.0.2')).toBe(200);
    // A forged entry to the left of the proxy's own is not believed: the proxy saw 10.0.0.1.
    expect(await signIn(server, 'demo', '10.0.0.9, 10.0.0.1')).toBe(429);
  });

  it('without a trusted proxy, ignores X-Forwarded-For: a client cannot dodge its lockout by forging it', async () => {
    const server = (intranet = await startTestIntranet());
    for (let i = 0; i < 10; i++) expect(await signIn(server, 'fel', `10.0.0.${i}`)).toBe(401);
    expect(await signIn(server, 'demo', '10.0.0.200')).toBe(429);
  });
});
