/// <reference types="chrome" />
/**
 * The bench page's script: bundled by esbuild into a *copy* of the built extension (never into the
 * shipped one, see ../extension-copy.ts) and loaded as `chrome-extension://<id>/bench.html`, so it
 * shares the extension's origin — its IndexedDB, its `storage.local`, its background worker.
 *
 * It exposes `globalThis.ideslussBench` for the bench modules to call through `page.evaluate`:
 * reset the drafts database, seed it with many drafts in one transaction, and ask the worker to sync.
 */
import { openDB } from 'idb';
import type { DraftRecord, DraftState } from '../../../shared/domain/draft';
import { newClientId } from '../../../shared/domain/id';
import { createChangeNotices, DB_NAME, openDraftStore } from '../../../shared/storage';
import { META } from '../../../shared/sync';
import { EARLY_JOURNAL_PREFIX } from '../../../entrypoints/popup/early-title';
import { benchContent } from './content';

/** Opens the database through the real store first, so the schema is current (migrations run). */
async function database() {
  const store = await openDraftStore();
  store.close();
  return openDB(DB_NAME);
}

/** Tells every context of the origin (popup, worker badge) that drafts changed. */
function announce(ids: string[]): void {
  const notices = createChangeNotices();
  notices.post(ids);
  notices.close();
}

const api = {
  /** Deletes every draft, the sync pause and pacing, and the popup's keystroke journals (both). */
  async reset(): Promise<void> {
    const db = await database();
    const tx = db.transaction(['drafts', 'meta'], 'readwrite');
    await tx.objectStore('drafts').clear();
    for (const key of [META.paused, META.pacingUntil]) await tx.objectStore('meta').delete(key);
    await tx.done;
    db.close();
    await chrome.storage.local.remove('popupJournal');
    // The popup-ready runs close popups before their hand-over: what their static field journalled
    // would come back as drafts in the next popup (ADR 008), which is right for a user, not a bench.
    for (const key of Object.keys(localStorage)) if (key.startsWith(EARLY_JOURNAL_PREFIX)) localStorage.removeItem(key);
    announce([]);
  },

  /** Writes `count` drafts in `state` (one transaction), oldest first; resolves with their ids. */
  async seed(count: number, state: Extract<DraftState, 'draft' | 'queued'>, prefix: string): Promise<string[]> {
    const db = await database();
    const tx = db.transaction('drafts', 'readwrite');
    const start = Date.now() - count;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = start + i;
      const record: DraftRecord = {
        id: newClientId(),
        state,
        content: benchContent(prefix, i),
        createdAt: at,
        updatedAt: at,
        attempts: 0,
        ...(state === 'queued' ? { queuedAt: at } : {}),
      };
      ids.push(record.id);
      void tx.store.put(record);
    }
    await tx.done;
    db.close();
    announce(ids);
    return ids;
  },

  /** Counts drafts in `state`. */
  async count(state: DraftState): Promise<number> {
    const db = await database();
    const n = await db.countFromIndex('drafts', 'by-state', state);
    db.close();
    return n;
  },

  /** Clears the worker's periodic sync alarm, so no alarm-driven run starts between a seed and its trigger. */
  async pauseSyncAlarm(): Promise<void> {
    await chrome.alarms.clear('idesluss-sync');
  },

  /**
   * Sends the popup's after-submit message (`submitted`; `sync-now` for a build that predates it)
   * and resolves when the worker replies — after its sync run, i.e. after every due idea was
   * accepted (or a failure stopped the run). Returns the ms taken and the message used.
   */
  async syncViaWorker(): Promise<{ ms: number; message: string; reply: unknown }> {
    for (const type of ['submitted', 'sync-now']) {
      const t0 = performance.now();
      const reply = (await chrome.runtime.sendMessage({ type })) as { ok: boolean; error?: string };
      const ms = performance.now() - t0;
      if (reply.ok || reply.error !== 'refused') return { ms, message: type, reply };
    }
    throw new Error('the worker refused both sync messages');
  },
};

export type BenchPageApi = typeof api;

(globalThis as unknown as { ideslussBench: BenchPageApi }).ideslussBench = api;
