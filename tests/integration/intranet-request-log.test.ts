/**
 * The request log (`npm start`, `npm run intranet`): one line per request, which a person reads in a
 * terminal and a log collector splits at line ends. The path comes from whoever sends the request,
 * percent-decoded by the router: a `%0a` in it must not forge a second line, `%1b` must not send the
 * terminal an escape sequence, and a `%20` must not make the path look like it ended.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestIntranet, type TestIntranet } from '../support/intranet';

let intranet: TestIntranet | undefined;
afterEach(async () => {
  await intranet?.close();
  intranet = undefined;
  vi.restoreAllMocks();
});

describe('request log', () => {
  it('writes one line per request, with spaces and control characters of the path escaped as in the address', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    const server = (intranet = await startTestIntranet({ quiet: false }));
    await fetch(`${server.url}/x%0aPOST%20/inkorg/ideer/1/status%20303`);
    await fetch(`${server.url}/y%1b%5b31mRED%0d`);
    await fetch(`${server.url}/%C3%A5rsm%C3%B6te`);
    await fetch(`${server.url}/z%E2%80%AEgol`);
    const logged = lines.filter((line) => /^GET \//.test(line));
    expect(logged).toEqual([
      'GET /x%0APOST%20/inkorg/ideer/1/status%20303 404',
      'GET /y%1B[31mRED%0D 404',
      'GET /årsmöte 404',
      'GET /z%E2%80%AEgol 404',
    ]);
    for (const line of logged) expect(line.split(' ')).toHaveLength(3); // method, path, status
  });

  it('names the Origin of a refused request, escaped as the path is', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    const server = (intranet = await startTestIntranet({ quiet: false }));
    const post = (origin: string) => fetch(`${server.url}/auth/logout`, { method: 'POST', redirect: 'manual', headers: { Origin: origin } });
    await post('https://evil.example');
    await post('https://evil.example\u0085FAKE');
    await post(server.url); // the intranet's own: not refused, no Origin in the line
    expect(lines.filter((line) => line.startsWith('POST /auth/logout'))).toEqual([
      'POST /auth/logout 403 Origin=https://evil.example',
      'POST /auth/logout 403 Origin=https://evil.example%C2%85FAKE',
      'POST /auth/logout 303',
    ]);
  });
});
