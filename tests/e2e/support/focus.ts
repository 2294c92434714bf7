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

/** A page whose keyboard also types text where the focus is. */
export interface TypingPage extends KeyboardPage {
  keyboard: KeyboardPage['keyboard'] & { type(text: string): Promise<unknown> };
}

/** The description `submitInlineByKeyboard` writes. */
export const KEYBOARD_DESCRIPTION = 'Skriven utan mus.';

/**
 * Fills and submits the inline form by keyboard alone, as the Chromium, Firefox and WebKit tests do: the title, the
 * kind one step down (Utmaning), `KEYBOARD_DESCRIPTION`, past the preset challenge, "without my name" ticked, Enter on
 * the submit button. `space` is the space bar as the driver names it (Playwright `Space`; Puppeteer and WebDriver ` `).
 */
export async function submitInlineByKeyboard(page: TypingPage, title: string, space: string): Promise<void> {
  await tabTo(page, 'input#title[input]');
  await page.keyboard.type(title);
  await page.keyboard.press('Tab'); // kind
  await page.keyboard.press('ArrowDown'); // → Utmaning
  await page.keyboard.press('Tab'); // description
  await page.keyboard.type(KEYBOARD_DESCRIPTION);
  await page.keyboard.press('Tab'); // challenge (preset)
  await page.keyboard.press('Tab'); // anonymous
  await page.keyboard.press(space);
  await page.keyboard.press('Tab');
  const at = await focusedId(page);
  if (at !== 'button#[submit]') throw new Error(`Tab after "without my name" reached ${at}, not the submit button`);
  await page.keyboard.press('Enter');
}

/**
 * Opens the launcher, writes `title` and submits it by keyboard alone, as the Firefox and WebKit tests do: Tab to the
 * launcher's button, Enter, the dialog puts the focus in the title, Tab on to the submit button, Enter.
 */
export async function submitInLauncherByKeyboard(page: TypingPage, title: string): Promise<void> {
  await tabTo(page, 'button#[launcher]');
  await page.keyboard.press('Enter');
  for (let waited = 0; (await focusedId(page)) !== 'input#title[input]'; waited += 100) {
    if (waited >= 10_000) throw new Error(`the opened dialog left the focus at ${await focusedId(page)}, not in the title`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.keyboard.type(title);
  await tabTo(page, 'button#[submit]', 10);
  await page.keyboard.press('Enter');
}

