/**
 * Reads the page the user was on: address, title and selected text. Uses `scripting.executeScript`
 * on the target tab once, when the popup opens — allowed by `activeTab` (the user clicked the button,
 * the shortcut or the menu) or by the intranet's host permission; no persistent content script.
 */
import { pageContextFrom } from '../../shared/config/page-context';
import type { IdeaSource } from '../../shared/domain/idea';
import { ext } from './ext';

/** What the main frame says: plain strings, and whether the focus is in one of its frames. */
interface MainFrameRead {
  url: string;
  title: string;
  quote: string;
  focusInFrame: boolean;
}

/**
 * Runs in the page: only reads. Self-contained: `executeScript` sends the function's source, not its closure.
 * The page's strings are cut at a million characters (ten times PAGE_TEXT_READ_MAX, which the popup reads of them:
 * shared/config/page-context.ts), so a page that selects all of a huge document does not send it all to the popup.
 */
function readFromPage(): MainFrameRead {
  const focusInFrame = ['IFRAME', 'FRAME'].includes(document.activeElement?.tagName ?? '');
  return { url: location.href, title: document.title.slice(0, 1e6), quote: String(globalThis.getSelection?.() ?? '').slice(0, 1e6), focusInFrame };
}

/**
 * Runs in every frame of the page: the frame's selected text, and whether the frame holds the focus (it is its
 * parent's active element, and none of its own frames is). Each document keeps its own selection, so an older one in
 * another frame, or in the page, must not win over the one the person just made here. A frame of another origin than
 * its parent cannot tell (`frameElement` is null there).
 */
function readSelection(): { text: string; focused: boolean } {
  let focused = false;
  try {
    focused = window.frameElement !== null && window.parent.document.activeElement === window.frameElement;
  } catch {
    // another origin's parent: unknown
  }
  const deeper = ['IFRAME', 'FRAME'].includes(document.activeElement?.tagName ?? '');
  return { text: String(globalThis.getSelection?.() ?? '').slice(0, 1e6), focused: focused && !deeper }; // cut as in readFromPage
}

/** The frames' selections that matter: the focused frame's and the first one's (other than the main frame's). */
interface FrameSelections {
  focused?: string;
  first?: string;
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

/** The non-empty selections in the frames of the page other than the main one; none when the call is refused. */
function selectionInFrames(tabId: number): Promise<FrameSelections> {
  return ext.scripting.executeScript({ target: { tabId, allFrames: true }, func: readSelection }).then(
    (results) => {
      const selections = results.flatMap((r) => {
        const read = r.result as { text?: unknown; focused?: unknown } | undefined;
        return r.frameId !== 0 && typeof read?.text === 'string' && read.text.trim() !== '' ? [{ text: read.text, focused: read.focused === true }] : [];
      });
      return { focused: selections.find((s) => s.focused)?.text, first: selections[0]?.text };
    },
    () => ({}),
  );
}

/** `frames`' answer if it comes within FRAMES_WAIT_MS from now; none otherwise. */
async function withinFramesWait(frames: Promise<FrameSelections>): Promise<FrameSelections> {
  let timer = 0;
  const late = new Promise<FrameSelections>((resolve) => (timer = self.setTimeout(() => resolve({}), FRAMES_WAIT_MS)));
  try {
    return await Promise.race([frames, late]);
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
 * The selection is the focused frame's, else the main frame's, else the first frame's that has one
 * (the address and title stay the page's; docs/adr/025).
 */
export async function readPageContext(tabId: number | undefined): Promise<IdeaSource | undefined> {
  if (tabId === undefined) return undefined;
  // Asked beside the main frame, so a page with frames costs no second round trip.
  const inFrames = selectionInFrames(tabId);
  try {
    const [result] = await ext.scripting.executeScript({ target: { tabId }, func: readFromPage });
    const page = result?.result as MainFrameRead | undefined;
    // Text selected in an embedded document (an intranet page in an iframe): the focused frame's, which is the one
    // the person selected in last; else the page's own; else the first frame's.
    if (page && (page.focusInFrame || page.quote.trim() === '')) {
      const frames = await withinFramesWait(inFrames);
      page.quote = (page.focusInFrame ? frames.focused : undefined) ?? (page.quote.trim() === '' ? frames.first ?? '' : page.quote);
    }
    return pageContextFrom(page && { url: page.url, title: page.title, quote: page.quote });
  } catch {
    try {
      const tab = await ext.tabs.get(tabId);
      return pageContextFrom({ url: tab.url, title: tab.title });
    } catch {
      return undefined;
    }
  }
}
