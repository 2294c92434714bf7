/// <reference types="chrome" />
/**
 * "Never lose a keystroke": the popup is closed 10 ms after the last keystroke, twenty times with
 * different text, and every character is there when it opens again (DESIGN section 5).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, openPopup, type ExtensionBrowser } from './support/extension';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => browser?.close());

it('keeps every character when the popup closes 10 ms after the last keystroke, 20 times', async () => {
  let expected: { title: string; description: string } | undefined;
  for (let round = 0; round < 20; round++) {
    const popup = await openPopup(browser);
    if (expected) {
      expect(await popup.inputValue('#title'), `title after round ${round - 1}`).toBe(expected.title);
      expect(await popup.inputValue('#description'), `description after round ${round - 1}`).toBe(expected.description);
    }
    const next = {
      title: `Runda ${round}: åäö ${'xyz'.slice(round % 3)} ${Math.random().toString(36).slice(2, 8)}`,
      description: `Beskrivning ${round}\nrad två – ${'🙂'.repeat(round % 4)} ${Math.random().toString(36).slice(2)}`,
    };
    await popup.fill('#description', '');
    await popup.locator('#description').pressSequentially(next.description);
    await popup.focus('#title');
    await popup.keyboard.press('ControlOrMeta+A');
    await popup.keyboard.press('Backspace');
    await popup.keyboard.type(next.title);
    await popup.waitForTimeout(10);
    await popup.close();
    expected = next;
  }
  const last = await openPopup(browser);
  expect(await last.inputValue('#title')).toBe(expected!.title);
  expect(await last.inputValue('#description')).toBe(expected!.description);
  // One draft, not twenty: every round edited the same one.
  expect(await last.locator('li[data-state=draft]').count()).toBe(1);
});
