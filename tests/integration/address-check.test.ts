/**
 * The options page's address check (shared/api/address-check.ts) against the real reference
 * intranet on 127.0.0.1: signed in, signed out, a wrong port, a wrong path, a host that never answers.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress } from '../../shared/api/address-check';
import { createIdeasApi } from '../../shared/api/client';
import { freePort } from '../support/free-port';
import { startTestIntranet, type TestIntranet } from '../support/intranet';

let intranet: TestIntranet;
beforeAll(async () => {
  intranet = await startTestIntranet();
});
afterAll(() => intranet.close());

const apiAt = (baseUrl: string, headers?: Record<string, string>) => createIdeasApi({ baseUrl, fetch: (input, init) => fetch(input, init), clientName: 'idesluss-test/1.0', headers });

describe('checkAddress', () => {
  it('names who is signed in at a working address', async () => {
    const anna = await intranet.login('anna');
    expect(await checkAddress(apiAt(intranet.apiBase, { Authorization: anna.authorization }))).toEqual({ kind: 'signed-in', name: expect.stringMatching(/Anna/) });
  });

  it('says "signed out" where the API answers 401, with the sign-in page the 401 names', async () => {
    expect(await checkAddress(apiAt(intranet.apiBase))).toEqual({ kind: 'signed-out', signInUrl: `${intranet.url}/logga-in` });
  });

  it('drops a sign-in page that is not http(s)', async () => {
    const body = JSON.stringify({ status: 401, signInUrl: 'javascript:alert(1)' });
    const api = createIdeasApi({ baseUrl: intranet.apiBase, fetch: async () => new Response(body, { status: 401, headers: { 'content-type': 'application/problem+json' } }), clientName: 'idesluss-test/1.0' });
    expect(await checkAddress(api)).toEqual({ kind: 'signed-out' });
  });

  it('says "signed out" for a 403 too, as sync treats it (a gateway refusing the person)', async () => {
    const refusing = createIdeasApi({ baseUrl: intranet.apiBase, fetch: async () => new Response('{}', { status: 403, headers: { 'content-type': 'application/problem+json' } }), clientName: 'idesluss-test/1.0' });
    expect(await checkAddress(refusing)).toEqual({ kind: 'signed-out' });
  });

  it('says "no answer" for a wrong port, not "the intranet is down" later', async () => {
    expect(await checkAddress(apiAt(`http://127.0.0.1:${await freePort()}/api/idesluss/v1`))).toEqual({ kind: 'no-answer' });
  });

  it('says "no API" where the host answers but the path is wrong', async () => {
    expect(await checkAddress(apiAt(`${intranet.url}/intranat/api/idesluss/v1`))).toEqual({ kind: 'no-api' });
  });

  it('gives up on a host that takes the connection and never answers', async () => {
    const silent: Server = createServer(() => undefined); // accepts, never writes
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      expect(await checkAddress(apiAt(`http://127.0.0.1:${port}/api/idesluss/v1`), 300)).toEqual({ kind: 'no-answer' });
    } finally {
      silent.close();
    }
  });
});
