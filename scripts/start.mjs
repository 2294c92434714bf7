#!/usr/bin/env node
/**
 * `npm start`: builds what exists of the extension and the widget (a failing or not-yet-written
 * build is a warning, not a stop), then runs the reference intranet on PORT (default 8787) with
 * its data in IDESLUSS_DATA (default ./.data), and prints where everything is.
 *
 * IDESLUSS_SKIP_BUILD=1 skips the builds. The extension is built for IDESLUSS_INTRANET (default
 * http://localhost:<PORT>), its only host permission (DESIGN section 9).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';

const root = resolve(import.meta.dirname, '..');
const port = process.env.PORT ?? '8787';
const dataDir = resolve(root, process.env.IDESLUSS_DATA ?? '.data');
const intranetUrl = process.env.IDESLUSS_INTRANET ?? `http://localhost:${port}`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const builds = [
  { name: 'extension', script: 'build:extension', sources: ['entrypoints', 'wxt.config.ts'], output: '.output/chrome-mv3/manifest.json' },
  { name: 'widget', script: 'build:widget', sources: ['widget/vite.config.ts'], output: 'dist/widget/idesluss-widget.js' },
];

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
  return undefined;
}

const warnings = process.env.IDESLUSS_SKIP_BUILD === '1' ? [] : builds.map(build).filter(Boolean);
for (const w of warnings) console.warn(`\n⚠  ${w}`);

const server = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'intranet/main.ts')], {
  cwd: root,
  env: { ...process.env, PORT: port, IDESLUSS_DATA: dataDir },
  stdio: ['inherit', 'pipe', 'inherit'],
});

const where = (path) => (existsSync(resolve(root, path)) ? resolve(root, path) : `not built (${path})`);
let announced = false;
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const match = !announced && /listening on http:\/\/[^:]+:(\d+)/.exec(String(chunk));
  if (!match) return;
  announced = true;
  const url = `http://localhost:${match[1]}`;
  console.log(`
  Idésluss reference intranet: ${url}
  Sign in:    ${url}/logga-in   anna / demo (employee) · ivan / demo (innovation team)
  Inbox:      ${url}/inkorg     (ivan)
  Ideas API:  ${url}/api/idesluss/v1   (contract: ${url}/api/idesluss/v1/openapi.yaml)
  Data:       ${dataDir}
  Extension:  ${where('.output/chrome-mv3')}   (Chrome/Edge: chrome://extensions → Developer mode → Load unpacked)
  Firefox:    ${where('.output/firefox-mv2')}
  Widget:     ${where('dist/widget/idesluss-widget.js')}
  Stop with Ctrl+C.
`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
