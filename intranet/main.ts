/**
 * `npm run intranet`: the reference intranet on PORT (default 8787, 0 = any free port) with its data
 * in IDESLUSS_DATA (default ./.data). HOST (default 127.0.0.1) sets the interface, IDESLUSS_MAX_INFLIGHT
 * the number of API requests served at once (default 256). Stops cleanly on
 * SIGINT/SIGTERM. Prints `Idésluss intranet listening on <url>` once it listens.
 */
import { resolve } from 'node:path';
import { startServer } from './server';

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(2);
}
const dataDir = resolve(process.env.IDESLUSS_DATA ?? './.data');
const host = process.env.HOST ?? '127.0.0.1';

const maxInFlight = process.env.IDESLUSS_MAX_INFLIGHT ? Number(process.env.IDESLUSS_MAX_INFLIGHT) : undefined;
const server = await startServer({ port, host, dataDir, quiet: process.env.IDESLUSS_QUIET === '1', maxInFlight });
console.log(`Idésluss intranet listening on ${server.url} (data: ${dataDir})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
