/**
 * The real reference intranet for the extension's e2e tests, on 127.0.0.1 with a fixed port so it
 * can be stopped ("intranet down") and started again on the same address and data, and with a
 * movable clock so a session can expire.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../support/free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../intranet/server';

export interface TestIntranet {
  url: string;
  /** Stops the server (connections refused) — the data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Moves the server's clock forward (sessions expire after 8 hours). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startIntranet(): Promise<TestIntranet> {
  const dataDir = mkdtempSync(join(tmpdir(), 'idesluss-ext-intranet-'));
  const port = await freePort();
  let offset = 0;
  const start = () => startServer({ port, dataDir, quiet: true, now: () => Date.now() + offset });
  let server: RunningServer | undefined = await start();
  return {
    url: server.url,
    async stop() {
      await server?.close();
      server = undefined;
    },
    async restart() {
      server ??= await start();
    },
    advance(ms) {
      offset += ms;
    },
    async close() {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in over the API (JSON) and returns a bearer token: for reading the inbox from the test. */
export async function tokenFor(intranetUrl: string, username: string, password = 'demo'): Promise<string> {
  const response = await fetch(`${intranetUrl}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** The innovation team's CSV export, read as ivan: one row per idea on the intranet. */
export async function inboxCsv(intranetUrl: string): Promise<string> {
  const token = await tokenFor(intranetUrl, 'ivan');
  const response = await fetch(`${intranetUrl}/inkorg/export.csv`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`inbox export: ${response.status}`);
  return response.text();
}

/** One idea's page in the inbox, read as ivan. */
export async function inboxIdeaPage(intranetUrl: string, id: string): Promise<string> {
  const token = await tokenFor(intranetUrl, 'ivan');
  const response = await fetch(`${intranetUrl}/inkorg/ideer/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  return response.text();
}
