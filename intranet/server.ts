/**
 * Starts the reference intranet: opens the SQLite file under `dataDir`, seeds the demo data and
 * serves the app on `host:port` (port 0 picks a free one). `npm run intranet`, `npm start`, the
 * integration tests and the e2e tests all start it through `startServer`.
 */
import { parseTrustedProxies } from './auth/throttle';
import { parseAllowedHosts } from './host-check';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { parseOriginPolicy, type OriginPolicy } from './api/cors';
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT_PER_USER } from './api/overload';
import { DEFAULT_SESSION_TTL_MS, SessionStore } from './auth/sessions';
import { openDatabase } from './db/database';
import { IdeasRepo } from './db/ideas-repo';
import { seedDemoData } from './db/seed';

export interface StartOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Folder for the SQLite file (created if missing). */
  dataDir: string;
  /** No request log on stdout. */
  quiet?: boolean;
  /** Insert the demo users and challenges (default true; idempotent). */
  seed?: boolean;
  /** Session lifetime (default 8 hours). */
  sessionTtlMs?: number;
  /** Clock in epoch milliseconds (default Date.now); tests move it to expire sessions. */
  now?: () => number;
  /** Allowed extension origins; default from IDESLUSS_EXTENSION_ORIGINS (unset: any extension). */
  extensionOrigins?: OriginPolicy | string;
  /** Reverse proxies to believe X-Forwarded-For from, comma-separated (default IDESLUSS_TRUSTED_PROXIES). */
  trustedProxies?: string;
  /**
   * Host names to answer to besides IP literals and localhost, comma-separated, `*` for any
   * (default IDESLUSS_ALLOWED_HOSTS; host-check.ts).
   */
  allowedHosts?: string;
  /** Folder served at /widget/ (default `<repo>/dist/widget`). */
  widgetDir?: string;
  /** API requests in flight at once before 503 + Retry-After (default 256). */
  maxInFlight?: number;
  /** API requests one signed-in account may have in flight before 429 + Retry-After (default 16). */
  maxInFlightPerUser?: number;
}

export interface RunningServer {
  /** `http://host:port` without a trailing slash. */
  url: string;
  /** The same as `url`: the origin browsers will send. */
  origin: string;
  port: number;
  /** Stops accepting, ends open connections and closes the database. */
  close(): Promise<void>;
}

const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../dist/widget/', import.meta.url));
/** How long an idle kept-alive connection stays open (see `startServer`). */
export const KEEP_ALIVE_MS = 65_000;

/** Starts the server; resolves once it listens. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { port, host = '127.0.0.1', dataDir, quiet = false, seed = true } = options;
  const now = options.now ?? Date.now;
  const db = openDatabase(dataDir);
  if (seed) seedDemoData(db);
  const origins = typeof options.extensionOrigins === 'object'
    ? options.extensionOrigins
    : parseOriginPolicy(options.extensionOrigins ?? process.env.IDESLUSS_EXTENSION_ORIGINS);
  const app = createApp(
    {
      ideas: new IdeasRepo(db),
      sessions: new SessionStore(db, now, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS),
      now,
      origins,
      widgetDir: options.widgetDir ?? DEFAULT_WIDGET_DIR,
      maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
      maxInFlightPerUser: options.maxInFlightPerUser ?? DEFAULT_MAX_IN_FLIGHT_PER_USER,
      trustedProxies: parseTrustedProxies(options.trustedProxies ?? process.env.IDESLUSS_TRUSTED_PROXIES),
      allowedHosts: parseAllowedHosts(options.allowedHosts ?? process.env.IDESLUSS_ALLOWED_HOSTS),
    },
    quiet ? undefined : (line) => console.log(line),
  );

  const server = await new Promise<Server>((resolvePromise, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolvePromise(s as Server)) as Server;
    s.once('error', (err) => {
      db.close();
      reject(err);
    });
  });
  // Clients keep sockets alive and reuse them. A server that closes an idle socket just as a request
  // goes out on it resets that request (ECONNRESET), and nobody retries a POST. Node's 5 s is shorter
  // than the gaps between one person's requests; 65 s (the usual value behind load balancers) makes
  // that race rare. The headers timeout must stay above it.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${actualPort}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    origin: url,
    port: actualPort,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => {
          db.close();
          resolveClose();
        });
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      return closing;
    },
  };
}
