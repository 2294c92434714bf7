/**
 * Composes the shared core for one API base on this page: draft store (this origin's IndexedDB),
 * change notices, API client, sync engine and the models the widgets bind to; then wires the sync
 * triggers of DESIGN section 6. Called once per page and API base, through ./runtime.ts.
 */
import { createIdeasApi } from '../shared/api';
import { systemClock } from '../shared/domain/clock';
import { createDraftsModel } from '../shared/models/drafts-model';
import { DraftEditorModel } from '../shared/models/editor-model';
import { createSyncStatusModel, navigatorOnlineSource } from '../shared/models/sync-status';
import { createChangeNotices, IdbDraftStore, requestPersistentStorage } from '../shared/storage';
import { SyncEngine } from '../shared/sync';
import type { Lang } from '../shared/domain/idea';
import { widgetMessages } from './messages';
import { storageNames } from './page';
import type { WidgetRuntime } from './runtime';

/**
 * How old the last refresh of challenges and statuses may be when a page with the widget loads: a
 * status the team set shows at the next page load five minutes on, as when the popup opens
 * (entrypoints/background/sync-service.ts `onPopupOpened`). The engine's own 30 minutes would hide
 * the team's answer for half an hour of browsing. Only the page load asks this early; runs after
 * sends, coming online or a tab becoming visible keep the engine's 30 minutes, so an intranet's
 * recovery from an outage brings no extra wave of refreshes (docs/adr/004-sync-backoff.md).
 */
export const PAGE_REFRESH_INTERVAL_MS = 5 * 60_000;

/** The client name sent as `X-Idesluss-Client` (the API refuses writes without it). */
export const CLIENT_NAME = 'idesluss-widget/0.1.0';

/** Builds the runtime; rejects with StorageError when this page cannot use IndexedDB. */
export async function compose(baseUrl: string): Promise<WidgetRuntime> {
  const names = storageNames(baseUrl);
  const notices = createChangeNotices(names.channel);
  const store = new IdbDraftStore({ notices, name: names.db });
  // Into the back/forward cache, WebKit would keep a read or write under way open and hold every other page's on this
  // origin until the page leaves the cache: the store aborts them and holds new ones, and runs them at `pageshow`
  // (docs/adr/037-frozen-transactions.md). Listened to before the first read, so that a link followed while the widget
  // starts is covered too.
  const freeze = (e: PageTransitionEvent) => e.persisted && store.pause();
  const thaw = (e: PageTransitionEvent) => e.persisted && store.resume();
  addEventListener('pagehide', freeze);
  addEventListener('pageshow', thaw);
  try {
    await store.ready(); // rejects with StorageError when this page cannot use IndexedDB
  } catch (error) {
    // ./runtime.ts starts again at the next widget start: nothing of this one may stay behind (an open channel keeps a
    // page out of Firefox's back/forward cache once a message reaches it).
    removeEventListener('pagehide', freeze);
    removeEventListener('pageshow', thaw);
    notices.close();
    throw error;
  }
  void requestPersistentStorage();
  const clock = systemClock;
  const api = createIdeasApi({ baseUrl, clientName: CLIENT_NAME, fetch: (input, init) => fetch(input, init) });
  const online = navigatorOnlineSource();
  const engine = new SyncEngine({ store, api, clock, notices, lockName: names.lock, online: online.get });
  const drafts = createDraftsModel({ store, notices });
  const sync = createSyncStatusModel({ engine, notices, online }); // runs sync on `online`
  await drafts.refresh();

  const run = () => void engine.runOnce().catch(() => undefined);
  // Paused for sign-in: the user may have signed in since (the prompt's link returns to this page,
  // or another tab). One `GET /me` tells; only then does sync resume.
  const resume = async () => {
    if (engine.getState().paused === 'auth') await engine.resumeAfterSignIn();
  };
  const wake = () => void resume().catch(() => undefined).then(run);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') wake();
  });
  // Back from the back/forward cache (docs/adr/036-back-forward-cache.md): the page missed the change notices sent
  // while it was frozen (another page's or tab's writes, the sync's), so the list and the sync state are read again
  // (each widget's form re-reads its draft: ./controller.ts), and sync runs as on becoming visible. Read here, not
  // posted as a notice: a notice would reach the other tabs, and a browser drops a cached page a message reaches.
  addEventListener('pageshow', (e) => {
    if (e.persisted) {
      void drafts.refresh();
      void engine.refreshState().catch(() => undefined).then(wake);
    }
  });
  // Asked before the first run: back from signing in, the stored pause is stale, and a run that met it
  // would confirm it (the page would say "sign in" just after the user did; ./news.ts).
  void engine
    .refreshState()
    .then(resume)
    .catch(() => undefined)
    .then(() => engine.start())
    .catch(() => undefined)
    .then(() => engine.refreshIfOlderThan(PAGE_REFRESH_INTERVAL_MS));

  return {
    drafts,
    sync,
    // The widget shows one "could not save, copy the text" line: no storage catalogue in its bundle.
    createEditor: (lang: () => Lang) =>
      new DraftEditorModel({ store, clock, notices, lang, onSubmitted: run, errorMessage: (_code, l) => widgetMessages(l).saveFailed }),
  };
}
