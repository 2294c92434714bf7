#!/usr/bin/env node
/**
 * Renders the extension's icons, `public/icon/{16,32,48,128}.png`, from `assets/icon.svg` in
 * Chromium (the one the tests use). WXT finds them by name and lists them in the manifest; Chrome
 * shows the 16/32 px ones in the toolbar, 48 px on chrome://extensions and 128 px at install.
 * Run after changing the SVG and commit the PNGs: a build needs no browser.
 *
 *   node scripts/make-icons.mjs        CHROMIUM_PATH picks another Chromium
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 128];
const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new'] });
try {
  mkdirSync('public/icon', { recursive: true });
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    // The SVG drawn at the icon's own size, so Chromium's rasteriser (not a downscale) smooths its edges.
    await page.setContent(`<style>html,body{margin:0;background:transparent}img{display:block}</style>
<img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
    await page.close();
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
