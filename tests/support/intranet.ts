/**
 * A fresh reference intranet for a test: `startTestIntranet()` starts the real server on
 * 127.0.0.1 (port 0 = a free port, or `port`) with its own temporary data directory, seeded with
 * the demo users (anna, bertil: employees; ivan: innovation team; password `demo`) and challenges.
 *
 *   const intranet = await startTestIntranet();
 *   const anna = await intranet.login('anna');
 *   await fetch(`${intranet.apiBase}/me`, { headers: { Cookie: anna.cookie } });
 *   await fetch(`${intranet.apiBase}/me`, { headers: { Authorization: anna.authorization } });
 *   await intranet.close();
 *
 * `intranet.fetch` is a fetch that checks every API response against intranet/openapi.yaml.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type StartOptions } from '../../intranet/server';
import { checkedFetch } from '../../intranet/testing/openapi';

export interface TestIntranetOptions {
  /** Fixed port (default 0: any free port). */
  port?: number;
  /** Reuse a data directory (e.g. to restart on the same data); it is then kept on close. */
  dataDir?: string;
  /** Keep the temporary data directory after close. */
  keepData?: boolean;
  now?: StartOptions['now'];
  sessionTtlMs?: number;
  extensionOrigins?: StartOptions['extensionOrigins'];
  widgetDir?: string;
  /** API requests in flight at once before 503 (default 256). */
  maxInFlight?: number;
  /** API requests one account may have in flight before 429 (default 16). */
  maxInFlightPerUser?: number;
  trustedProxies?: string;
  /** Host names to serve besides IP literals and localhost (StartOptions `allowedHosts`). */
  allowedHosts?: string;
  /** False: log a line per request, as `npm start` does (default true: quiet). */
  quiet?: boolean;
}

/** A signed-in demo user: send `cookie` as the Cookie header or `authorization` as Authorization. */
export interface TestLogin {
  /** `idesluss_session=<token>`: the value for a Cookie header (or a browser context's cookie). */
  cookie: string;
  /** The raw session token (the cookie's value, also the Bearer token). */
  token: string;
  /** `Bearer <token>`: the value for an Authorization header. */
  authorization: string;
}

export interface TestIntranet {
  /** `http://127.0.0.1:<port>` */
  url: string;
  origin: string;
  port: number;
  /** `<url>/api/idesluss/v1` */
  apiBase: string;
  dataDir: string;
  /** Signs a demo user in (password `demo` unless given). */
  login(username: string, password?: string): Promise<TestLogin>;
  /** fetch that checks API responses against openapi.yaml (throws on a mismatch). */
  fetch: typeof checkedFetch;
  /** Stops the server; removes the data directory unless it was given or `keepData`. */
  close(): Promise<void>;
}

/** Starts the reference intranet for one test file or test. */
export async function startTestIntranet(opts: TestIntranetOptions = {}): Promise<TestIntranet> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'idesluss-intranet-'));
  const server = await startServer({
    port: opts.port ?? 0,
    dataDir,
    quiet: opts.quiet ?? true,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.sessionTtlMs ? { sessionTtlMs: opts.sessionTtlMs } : {}),
    ...(opts.extensionOrigins ? { extensionOrigins: opts.extensionOrigins } : {}),
    ...(opts.widgetDir ? { widgetDir: opts.widgetDir } : {}),
    ...(opts.maxInFlight ? { maxInFlight: opts.maxInFlight } : {}),
    ...(opts.maxInFlightPerUser ? { maxInFlightPerUser: opts.maxInFlightPerUser } : {}),
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
    ...(opts.allowedHosts ? { allowedHosts: opts.allowedHosts } : {}),
  });
  return {
    url: server.url,
    origin: server.origin,
    port: server.port,
    apiBase: `${server.url}/api/idesluss/v1`,
    dataDir,
    fetch: checkedFetch,
    async login(username, password = 'demo') {
      const response = await checkedFetch(`${server.url}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
      const { token } = (await response.json()) as { token: string };
      return { cookie: `idesluss_session=${token}`, token, authorization: `Bearer ${token}` };
    },
    async close() {
      await server.close();
      if (ownDir && !opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts `intranet/main.ts` as a real child process (for tests that kill it) on `port` (0: a free
 * one) with its data in `dataDir`; resolves with the process and its URL once it says it listens.
 */
export function spawnIntranet(port: number, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'intranet/main.ts'], {
    env: { ...process.env, PORT: String(port), IDESLUSS_DATA: dataDir, IDESLUSS_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`intranet exited (${code}) before listening:\n${output}`)));
  });
}
