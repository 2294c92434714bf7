/**
 * The worker's sync service: the shared SyncEngine over the extension's IndexedDB, talking to the
 * configured intranet with the browser's own session cookies (`credentials: 'include'`; the host
 * permission lets the worker's fetch carry them and skip CORS).
 *
 * MV3 constraint: the worker may be killed at any moment and restarted by an event, so everything
 * here is created lazily on the first event after a start and re-read from IndexedDB; nothing
 * important lives only in memory. Alarms, not timers, are what wake a dead worker.
 */
import { ApiError, type IdeasApi } from '../../shared/api';
import type { Settings } from '../../shared/config/settings';
import { systemClock } from '../../shared/domain/clock';
import { createChangeNotices, openDraftStore, type ChangeNotices, type DraftStore } from '../../shared/storage';
import { markAccountMoved, META, resetSchedules, SyncEngine } from '../../shared/sync';
import { hostAccess, releaseHostAccess } from '../lib/host-access';
import { createIntranetApi } from '../lib/intranet-api';
import { loadSettings } from '../lib/settings-store';
import { effectiveLang } from '../../shared/config/settings';
import { messagesFor } from '../../shared/i18n';
import { updateBadge } from './badge';

/** Alarm-driven sign-in probes at most this often. */
const AUTH_PROBE_INTERVAL_MS = 5 * 60_000;
const AUTH_PROBE_META = 'extension.authProbeAt';
/** The intranet address the worker last connected to (see `onAddressChange`). */
const LAST_ADDRESS_META = 'extension.intranetUrl';
/** The badge repaints at most this often (the last change is always painted). */
const BADGE_MIN_GAP_MS = 250;

/**
 * Caches `promise` through `keep`, and drops it if it rejects (while still the one cached): a start
 * that failed once (a storage read, an IndexedDB open) must not be the answer for the rest of the
 * worker's life, which the 30-second alarm can keep going for hours.
 */
