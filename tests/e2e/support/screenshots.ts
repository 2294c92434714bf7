/**
 * The README's screenshots, made by the e2e run. The UI shows clock times ("Sparat 09:41", "Nästa
 * försök om 2 min"), so every run renders those few pixels differently; rewriting the PNG each time
 * would leave the working tree modified after every `npm test`. So the elements showing a time (or
 * the test server's random port) are left out of the comparison, and a screenshot is written only
 * when there is none yet, its size changed, or more than a few other pixels did (anti-aliasing at
 * the edge of a dialog or a border varies by a pixel between runs; a changed word is hundreds).
 * Set IDESLUSS_SCREENSHOTS=all to write every one regardless.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** Pixels outside the ignored elements that may differ between two runs showing the same UI. */
const TOLERATED_PIXELS = 100;

/** A rectangle in the screenshot's pixels. */
type Box = { x: number; y: number; width: number; height: number };

/** Counts the pixels that differ outside `ignore`, in a scratch tab of `context`; -1 when the sizes differ. */
async function differingPixels(context: BrowserContext, a: Buffer, b: Buffer, ignore: Box[]): Promise<number> {
  const scratch = await context.newPage();
  try {
    return await scratch.evaluate(async ([first, second, boxes]) => {
      const decode = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = await Promise.all([decode(first), decode(second)]);
      if (x.width !== y.width || x.height !== y.height) return -1;
      const ignored = (px: number, py: number) => boxes.some((r) => px >= r.x && px < r.x + r.width && py >= r.y && py < r.y + r.height);
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (x.data[i] === y.data[i] && x.data[i + 1] === y.data[i + 1] && x.data[i + 2] === y.data[i + 2] && x.data[i + 3] === y.data[i + 3]) continue;
        const pixel = i / 4;
        if (!ignored(pixel % x.width, Math.floor(pixel / x.width))) differing++;
      }
      return differing;
    }, [a.toString('base64'), b.toString('base64'), ignore] as const);
  } finally {
    await scratch.close();
  }
}

/** The boxes of every element `ignore` matches, relative to `origin` (the screenshot's top left), 2 px wider each way. */
async function boxesOf(ignore: Locator[], origin: { x: number; y: number }): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const locator of ignore) {
    for (const element of await locator.all()) {
      const box = await element.boundingBox();
      if (box) boxes.push({ x: box.x - origin.x - 2, y: box.y - origin.y - 2, width: box.width + 4, height: box.height + 4 });
    }
  }
  return boxes;
}

/**
 * Takes a screenshot of `target` (a page, full length unless `fullPage` is false, or one element) and writes it to `path`
 * unless the file there shows the same UI: equal outside the elements `ignore` matches (those
 * showing a time). Returns whether it wrote.
 */
export async function saveScreenshot(target: Page | Locator, path: string, ignore: Locator[] = [], fullPage = true): Promise<boolean> {
  const isPage = 'goto' in target;
  const page = isPage ? target : target.page();
  const shot = isPage ? await target.screenshot({ fullPage, animations: 'disabled' }) : await target.screenshot({ animations: 'disabled' });
  if (existsSync(path) && process.env.IDESLUSS_SCREENSHOTS !== 'all') {
    const old = readFileSync(path);
    if (old.equals(shot)) return false;
    const origin = isPage ? { x: 0, y: 0 } : ((await target.boundingBox()) ?? { x: 0, y: 0 });
    const differing = await differingPixels(page.context(), old, shot, await boxesOf(ignore, origin));
    if (differing >= 0 && differing <= TOLERATED_PIXELS) return false;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, shot);
  return true;
}
