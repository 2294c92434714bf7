import { defineBackground } from 'wxt/utils/define-background';
import { effectiveLang } from '../../shared/config/settings';
import { ext } from '../lib/ext';
import { loadSettings, onSettingsChanged } from '../lib/settings-store';
import { ensureSyncAlarm, onSyncAlarm } from './alarms';
import { createContextMenu, createDraftFromSelection, MENU_ID, openForm, type SelectionClick } from './context-menu';
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
    let menu: Promise<void> | undefined;
    const ensureMenu = () => (menu ??= createContextMenu());

    const fromSelection = async (click: SelectionClick) => {
      const [{ settings }, { store }] = await Promise.all([loadSettings(), sync.storage()]);
      const id = await createDraftFromSelection(store, click, effectiveLang(settings.language, navigator.language), Date.now());
      const openedIn = await openForm(click.tabId);
      return { id, openedIn };
    };

    ext.runtime.onInstalled.addListener(() => void ensureMenu().catch(report));
    ext.runtime.onStartup.addListener(() => void sync.run().catch(report));
    onSyncAlarm(() => void sync.run().catch(report));
    listenForMessages(sync);
    ext.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== MENU_ID) return;
      void fromSelection({ selectionText: info.selectionText, pageUrl: info.pageUrl, tabId: tab?.id, tabTitle: tab?.title }).catch(report);
    });
    // Signing in happens on the intranet's own page; when one of its tabs finishes loading, check.
    ext.tabs.onUpdated.addListener((_id, change, tab) => {
      if (change.status === 'complete' && tab.url) void sync.onIntranetPage(tab.url).catch(report);
    });
    addEventListener('online', () => void sync.run().catch(report));
    onSettingsChanged(() => void sync.reconfigure().catch(report));

    // The e2e seam for the context menu, which headless Chromium cannot click (see docs/adr/006).
    (globalThis as { ideslussTestHooks?: unknown }).ideslussTestHooks = { contextMenuClick: fromSelection };

    void ensureSyncAlarm().catch(report);
    void ensureMenu().catch(report);
    void sync.run().catch(report);
  },
});