function cacheUnlessFailed<T>(promise: Promise<T>, keep: (value: Promise<T> | undefined) => void, cached: () => Promise<T> | undefined): Promise<T> {
  keep(promise);
  promise.catch(() => {
    if (cached() === promise) keep(undefined);
  });
  return promise;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

interface Connection {
  settings: Settings;
  api: IdeasApi;
  engine: SyncEngine;
}

/** Lazily opened store, engine and badge for one worker lifetime. */
export class SyncService {
  private base: Promise<{ store: DraftStore; notices: ChangeNotices }> | undefined;
  private connection: Promise<Connection | undefined> | undefined;

  /** The store and change notices; the badge follows every change from any context. */
  storage(): Promise<{ store: DraftStore; notices: ChangeNotices }> {
    if (this.base) return this.base;
    const opening = (async () => {
      const notices = createChangeNotices();
      const store = await openDraftStore({ notices });
      notices.subscribe(() => void this.badge());
      return { store, notices };
    })();
    return cacheUnlessFailed(opening, (p) => (this.base = p), () => this.base);
  }

  /** The engine for the configured intranet, or undefined when none is configured. */
  private connect(): Promise<Connection | undefined> {
    if (this.connection) return this.connection;
    const connecting = (async () => {
      const [{ settings }, { store, notices }] = await Promise.all([loadSettings(), this.storage()]);
      // Without the host permission every request would look signed out: no engine, no requests;
      // the popup and the options page say why (../lib/host-access.ts).
      if (!settings.intranetUrl || (await hostAccess(settings.intranetUrl)) !== 'granted') return undefined;
      const api = createIntranetApi(settings.intranetUrl);
      // `navigator.onLine` in the worker: a request that fails while the device is offline counts no attempt.
      const engine = new SyncEngine({ store, api, clock: systemClock, notices, online: () => navigator.onLine });
      engine.subscribe(() => void this.badge());
      await this.onAddressChange(store, notices, settings.intranetUrl, engine);
      return { settings, api, engine };
    })();
    return cacheUnlessFailed(connecting, (p) => (this.connection = p), () => this.connection);
  }

  /**
   * The address is compared with the last one connected to, kept in IndexedDB: the worker that sees
   * the change may be a fresh one (woken by the very settings change), with nothing in memory. On a
   * new address, ideas that waited because nothing answered at the old one go now, not after their
   * backoff, and an auth pause for the old intranet is lifted (ADR 015); the old intranet's
   * challenges are forgotten, since an idea naming one would be refused by the new intranet, and so
   * is the id of the account ideas went as there (ADR 016: the new intranet's ids are not the old one's; its name stays).
   */
  private async onAddressChange(store: DraftStore, notices: ChangeNotices, intranetUrl: string, engine: SyncEngine): Promise<void> {
    const previous = await store.getMeta<string>(LAST_ADDRESS_META);
    if (previous === intranetUrl) return;
    if (previous === undefined) return void (await store.setMeta(LAST_ADDRESS_META, intranetUrl)); // the first address: nothing waited for another one
    await store.putChallenges([], 0);
    await markAccountMoved({ store }, notices);
    // Whoever changed it (the options page, or IT's policy while the page was closed): the access a generic build was
    // granted for the old address goes back, so the extension holds one intranet origin (DESIGN section 9).
    void releaseHostAccess(previous, intranetUrl).catch(() => undefined);
    // The new address is recorded once the old backoffs are gone and "send now" has lifted the old
    // pause: a worker killed before that sees the change again at its next start.
    void resetSchedules(store)
      .then(() => engine.syncNow({ ignoreBackoff: true }))
      .catch(() => undefined)
      .then(() => store.setMeta(LAST_ADDRESS_META, intranetUrl))
      .catch(() => undefined);
  }

  /**
   * A trigger (start-up, alarm, `'online'`): runs sync respecting backoff (back online, ideas that
   * failed only offline are due at once); while paused for sign-in, checks whether the user has signed in since.
   */
  async run(trigger?: 'online'): Promise<void> {
    const connection = await this.connect();
    if (!connection) return void (await this.badge());
    const { store } = await this.storage();
    const paused = await store.getMeta<'auth' | 'account' | null>(META.paused);
    if (paused === 'auth') await this.resumeIfSignedIn(connection, AUTH_PROBE_INTERVAL_MS);
    // Paused for another account (docs/adr/016): each run asks `GET /me`, so timer-driven runs are
    // spaced like the sign-in probe; the popup's own engine asks at once when it opens.
    else if (paused !== 'account' || (await this.probeDue(store, AUTH_PROBE_INTERVAL_MS))) await (trigger === 'online' ? connection.engine.backOnline() : connection.engine.runOnce());
    await this.badge();
  }

  /** "Send now": every queued idea is due, an auth pause is lifted for one try. */
  async sendNow(): Promise<void> {
    const connection = await this.connect();
    if (connection) await connection.engine.syncNow({ ignoreBackoff: true });
    await this.badge();
  }

  /**
   * An idea was submitted: send what is due, respecting backoff (so a submit during an outage adds
   * no burst); while paused for sign-in, ask at once whether the user has signed in — a user action,
   * not a timer, so the probe interval does not apply.
   */
  async onSubmitted(): Promise<void> {
    const connection = await this.connect();
    if (connection) {
      const { store } = await this.storage();
      if ((await store.getMeta<'auth' | null>(META.paused)) === 'auth') await this.resumeIfSignedIn(connection);
      else await connection.engine.runOnce();
    }
    await this.badge();
  }

  /** A tab of the intranet finished loading: maybe the user just signed in. */
  async onIntranetPage(url: string): Promise<void> {
    const connection = await this.connect();
    if (!connection?.settings.intranetUrl || originOf(url) !== new URL(connection.settings.intranetUrl).origin) return;
    await this.askIfPaused(connection);
  }

  /**
   * A user action (an intranet page loaded, the popup opened): if sync is paused, ask at once whether
   * that still holds — for sign-in (`GET /me`), or for another account (a run, which asks first,
   * docs/adr/016). Timer-driven runs are spaced instead (`run`).
   */
  private async askIfPaused(connection: Connection): Promise<void> {
    const { store } = await this.storage();
    const paused = await store.getMeta<'auth' | 'account' | null>(META.paused);
    if (paused === 'auth') await this.resumeIfSignedIn(connection);
    else if (paused === 'account') await connection.engine.runOnce();
  }

  /**
   * Settings or the host permissions changed: drop the engine and connect again. A new address sends
   * at once (`onAddressChange`); any other change (the language) keeps backoff and Retry-After.
   */
  reconfigure(): Promise<void> {
    // One at a time: a save fires several events at once (the storage change, the options page's
    // message, `permissions.onAdded`/`onRemoved`); overlapping calls each dropped the connection the
    // one before had just made without disposing its engine.
    const next = this.reconfiguring.catch(() => undefined).then(async () => {
      const old = await this.connection?.catch(() => undefined);
      this.connection = undefined;
      old?.engine.dispose();
      await this.run();
    });
    this.reconfiguring = next;
    return next;
  }

  private reconfiguring: Promise<void> = Promise.resolve();

  /**
   * The popup opened: if sync is paused for sign-in, check whether the user signed in meanwhile;
   * then refresh the challenges and the sent ideas' statuses if the last refresh is older than
   * `maxAgeMs` (at once when no challenge is cached). The engine refreshes them after sends, at most
   * every 30 minutes; the person opening the popup wants to see the status the team set a minute
   * ago, and a user who was signed out then would see no challenge picker until the next refresh.
   */
  async onPopupOpened(maxAgeMs = 5 * 60_000): Promise<void> {
    const connection = await this.connect();
    if (!connection) return;
    const { store } = await this.storage();
    await this.askIfPaused(connection);
    const cached = await store.getChallenges();
    const fresh = cached !== undefined && cached.challenges.length > 0 && Date.now() - cached.fetchedAt < maxAgeMs;
    // The engine's own refresh (an empty or stale challenge list: at once): it stores nothing once the engine is
    // disposed, so an answer from the old intranet that comes after an address change cannot put its challenges back
    // (docs/adr/039); signed out or unreachable, what is cached stays. It tells the views what changed.
    await connection.engine.refreshIfOlderThan(fresh ? maxAgeMs : 0);
  }

  private painting: Promise<void> | undefined;
  private paintAgain = false;
  private lastPaintAt = 0;

  /**
   * Repaints the badge from IndexedDB. Coalesced and spaced at least BADGE_MIN_GAP_MS apart: a drain
   * posts a change notice per write, and each paint is a read transaction on the drafts store (which
   * waits for, and delays, the sync engine's writes) plus two calls into the browser process.
   */
  badge(): Promise<void> {
    if (this.painting) {
      this.paintAgain = true;
      return this.painting;
    }
    this.painting = (async () => {
      const { store } = await this.storage();
      // The tooltip's language: read once per batch of paints, and from the last known policy (`fast`),
      // so a paint neither repeats the read nor waits for Chromium's policy service after a start.
      const { settings } = await loadSettings({ fast: true });
      const toolbar = messagesFor(effectiveLang(settings.language, navigator.language)).toolbar;
      do {
        const wait = this.lastPaintAt + BADGE_MIN_GAP_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.paintAgain = false;
        this.lastPaintAt = Date.now();
        await updateBadge(store, toolbar);
      } while (this.paintAgain);
    })().finally(() => {
      this.painting = undefined;
      if (this.paintAgain) void this.badge(); // asked between the last paint and this line
    });
    return this.painting;
  }

  /**
   * While paused for sign-in, asks `GET /me` whether the user has signed in since. Timer-driven
   * probes (alarms) are spaced by `minIntervalMs`, persisted, so tens of thousands of signed-out
   * browsers do not ask every 30 seconds; user-driven ones (an intranet page loaded, the popup
   * opened) ask at once.
   */
  private async resumeIfSignedIn(connection: Connection, minIntervalMs = 0): Promise<void> {
    const { store } = await this.storage();
    // Still signed out (or unreachable): `GET /me` rejects with an ApiError, and the pause and the prompt stay.
    const stillOut = (error: unknown) => {
      if (error instanceof ApiError) return false;
      throw error;
    };
    const resumed = (await this.probeDue(store, minIntervalMs)) && (await connection.engine.resumeAfterSignIn().then(() => true, stillOut));
    // A run while paused sends nothing; it recovers an idea a killed worker left `sending`, which can
    // then be taken back during the pause (../../shared/sync/drain.ts).
    if (!resumed) await connection.engine.runOnce();
  }

  /** True (and the time written) when the last probe of the intranet's `GET /me` is at least `minIntervalMs` old. */
  private async probeDue(store: DraftStore, minIntervalMs: number): Promise<boolean> {
    const now = Date.now();
    const last = (await store.getMeta<number>(AUTH_PROBE_META)) ?? 0;
    // A stamp in the future was written while the clock ran ahead: due, or the popup opening would not ask either.
    if (last <= now && now - last < minIntervalMs) return false;
    await store.setMeta(AUTH_PROBE_META, now);
    return true;
  }
}
