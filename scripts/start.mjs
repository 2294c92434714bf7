#!/usr/bin/env node
/**
 * `npm start`: builds what exists of the extension and the widget (a failing or not-yet-written
 * build is a warning, not a stop), then runs the reference intranet on HOST (default 127.0.0.1) and
 * PORT (default 8787) with its data in IDESLUSS_DATA (default ./.data), and prints where everything
 * is: the address the server reports once it listens (127.0.0.1 shown as localhost).
 *
 * IDESLUSS_SKIP_BUILD=1 skips the builds. The extension is built for IDESLUSS_INTRANET (default
 * http://localhost:<PORT>), its only host permission (DESIGN section 9). The build runs before the
 * server, so `PORT=0` (any free port) is refused when it would be built into the extension's address;
 * `npm run intranet` runs the server alone on a random port.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';

const root = resolve(import.meta.dirname, '..');
const portText = process.env.PORT ?? '8787';
const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
if (Number.isNaN(port) || port > 65535) {
  console.error(`PORT must be a port number, not "${portText}".`);
  process.exit(2);
}
const host = process.env.HOST ?? '127.0.0.1'; // the server's own default (intranet/main.ts)
const skipBuild = process.env.IDESLUSS_SKIP_BUILD === '1';
if (port === 0 && !skipBuild && !process.env.IDESLUSS_INTRANET) {
  console.error([
    'PORT=0 (any free port) cannot be used with npm start: the extension is built for http://localhost:<PORT>',
    'before the server starts, and port 0 is no address. Use a fixed PORT (default 8787), or run the server',
    'alone on a random port with `PORT=0 npm run intranet` (or skip the builds: PORT=0 IDESLUSS_SKIP_BUILD=1 npm start).',
  ].join('\n'));
  process.exit(2);
}
const dataDir = resolve(root, process.env.IDESLUSS_DATA ?? '.data');
const intranetUrl = process.env.IDESLUSS_INTRANET ?? `http://localhost:${port}`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Interfaces a browser on this computer reaches as `localhost`, the name the extension is built for
 * by default: loopback and every-interface binds. Anything else (127.0.0.2, a LAN address) it does not.
 */
const LOCALHOST_BINDS = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);

const builds = [
  { name: 'extension', script: 'build:extension', sources: ['entrypoints', 'wxt.config.ts'], output: '.output/chrome-mv3/manifest.json' },
  { name: 'widget', script: 'build:widget', sources: ['widget/vite.config.ts'], output: 'dist/widget/idesluss-widget.js' },
];

/** Names of the builds that ran and succeeded in this start. */
const built = new Set();

/** Runs one build if its sources exist; returns a warning instead of throwing. */
function build({ name, script, sources, output }) {
  if (!sources.every((s) => existsSync(resolve(root, s)))) {
    return existsSync(resolve(root, output)) ? undefined : `The ${name} is not written yet (no ${sources.join(', ')}); skipping its build.`;
  }
  console.log(`\n> Building the ${name} (npm run ${script})…`);
  const result = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit', env: { ...process.env, IDESLUSS_INTRANET: intranetUrl } });
  if (result.status !== 0) {
    return existsSync(resolve(root, output))
      ? `The ${name} build failed; serving the previous build in ${output}.`
      : `The ${name} build failed; the intranet runs without it.`;
  }
  built.add(name);
  return undefined;
}

const warnings = skipBuild ? [] : builds.map(build).filter(Boolean);
if (built.has('extension') && !process.env.IDESLUSS_INTRANET && !LOCALHOST_BINDS.has(host.toLowerCase())) {
  warnings.push(`The extension is built for ${intranetUrl}, but HOST=${host} is not reached as localhost; `
    + 'set IDESLUSS_INTRANET (https://…) to the address the extension should use.');
}
for (const w of warnings) console.warn(`\n⚠  ${w}`);

const server = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'intranet/main.ts')], {
  cwd: root,
  env: { ...process.env, PORT: String(port), IDESLUSS_DATA: dataDir },
  stdio: ['inherit', 'pipe', 'inherit'],
});

/**
 * Where to open the intranet: the URL the server says it listens on (`http://127.0.0.2:8791`,
 * `http://[::1]:8791`), with the default loopback and every-interface addresses shown as localhost,
 * the host name the extension is built for (cookies are per host name).
 */
function browserUrl(listening) {
  const url = new URL(listening);
  if (['127.0.0.1', '0.0.0.0', '[::]'].includes(url.hostname)) url.hostname = 'localhost';
  return url.origin;
}

const where = (path) => (existsSync(resolve(root, path)) ? resolve(root, path) : `not built (${path})`);
let announced = false;
let output = ''; // until the announcement: the line may arrive split over chunks
server.stdout.setEncoding('utf8');
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (announced) return;
  output = (output + chunk).slice(-4096);
  const match = /listening on (http:\/\/\S+)\s/.exec(output); // whole: a chunk may end mid-address
  if (!match) return;
  announced = true;
  const url = browserUrl(match[1]);
  const builtFor = built.has('extension') && intranetUrl !== url ? `   (built for ${intranetUrl})` : '';
  console.log(`
  Idésluss reference intranet: ${url}
  Sign in:    ${url}/logga-in   anna / demo (employee) · ivan / demo (innovation team)
  Inbox:      ${url}/inkorg     (ivan)
  Ideas API:  ${url}/api/idesluss/v1   (contract: ${url}/api/idesluss/v1/openapi.yaml)
  Data:       ${dataDir}
  Extension:  ${where('.output/chrome-mv3')}${builtFor}   (Chrome/Edge: chrome://extensions → Developer mode → Load unpacked)
  Firefox:    ${where('.output/firefox-mv2')}
  Widget:     ${where('dist/widget/idesluss-widget.js')}
  Stop with Ctrl+C.
`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
