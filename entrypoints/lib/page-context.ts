/**
 * Reads the page the user was on: address, title and selected text. Uses `scripting.executeScript`
 * on the target tab once, when the popup opens — allowed by `activeTab` (the user clicked the button,
 * the shortcut or the menu) or by the intranet's host permission; no persistent content script.
 */
import { pageContextFrom } from '../../shared/config/page-context';
import type { IdeaSource } from '../../shared/domain/idea';
import { ext } from './ext';

/** Runs in the page: only reads, returns plain strings. */
function readFromPage(): { url: string; title: string; quote: string } {
  return { url: location.href, title: document.title, quote: String(globalThis.getSelection?.() ?? '') };
}

/**
 * The tab the popup is about: `?tab=<id>` when given (the context menu's fallback tab, and the e2e
 * tests, which open popup.html in a tab of their own), else the active tab of the current window.
 */
export async function targetTabId(search: string): Promise<number | undefined> {
  const param = new URLSearchParams(search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/**
 * The page context of `tabId`, cleaned and cut to the limits; undefined for pages we may not read
 * (browser pages, the extension itself, the web store). Falls back to the tab's address and title.
 */
export async function readPageContext(tabId: number | undefined): Promise<IdeaSource | undefined> {
  if (tabId === undefined) return undefined;
  try {
    const [result] = await ext.scripting.executeScript({ target: { tabId }, func: readFromPage });
    return pageContextFrom(result?.result as { url: string; title: string; quote: string } | undefined);
  } catch {
    try {
      const tab = await ext.tabs.get(tabId);
      return pageContextFrom({ url: tab.url, title: tab.title });
    } catch {
      return undefined;
    }
  }
}
