/**
 * Where the keyboard's focus is, for the keyboard-only tests in Chromium (Playwright) and Firefox (Puppeteer): both
 * pages fit the small shape below.
 */

/** What the helpers need of a page: run a function in it, and press a key. */
export interface KeyboardPage {
  evaluate(fn: () => string): Promise<string>;
  keyboard: { press(key: string): Promise<unknown> };
}

/** The focused element, inside shadow roots too, as `tag#id[part]`. */
export function focusedId(page: KeyboardPage): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.tagName.toLowerCase()}#${el?.id ?? ''}${el?.getAttribute('part') ? `[${el.getAttribute('part')}]` : ''}`;
  });
}

/** Presses Tab until `target` (as `focusedId` names it) has focus, at most `max` times; fails otherwise. */
export async function tabTo(page: KeyboardPage, target: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached ${target} by Tab; at ${await focusedId(page)}`);
}
