/**
 * `npm start` (scripts/start.mjs) with PORT and HOST: it prints the address the server really
 * listens on (also a random port, also IPv6), and refuses PORT=0 when the extension would be built
 * for it. Runs without builds: IDESLUSS_SKIP_BUILD=1, and no npm on PATH for the refusal case.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/start.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs start.mjs with `env` until it prints its summary (then stops it), exits, or 20 s pass (then
 * it is stopped too, so a failing case leaves no server behind); resolves with its output and exit code.
 */
function start(env: Record<string, string>): Promise<{ output: string; code: number | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'idesluss-start-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [SCRIPT], {
    // PATH without npm: a build cannot start even if a case stopped skipping it.
    env: { HOME: tmpdir(), PATH: '', IDESLUSS_DATA: dataDir, IDESLUSS_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Stop with Ctrl+C')) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
  return new Promise((resolvePromise) => child.once('exit', (code) => {
    clearTimeout(timer);
    resolvePromise({ output, code });
  }));
}

const hasIPv6Loopback = Object.values(networkInterfaces()).flat().some((i) => i?.address === '::1');

describe('npm start', () => {
  it('prints the port the server really listens on when PORT=0 and no build runs', async () => {
    const { output } = await start({ PORT: '0', IDESLUSS_SKIP_BUILD: '1' });
    const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
    expect(listening, output).not.toBeNull();
    expect(output).toContain(`Idésluss reference intranet: http://localhost:${listening![1]}\n`);
  });

  // All of 127.0.0.0/8 is loopback on Linux; macOS and Windows answer on 127.0.0.1 only.
  it.skipIf(process.platform !== 'linux')('prints the HOST the server listens on, not localhost', async () => {
    const { output } = await start({ HOST: '127.0.0.2', PORT: '0', IDESLUSS_SKIP_BUILD: '1' });
    const port = /listening on http:\/\/127\.0\.0\.2:(\d+)/.exec(output)?.[1];
    expect(port, output).toBeDefined();
    expect(output).toContain(`Idésluss reference intranet: http://127.0.0.2:${port}\n`);
  });

  it.skipIf(!hasIPv6Loopback)('prints the summary for an IPv6 HOST, with its address', async () => {
    const { output } = await start({ HOST: '::1', PORT: '0', IDESLUSS_SKIP_BUILD: '1' });
    const port = /listening on http:\/\/\[::1\]:(\d+)/.exec(output)?.[1];
    expect(port, output).toBeDefined();
    expect(output).toContain(`Sign in:    http://[::1]:${port}/logga-in`);
  });

  it('refuses PORT=0 when the extension would be built for it, pointing to npm run intranet', async () => {
    const { output, code } = await start({ PORT: '0' });
    expect(code).toBe(2);
    expect(output).toContain('PORT=0 npm run intranet');
    expect(output).not.toContain('listening on');
  });
});
