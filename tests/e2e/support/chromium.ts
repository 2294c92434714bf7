/**
 * Launching Debian's Chromium for the e2e tests (../../../../shared/TOOLCHAIN.md): headless, as root
 * without the sandbox, and without background networking (the machine has no network beyond loopback).
 *
 * Pages without the extension (the widget, the intranet's pages) run in Chromium's headless shell when it is installed
 * (Debian's `chromium-headless-shell`, the same version and engine; Playwright's own default for headless runs): it
 * leaves out the browser's window layer, and the page files take about a third less processor time in it
 * (docs/adr/023-e2e-time.md). The extension needs the full browser, which the shell is not.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's package. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH.');
  return found;
}

/**
 * The binary for pages without the extension: `CHROMIUM_HEADLESS_SHELL_PATH`, else Debian's headless shell, else
 * `chromiumPath()` (a machine without the shell runs every file in the full browser, only slower).
 */
export function pageChromiumPath(): string {
  const candidates = [process.env.CHROMIUM_HEADLESS_SHELL_PATH, '/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell'];
  return candidates.find((p) => p && existsSync(p)) ?? chromiumPath();
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The built Chrome MV3 extension. */
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

export interface LaunchOptions {
  /** Load the built extension unpacked. */
  extension?: boolean;
  /** Load it from here instead of `.output/chrome-mv3` (a copy under another id: tests/e2e/extension-options.e2e.ts). */
  extensionDir?: string;
  /** Further unpacked extensions to load beside it (another add-on the user has: tests/e2e/extension-cookie-scope.e2e.ts). */
  alsoLoad?: readonly string[];
  /** Reuse a profile directory (crash tests relaunch on the same profile). */
  userDataDir?: string;
  locale?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDir: string;
  /** The extension's id (when loaded), read from its service worker's URL. */
  extensionId?: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/** Starts a persistent Chromium context; with `extension`, waits for its service worker. */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'idesluss-e2e-'));
  const args = [...CHROMIUM_ARGS, `--lang=${options.locale ?? 'sv-SE'}`];
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const loaded = [extensionDir, ...(options.alsoLoad ?? [])].join(',');
  if (options.extension) args.push(`--disable-extensions-except=${loaded}`, `--load-extension=${loaded}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.extension ? chromiumPath() : pageChromiumPath(),
    headless: true,
    args,
    locale: options.locale ?? 'sv-SE',
    viewport: { width: 1100, height: 800 },
  });
  let extensionId: string | undefined;
  if (options.extension) {
    // Idésluss's worker is background.js; another loaded extension's worker is not it.
    const ours = (w: { url(): string }) => new URL(w.url()).pathname === '/background.js';
    const worker = context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 30_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    userDataDir,
    extensionId,
    async close({ keepProfile = false } = {}) {
      await context.close().catch(() => undefined);
      if (!keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
