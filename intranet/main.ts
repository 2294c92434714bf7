/**
 * `npm run intranet`: the reference intranet on PORT (default 8787, 0 = any free port) with its data
 * in IDESLUSS_DATA (default ./.data). HOST (default 127.0.0.1) sets the interface, IDESLUSS_MAX_INFLIGHT
 * the number of API requests served at once (default 256), IDESLUSS_MAX_INFLIGHT_PER_USER those of one account
 * (default 16), IDESLUSS_ALLOWED_HOSTS the host names it
 * answers to besides IP literals, localhost, HOST and IDESLUSS_INTRANET's. Stops cleanly on
 * SIGINT/SIGTERM. Prints `Idésluss intranet listening on <url>` once it listens.
 */
import { resolve } from 'node:path';
import { maxInFlightFrom, portFrom, type EnvSetting } from './env';
import { startServer } from './server';

/** The setting's value; for one that cannot be used, says why and exits with 2 before anything starts. */
function orExit<T>(setting: EnvSetting<T>): T {
  if (setting.ok) return setting.value;
  console.error(setting.message);
  process.exit(2);
}

const port = orExit(portFrom(process.env.PORT));
const maxInFlight = orExit(maxInFlightFrom(process.env.IDESLUSS_MAX_INFLIGHT));
const maxInFlightPerUser = orExit(maxInFlightFrom(process.env.IDESLUSS_MAX_INFLIGHT_PER_USER, 'IDESLUSS_MAX_INFLIGHT_PER_USER'));
const dataDir = resolve(process.env.IDESLUSS_DATA ?? './.data');
const host = process.env.HOST ?? '127.0.0.1';

/** The host name of a URL, or undefined for anything that is not one. */
const hostnameOf = (url: string | undefined) => (url && URL.canParse(url) ? new URL(url).hostname : undefined);
// Names the server is reached by on purpose are allowed without listing them (host-check.ts): the
// interface it binds and the address `npm start` built the extension for.
const allowedHosts = [process.env.IDESLUSS_ALLOWED_HOSTS, host, hostnameOf(process.env.IDESLUSS_INTRANET)].filter(Boolean).join(',');
const server = await startServer({ port, host, dataDir, quiet: process.env.IDESLUSS_QUIET === '1', maxInFlight, maxInFlightPerUser, allowedHosts });
console.log(`Idésluss intranet listening on ${server.url} (data: ${dataDir})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
