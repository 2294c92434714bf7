import { defineBackground } from 'wxt/utils/define-background';
import { effectiveLang } from '../../shared/config/settings';
import { messagesFor } from '../../shared/i18n';
import { ext } from '../lib/ext';
import { loadSettings, onSettingsChanged } from '../lib/settings-store';
import { ensureSyncAlarm, onSyncAlarm } from './alarms';
import { createContextMenu, createDraftFromSelection, openForm, selectionClickFrom, type MenuClick, type SelectionClick } from './context-menu';
import { listenForMessages } from './messages';
import { SyncService } from './sync-service';

/**
 * The extension's service worker: composition root; features live in the files beside it.
 *
 * MV3 constraint: every listener is registered synchronously in `main` (a worker woken by an event
 * must find its listener on the first turn), and nothing runs at module top level.
 */
export default defineBackground({
  type: 'module',
  main() {
    const sync = new SyncService();
    const report = (error: unknown) => console.error('[idesluss]', error);
    // In the language of the settings: made at start and again when they change, one after another
    // (two at once would each remove all, then both create the same id).
    let menu: Promise<void> = Promise.resolve();
    const rebuildMenu = () =>
      (menu = menu
        .catch(() => undefined)
        .then(() => loadSettings())
        .then(({ settings }) => createContextMenu(messagesFor(effectiveLang(settings.language, navigator.language)).toolbar.menu)));

    const fromSelection = async (click: SelectionClick) => {
      // `fast`: the language is all the draft needs, and right after a browser start the full read waits seconds
      // for the policy (storage.managed), during which the click would seem to do nothing.
      const [{ settings }, { store }] = await Promise.all([loadSettings({ fast: true }), sync.storage()]);
      const id = await createDraftFromSelection(store, click, effectiveLang(settings.language, navigator.language), Date.now());
      const openedIn = await openForm(click.tabId);
      return { id, openedIn };
    };

    ext.runtime.onInstalled.addListener(() => void (ext.contextMenus && rebuildMenu().catch(report)));
    ext.runtime.onStartup.addListener(() => void sync.run().catch(report));
    onSyncAlarm(() => void sync.run().catch(report));
    listenForMessages(sync);
    const onMenuClick = async (info: MenuClick, tab?: { id?: number; title?: string }) => {
      const click = selectionClickFrom(info, tab);
      return click ? fromSelection(click) : undefined;
    };
    // Firefox for Android has no context menus (`menus`/`contextMenus` undefined): everything else must still start.
    ext.contextMenus?.onClicked.addListener((info, tab) => void onMenuClick(info, tab).catch(report));
    // Signing in happens on the intranet's own page; when one of its tabs finishes loading, check.
    ext.tabs.onUpdated.addListener((_id, change, tab) => {
      if (change.status === 'complete' && tab.url) void sync.onIntranetPage(tab.url).catch(report);
    });
    addEventListener('online', () => void sync.run('online').catch(report));
    onSettingsChanged(() => {
      void sync.reconfigure().catch(report);
      if (ext.contextMenus) void rebuildMenu().catch(report);
    });
    // Access to the intranet granted (the options page's button) or withdrawn (the browser's site
    // access): connect again, so the worker neither waits for nothing nor sends without a cookie.
    ext.permissions.onAdded.addListener(() => void sync.reconfigure().catch(report));
    ext.permissions.onRemoved.addListener(() => void sync.reconfigure().catch(report));

    // The e2e seam for the context menu, which headless Chromium cannot click (see docs/adr/006): the
    // listener itself, called with Chrome's `info` and `tab`. Reachable only from this worker.
    (globalThis as { ideslussTestHooks?: unknown }).ideslussTestHooks = { contextMenuClick: onMenuClick };

    void ensureSyncAlarm().catch(report);
    if (ext.contextMenus) void rebuildMenu().catch(report);
    void sync.run().catch(report);
  },
});
