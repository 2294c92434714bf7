/**
 * Kept-alive connections (intranet/server.ts `KEEP_ALIVE_MS`): a socket a client keeps between two
 * requests seconds apart is still open for the second. With Node's default of 5 s the server closed it,
 * and a request sent just as it did was reset (ECONNRESET: a sign-in in an e2e run once failed so).
 */
import { Agent, request } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet } from '../support/intranet';

let intranet: TestIntranet | undefined;
afterEach(async () => {
  await intranet?.close();
  intranet = undefined;
});

/** GET `path` through `agent`; says whether the request went out on a socket kept from before. */
function get(server: TestIntranet, agent: Agent, path: string): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('keeps an idle connection open for longer than Node\'s 5 s, so the next request reuses it', async () => {
  intranet = await startTestIntranet();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    expect(await get(intranet, agent, '/')).toEqual({ status: 200, reused: false });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await get(intranet, agent, '/')).toEqual({ status: 200, reused: true });
  } finally {
    agent.destroy();
  }
});
