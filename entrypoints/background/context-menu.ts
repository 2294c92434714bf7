/**
 * "Skapa idé av markerad text": on a selection, creates a draft holding the quote and the page, then
 * opens the form on it. The click grants `activeTab`, so no host permission for the page is needed.
 */
import { pageContextFrom } from '../../shared/config/page-context';
import { emptyContent, type Lang } from '../../shared/domain/idea';
import type { DraftStore } from '../../shared/storage';
import { actionApi, ext } from '../lib/ext';
import { setDraftToOpen } from '../lib/open-draft';

export const MENU_ID = 'idesluss-create-from-selection';

/** What we read from the menu click and its tab. */
export interface SelectionClick {
  selectionText?: string;
  pageUrl?: string;
  tabId?: number;
  tabTitle?: string;
}

/**
 * (Re)creates the menu entry with `title`, in the language of the settings (`messages.toolbar.menu`);
 * call again when the settings change. `_locales` cannot follow the setting, only the browser's language.
 */
export async function createContextMenu(title: string): Promise<void> {
  await ext.contextMenus.removeAll();
  ext.contextMenus.create({ id: MENU_ID, title, contexts: ['selection'] });
}

/** What `contextMenus.onClicked` passes that we read. */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  pageUrl?: string;
}

/** Our entry's click as a SelectionClick; undefined for another entry. */
export function selectionClickFrom(info: MenuClick, tab: { id?: number; title?: string } | undefined): SelectionClick | undefined {
  if (info.menuItemId !== MENU_ID) return undefined;
  return { selectionText: info.selectionText, pageUrl: info.pageUrl, tabId: tab?.id, tabTitle: tab?.title };
}

/** Creates the draft from a selection and returns its id. */
export async function createDraftFromSelection(store: DraftStore, click: SelectionClick, lang: Lang, now: number): Promise<string> {
  const source = pageContextFrom({ url: click.pageUrl, title: click.tabTitle, quote: click.selectionText });
  const content = { ...emptyContent(lang), ...(source ? { source } : {}) };
  const draft = await store.create(content, now);
  await setDraftToOpen(store, draft.id);
  return draft.id;
}

/**
 * Opens the form: the real popup where `action.openPopup` works (Chrome 127+), else the popup page in a
 * tab, told which page the idea is about. Firefox allows `openPopup` only within the click's user action,
 * which ends at the handler's first wait, so there it is a tab (docs/adr/038-context-menu-popup.md).
 */
export async function openForm(tabId: number | undefined): Promise<'popup' | 'tab'> {
  try {
    await actionApi().openPopup();
    return 'popup';
  } catch {
    const query = tabId === undefined ? '' : `?tab=${tabId}`;
    await ext.tabs.create({ url: `${ext.runtime.getURL('/popup.html')}${query}` });
    return 'tab';
  }
}
