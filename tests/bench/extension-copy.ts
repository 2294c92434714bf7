/**
 * The extension as the bench loads it: a temporary *copy* of the built `.output/chrome-mv3` with
 * two bench-only pages added — nothing is written into the shipped output.
 *
 * - `blank.html`: one bare, autofocused `<input id="title">` and no script — the floor the popup's
 *   readiness is compared with (`blank_ready_ms`).
 * - `bench.html` + `bench.js`: ./page/bench-page.ts bundled by esbuild; it shares the extension's
 *   origin, so it can seed and reset the drafts database the popup and the worker use.
 *
 * The manifest's `key` pins the extension id, so the copy has the same id as the real build.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const BUILT_EXTENSION = resolve('.output/chrome-mv3');
export const BUILT_WIDGET = resolve('dist/widget');

const BLANK_HTML = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>blank</title></head>
<body><input id="title" type="text" autofocus></body></html>
`;

const BENCH_HTML = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script></head>
<body><p>Idésluss bench page</p></body></html>
`;

export interface BenchBuild {
  /** The extension copy to load unpacked. */
  extensionDir: string;
  /** A copy of `dist/widget`, served by the bench's intranet (others may rebuild the original meanwhile). */
  widgetDir: string;
  /** The host permission origin pattern(s) of the build. */
  hostPermissions: string[];
  remove(): void;
}

/** Copies the built extension and widget to a temporary folder and adds the bench pages. */
export async function prepareBenchBuild(): Promise<BenchBuild> {
  if (!existsSync(join(BUILT_EXTENSION, 'manifest.json'))) throw new Error(`${BUILT_EXTENSION} is missing: npm run build`);
  if (!existsSync(join(BUILT_WIDGET, 'idesluss-widget.js'))) throw new Error(`${BUILT_WIDGET} is missing: npm run build:widget`);
  const root = mkdtempSync(join(tmpdir(), 'idesluss-bench-build-'));
  const extensionDir = join(root, 'chrome-mv3');
  const widgetDir = join(root, 'widget');
  cpSync(BUILT_EXTENSION, extensionDir, { recursive: true });
  cpSync(BUILT_WIDGET, widgetDir, { recursive: true });
  writeFileSync(join(extensionDir, 'blank.html'), BLANK_HTML);
  writeFileSync(join(extensionDir, 'bench.html'), BENCH_HTML);
  await build({
    entryPoints: [resolve('tests/bench/page/bench-page.ts')],
    outfile: join(extensionDir, 'bench.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome116',
    logLevel: 'warning',
  });
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { host_permissions?: string[] };
  return {
    extensionDir,
    widgetDir,
    hostPermissions: manifest.host_permissions ?? [],
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
