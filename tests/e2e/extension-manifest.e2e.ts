/**
 * The built manifests against DESIGN section 9: exactly the allowed permissions, the intranet as the
 * only host permission, no content scripts, names from _locales in sv and en, a managed-storage
 * schema, a pinned id, icons — and `web-ext lint` clean on the Firefox build, whose sources zip holds no key.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchChromium } from './support/chromium';

const ALLOWED = ['activeTab', 'alarms', 'contextMenus', 'scripting', 'storage', 'unlimitedStorage'];
const FIREFOX_DIR = ['.output/firefox-mv2', '.output/firefox-mv3'].find((d) => existsSync(d)) ?? '.output/firefox-mv2';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const chrome = readJson(join(EXTENSION_DIR, 'manifest.json'));
const firefox = readJson(join(FIREFOX_DIR, 'manifest.json'));

/** Chrome's id from a manifest key: the first 128 bits of SHA-256 of the key, hex mapped to a–p. */
function idFromKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

describe('Chrome MV3 manifest', () => {
  it('asks for exactly the permissions of DESIGN section 9 and nothing optional', () => {
    expect([...chrome.permissions].sort()).toEqual(ALLOWED);
    expect(chrome.optional_permissions).toBeUndefined();
  });

  it('names the intranet origin as its only host permission, and injects nothing into pages', () => {
    // `npm run build` and the tests build against the reference intranet on 127.0.0.1 (any port).
    expect(chrome.host_permissions).toEqual(['http://127.0.0.1/*']);
    expect(JSON.stringify(chrome)).not.toMatch(/<all_urls>|\*:\/\/\*\//);
    expect(chrome.content_scripts).toBeUndefined();
    expect(chrome.externally_connectable).toBeUndefined();
    expect(chrome.web_accessible_resources).toBeUndefined();
  });

  it('takes name and description from _locales in Swedish (default) and English', () => {
    expect(chrome.name).toBe('__MSG_extName__');
    expect(chrome.description).toBe('__MSG_extDescription__');
    expect(chrome.default_locale).toBe('sv');
    for (const lang of ['sv', 'en']) {
      const messages = readJson(join(EXTENSION_DIR, '_locales', lang, 'messages.json'));
      for (const key of ['extName', 'extDescription', 'actionTitle', 'commandOpen']) expect(messages[key]?.message, `${lang}.${key}`).toBeTruthy();
    }
    // The toolbar button's tooltip, not the popup's <title> (WXT's default); the worker then keeps it
    // in the language of the settings, with the count of waiting ideas.
    expect(chrome.action.default_title).toBe('__MSG_actionTitle__');
    expect(readJson(join(EXTENSION_DIR, '_locales/sv/messages.json')).actionTitle.message).toBe('Skriv en idé (Idésluss)');
  });

  it('has its own icon at the sizes Chrome shows (toolbar, extensions page, install), as PNGs of those sizes', () => {
    // Without `icons` Chrome draws a grey letter in the toolbar. WXT lists public/icon/<size>.png.
    for (const dir of [EXTENSION_DIR, FIREFOX_DIR]) {
      const icons = readJson(join(dir, 'manifest.json')).icons as Record<string, string>;
      expect(Object.keys(icons).sort((a, b) => Number(a) - Number(b)), dir).toEqual(['16', '32', '48', '128']);
      for (const [size, file] of Object.entries(icons)) {
        const png = readFileSync(join(dir, file));
        // A PNG's signature, then the IHDR chunk: width and height as 32-bit big-endian at bytes 16 and 20.
        expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([Number(size), Number(size)]);
      }
    }
  });

  it('has a keyboard shortcut for the form, a managed schema and a pinned id', async () => {
    expect(chrome.commands._execute_action.suggested_key.default).toBe('Ctrl+Shift+Y');
    const schema = readJson(join(EXTENSION_DIR, chrome.storage.managed_schema));
    expect(Object.keys(schema.properties).sort()).toEqual(['intranetUrl', 'language']);
    const browser = await launchChromium({ extension: true });
    try {
      expect(browser.extensionId).toBe(idFromKey(chrome.key));
    } finally {
      await browser.close();
    }
  });
});

describe('Firefox build', () => {
  it('has the same permissions, a gecko id and no Chrome-only key', () => {
    const hosts = firefox.host_permissions ?? firefox.permissions.filter((p: string) => p.includes('://'));
    const apis = firefox.permissions.filter((p: string) => !p.includes('://'));
    expect(apis.sort()).toEqual(ALLOWED);
    expect(hosts).toEqual(['http://127.0.0.1/*']);
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(firefox.key).toBeUndefined();
  });

  it('passes web-ext lint: no errors, and no warning but the one inside Preact itself', async () => {
    const { stdout } = await promisify(execFile)('npx', ['web-ext', 'lint', '--source-dir', FIREFOX_DIR, '--output', 'json', '--no-input'], { maxBuffer: 16 * 1024 * 1024 }).catch((e) => e);
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([]);
    // Preact's renderer assigns innerHTML only for `dangerouslySetInnerHTML`, which our lint rules
    // forbid in our code; any other warning (or that one in a file of ours) fails the test.
    const unexplained = report.warnings.filter(
      (w: { code: string; file: string }) =>
        !(w.code === 'UNSAFE_VAR_ASSIGNMENT' && readFileSync(join(FIREFOX_DIR, w.file), 'utf8').includes('dangerouslySetInnerHTML')),
    );
    expect(unexplained).toEqual([]);
  });

  it('makes a sources zip for addons.mozilla.org without a signing key kept in the working tree, or the builds', async () => {
    // README step 2 packs with `--pack-extension-key=…pem`: a key left in the repository must not be uploaded.
    const probe = 'idesluss-e2e-probe.pem';
    writeFileSync(probe, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
    try {
      await promisify(execFile)('npx', ['wxt', 'zip', '-b', 'firefox'], { maxBuffer: 16 * 1024 * 1024 });
    } finally {
      rmSync(probe, { force: true });
    }
    const zip = readdirSync('.output').find((f) => f.endsWith('-sources.zip'));
    // A zip stores its entries' names uncompressed (local headers and the central directory).
    const names = readFileSync(join('.output', zip!)).toString('latin1');
    expect(names).toContain('shared/domain/idea.ts'); // the sources are there…
    expect(names).not.toContain(probe); // …and the key is not,
    expect(names).not.toContain('dist/widget/'); // nor the widget build
  });
});
