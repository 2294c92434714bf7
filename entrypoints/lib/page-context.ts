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

/** Runs in every frame of the page: the frame's selected text, a plain string. */
function readSelection(): string {
  return String(globalThis.getSelection?.() ?? '');
}

/**
 * How long the popup waits for the page's frames once the main frame has answered. Browser
 * constraints: Chromium refuses the whole `allFrames` call when one frame is on an origin the
 * extension may not read (an embedded video), and the call can stay unanswered on a frame that never
 * runs scripts; the popup must not wait on it. Counted from the main frame's answer, not from the
 * start: on a busy computer both calls are slow alike, and a wait from the start ran out before
 * frames that answer at once had answered (an e2e run beside another lane).
 */
const FRAMES_WAIT_MS = 300;

/** The first non-empty selection in a frame of the page other than the main one; undefined when there is none. */
function selectionInFrames(tabId: number): Promise<string | undefined> {
  return ext.scripting.executeScript({ target: { tabId, allFrames: true }, func: readSelection }).then(
    (results) => results.find((r) => r.frameId !== 0 && typeof r.result === 'string' && r.result.trim() !== '')?.result as string | undefined,
    () => undefined,
  );
}

/** `frames`' answer if it comes within FRAMES_WAIT_MS from now; '' otherwise. */
async function withinFramesWait(frames: Promise<string | undefined>): Promise<string> {
  let timer = 0;
  const late = new Promise<undefined>((resolve) => (timer = self.setTimeout(resolve, FRAMES_WAIT_MS)));
  try {
    return (await Promise.race([frames, late])) ?? '';
  } finally {
    self.clearTimeout(timer);
  }
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
 * The selection is the main frame's, else the first frame's that has one (the address and title
 * stay the page's).
 */
export async function readPageContext(tabId: number | undefined): Promise<IdeaSource | undefined> {
  if (tabId === undefined) return undefined;
  // Asked beside the main frame, so a page with frames costs no second round trip.
  const inFrames = selectionInFrames(tabId);
  try {
    const [result] = await ext.scripting.executeScript({ target: { tabId }, func: readFromPage });
    const page = result?.result as { url: string; title: string; quote: string } | undefined;
    // Text selected in an embedded document (an intranet page in an iframe) when the page itself has none.
    if (page && page.quote.trim() === '') page.quote = await withinFramesWait(inFrames);
    return pageContextFrom(page);
  } catch {
    try {
      const tab = await ext.tabs.get(tabId);
      return pageContextFrom({ url: tab.url, title: tab.title });
    } catch {
      return undefined;
    }
  }
}
