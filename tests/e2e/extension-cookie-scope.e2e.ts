/**
 * Which extensions get the intranet's session, in Chromium. The API allows any extension origin by default
 * (docs/adr/005-intranet-cors.md): what keeps another extension the user installed out of their ideas is that the
 * browser does not send it the SameSite=Lax session cookie unless it holds a host permission for the intranet, as
 * Idésluss does. Firefox's side is in tests/e2e/firefox-extension.e2e.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, signIn, type ExtensionBrowser } from './support/extension';
import { startIntranet, type TestIntranet } from './support/extension-intranet';

let intranet: TestIntranet;
let browser: ExtensionBrowser;
let probeDir: string;

/** Another extension, with no permission at all: a manifest and an empty service worker to run `fetch` in. */
function writeProbeExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idesluss-probe-'));
  const manifest = { manifest_version: 3, name: 'Probe', version: '1.0', background: { service_worker: 'probe.js' } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'probe.js'), '');
  return dir;
}

beforeAll(async () => {
  intranet = await startIntranet();
  probeDir = writeProbeExtension();
  browser = await launchExtension({ alsoLoad: [probeDir] });
  await signIn(browser.context, intranet.url);
});
afterAll(async () => {
  await browser?.close();
  await intranet?.close();
  if (probeDir) rmSync(probeDir, { recursive: true, force: true });
});

/** What `GET /me` answers a credentialed fetch from `worker`'s extension. */
async function meStatus(worker: Worker): Promise<number> {
  return worker.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'include', headers: { 'X-Idesluss-Client': 'probe/1' } });
    return response.status;
  }, `${intranet.url}/api/idesluss/v1/me`);
}

it('sends the session cookie to Idésluss, which has the host permission, and not to another extension', async () => {
  const isProbe = (w: Worker) => w.url().endsWith('/probe.js');
  const probe = browser.context.serviceWorkers().find(isProbe) ?? (await browser.context.waitForEvent('serviceworker', { predicate: isProbe }));
  expect(await meStatus(await browser.worker())).toBe(200);
  expect(await meStatus(probe)).toBe(401);
});
