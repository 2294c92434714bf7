/**
 * SyncStatusModel (./types.ts) over signals-core, bound to a SyncEngine: what the offline banner,
 * the sign-in prompt, "next try at …" and the "send now" button read. The same model drives the
 * Preact popup and the Lit widget; views only read signals and call `sendNow`.
 */
import { batch, signal } from '@preact/signals-core';
import type { ChangeNotices } from '../storage/change-notices';
import type { SyncEngine, SyncState } from '../sync/sync-engine';
import type { SyncStatusModel } from './types';

/** Whether the device has a network; injected so tests and the extension worker can supply their own. */
export interface OnlineSource {
  get(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/**
 * `navigator.onLine` with the `online`/`offline` events of the global scope — present in windows and
 * workers alike. Where it is missing we assume online and let a failed request say otherwise.
 * A page back from the back/forward cache (`pageshow` with `persisted`) missed the events sent while it
 * was frozen: it reads `navigator.onLine` again and tells a change (docs/adr/036-back-forward-cache.md).
 */
export function navigatorOnlineSource(scope: Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>> & { navigator?: { onLine?: boolean } } = globalThis): OnlineSource {
  return {
    get: () => scope.navigator?.onLine ?? true,
    subscribe(listener) {
      let last = scope.navigator?.onLine ?? true;
      const tell = (value: boolean) => listener((last = value));
      const online = () => tell(true);
      const offline = () => tell(false);
      const shown = (e: Event) => {
        const now = scope.navigator?.onLine ?? true;
        if ((e as PageTransitionEvent).persisted && now !== last) tell(now);
      };
      scope.addEventListener?.('online', online);
      scope.addEventListener?.('offline', offline);
      scope.addEventListener?.('pageshow', shown);
      return () => {
        scope.removeEventListener?.('online', online);
        scope.removeEventListener?.('offline', offline);
        scope.removeEventListener?.('pageshow', shown);
      };
    },
  };
}

export interface SyncStatusModelDeps {
  engine: Pick<SyncEngine, 'getState' | 'subscribe' | 'refreshState' | 'runOnce' | 'backOnline' | 'syncNow' | 'sendAsSignedIn'>;
  online: OnlineSource;
  /** Change notices of this origin: another context's sync changes the queue, so we re-read. */
  notices?: ChangeNotices;
  /** Errors from background re-reads and triggered runs. Default console.error. */
  onError?: (error: unknown) => void;
}

/**
 * Creates the sync status model. Call once per view context (popup, widget instance); `dispose()`
 * when the view goes away. Coming back online triggers a sync run (DESIGN section 6).
 */
export function createSyncStatusModel(deps: SyncStatusModelDeps): SyncStatusModel {
  const onError = deps.onError ?? ((error: unknown) => console.error('[idesluss sync status]', error));
  const online = signal(deps.online.get());
  const paused = signal<SyncState['paused']>(undefined);
  const accountSwitch = signal<SyncState['accountSwitch']>(undefined);
  const signInUrl = signal<string | undefined>(undefined);
  const syncing = signal(false);
  const nextAttemptAt = signal<number | undefined>(undefined);
  const lastSentAt = signal<number | undefined>(undefined);

  const apply = (state: SyncState) =>
    batch(() => {
      paused.value = state.paused;
      accountSwitch.value = state.accountSwitch;
      signInUrl.value = state.signInUrl;
      syncing.value = state.syncing;
      nextAttemptAt.value = state.nextAttemptAt;
      lastSentAt.value = state.lastSentAt;
    });
  // Coalesced: a drain posts a notice per draft; one re-read in flight and one pending is enough.
  let reading: Promise<void> | undefined;
  let again = false;
  const reread = (): void => {
    if (reading) {
      again = true;
      return;
    }
    reading = deps.engine.refreshState().then(apply, onError).finally(() => {
      reading = undefined;
      if (again && !disposed) {
        again = false;
        reread();
      }
    });
  };
  let disposed = false;

  apply(deps.engine.getState());
  const stops = [
    deps.engine.subscribe(apply),
    deps.online.subscribe((value) => {
      online.value = value;
      if (value) void deps.engine.backOnline().catch(onError);
    }),
    deps.notices?.subscribe((notice) => {
      if (notice.kind === 'drafts' || notice.kind === 'meta') reread();
    }) ?? (() => undefined),
  ];
  reread();

  return {
    online,
    paused,
    accountSwitch,
    signInUrl,
    syncing,
    nextAttemptAt,
    lastSentAt,
    async sendNow() {
      await deps.engine.syncNow({ ignoreBackoff: true });
    },
    async sendAsSignedIn(accountId) {
      await deps.engine.sendAsSignedIn(accountId);
    },
    dispose() {
      disposed = true;
      for (const stop of stops) stop();
    },
  };
}
