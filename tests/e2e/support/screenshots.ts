/**
 * The README's screenshots, made by the e2e run. The UI shows clock times ("Sparat 09:41", "Nästa
 * försök om 2 min"), so every run renders a few pixels differently; rewriting the PNG each time
 * would leave the working tree modified after every `npm test`. A screenshot is written only when
 * there is none yet, or when more than 1 % of its pixels (or its size) changed: a change of the UI.
 * Set IDESLUSS_SCREENSHOTS=all to write every one regardless.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** Share of pixels that may differ before the committed screenshot counts as out of date. */
const TOLERATED_SHARE = 0.01;

/** Compares two PNGs in a scratch tab of `context`; resolves with the share of differing pixels (1: other size). */
async function differingShare(context: BrowserContext, a: Buffer, b: Buffer): Promise<number> {
  const scratch = await context.newPage();
  try {
    return await scratch.evaluate(async ([first, second]) => {
      const decode = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = await Promise.all([decode(first), decode(second)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2] || x.data[i + 3] !== y.data[i + 3]) differing++;
      }
      return differing / (x.width * x.height);
    }, [a.toString('base64'), b.toString('base64')] as const);
  } finally {
    await scratch.close();
  }
}

/** Writes `shot` to `path` unless the file there shows the same UI (see above). Returns whether it wrote. */
export async function saveScreenshot(context: BrowserContext, shot: Buffer, path: string): Promise<boolean> {
  if (existsSync(path) && process.env.IDESLUSS_SCREENSHOTS !== 'all') {
    const old = readFileSync(path);
    if (old.equals(shot) || (await differingShare(context, old, shot)) <= TOLERATED_SHARE) return false;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, shot);
  return true;
}
