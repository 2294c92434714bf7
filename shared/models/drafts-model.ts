/**
 * The drafts list model: every draft and sent idea on this device, newest first, and the cached
 * challenges. Re-reads IndexedDB on every change notice, so a write by sync
 * in the background worker or by another tab shows here without polling.
 */
import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { DraftRecord } from '../domain/draft';
import { newClientId } from '../domain/id';
import { isEditable } from '../domain/draft';
import { asNewIdea, isConflicted, keepIntranetVersion, TransitionError, type TransitionRefusal } from '../domain/lifecycle';
import type { Challenge } from '../domain/idea';
import type { ChangeNotices } from '../storage/change-notices';
import { StorageError, toStorageError } from '../storage/errors';
import type { DraftStore } from '../storage/types';
import type { DraftsModel } from './types';

export interface DraftsModelDeps {
  store: DraftStore;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** The context's change notices; without them, call `refresh()` yourself. */
  notices?: ChangeNotices;
}

/** Creates the drafts model and starts its first read (await `refresh()` to wait for it). */
export function createDraftsModel(deps: DraftsModelDeps): DraftList {
  const model = new DraftList(deps);
  void model.refresh();
  return model;
}

/** DraftsModel over a DraftStore. See ./types.ts for the contract. */
export class DraftList implements DraftsModel {
  private readonly _drafts = signal<DraftRecord[]>([]);
  private readonly _challenges = signal<Challenge[]>([]);
  private readonly _error = signal<StorageError | undefined>(undefined);
  readonly drafts: ReadonlySignal<DraftRecord[]> = this._drafts;
  readonly challenges: ReadonlySignal<Challenge[]> = this._challenges;
  /** The last read failure (cleared by the next successful read); not part of the shared contract. */
  readonly error: ReadonlySignal<StorageError | undefined> = this._error;

  private _running: Promise<void> | undefined;
  /** `sendAsNewIdea` calls in progress, by the conflicted record's id. */
  private readonly _settling = new Map<string, Promise<string>>();
  private _again = false;
  private readonly _unsubscribe: () => void;

  constructor(private readonly _deps: DraftsModelDeps) {
    // Meta changes (sync's bookkeeping) do not change the list: re-read only for drafts and challenges.
    this._unsubscribe = _deps.notices?.subscribe((n) => {
      if (n.kind !== 'meta') void this.refresh();
    }) ?? (() => undefined);
  }

  /**
   * Re-reads drafts and challenges. Concurrent calls coalesce: while a read runs, further calls
   * make exactly one more read after it, so a burst of notices costs two reads, not fifty.
   */
  refresh(): Promise<void> {
    if (this._running) {
      this._again = true;
      return this._running;
    }
    this._running = this._readLoop().finally(() => {
      this._running = undefined;
    });
    return this._running;
  }

  /**
   * Deletes a draft, on the user's explicit request only. Resolves with the record as it was, for
   * `restore` (the user's "undo"). Rejects with StorageError.
   */
  async remove(id: string): Promise<DraftRecord | undefined> {
    const removed = await this._deps.store.get(id);
    await this._deps.store.delete(id);
    await this.refresh();
    return removed;
  }

  /**
   * Puts back a record `remove` deleted: "undo" right after a delete. A record with its id that is
   * there again is left as it is. Rejects with StorageError.
   */
  async restore(record: DraftRecord): Promise<void> {
    if (!(await this._deps.store.get(record.id))) await this._deps.store.put(record, { durability: 'strict' });
    await this.refresh();
  }

  /**
   * The user keeps the intranet's version of an idea it refused with 409: the record becomes that
   * sent idea. Rejects with TransitionError when there is no such copy, StorageError when not stored.
   */
  async keepIntranetVersion(id: string): Promise<void> {
    let refusal: TransitionRefusal | undefined;
    await this._deps.store.update(id, (r) => {
      const result = keepIntranetVersion(r, this._now());
      if (!result.ok) refusal = result;
      return result.ok ? result.record : undefined;
    }, { durability: 'strict' });
    if (refusal) throw new TransitionError(refusal);
    await this.refresh();
  }

  /**
   * The user sends this device's version of an idea refused with 409 as a new idea: queued under a
   * new id first (so a crash in between leaves both, never neither), then the old record becomes the
   * intranet's version, or goes when that copy is unknown. Resolves with the new id; start a sync
   * run after it. Rejects with TransitionError (`invalid`: edit it instead) or StorageError.
   */
  sendAsNewIdea(id: string): Promise<string> {
    // A double click waits for the first: one new idea, not two.
    let running = this._settling.get(id);
    if (!running) {
      running = this._sendAsNewIdea(id).finally(() => this._settling.delete(id));
      this._settling.set(id, running);
    }
    return running;
  }

  private async _sendAsNewIdea(id: string): Promise<string> {
    const { store } = this._deps;
    const now = this._now();
    const record = await store.get(id);
    const queued = record ? asNewIdea(record, newClientId(), now) : undefined;
    if (!queued?.ok) throw new TransitionError(queued ?? { ok: false, reason: 'no-conflict', state: 'draft' });
    await store.put(queued.record, { durability: 'strict' });
    // The old record is settled only if it still waits for the user: if another tab settled it
    // meanwhile, this copy would be a second idea, so it goes again.
    let settled = false;
    try {
      if (record!.conflict) {
        await store.update(id, (r) => {
          const result = keepIntranetVersion(r, now);
          settled = result.ok;
          return result.ok ? result.record : undefined;
        }, { durability: 'strict' });
      } else if (await store.get(id).then((r) => r !== undefined && isConflicted(r) && isEditable(r.state))) {
        await store.delete(id);
        settled = true;
      }
    } catch (error) {
      // The old record could not be settled: the copy goes too, or trying again would queue a second one.
      await store.delete(queued.record.id);
      throw error;
    }
    if (!settled) {
      await store.delete(queued.record.id);
      throw new TransitionError({ ok: false, reason: 'no-conflict', state: record!.state });
    }
    await this.refresh();
    return queued.record.id;
  }

  dispose(): void {
    this._unsubscribe();
  }

  private _now(): number {
    return this._deps.now?.() ?? Date.now();
  }

  private async _readLoop(): Promise<void> {
    do {
      this._again = false;
      try {
        const [drafts, cache] = await Promise.all([this._deps.store.list(), this._deps.store.getChallenges()]);
        this._drafts.value = drafts.sort((a, b) => listedAt(b) - listedAt(a));
        this._challenges.value = cache?.challenges ?? [];
        this._error.value = undefined;
      } catch (error) {
        this._error.value = toStorageError(error, 'read'); // keep showing the last list we had
      }
    } while (this._again);
  }
}

/**
 * Where a draft sorts in the list, newest first: at the user's last act on it. One being written or
 * corrected sorts by its last change; a submitted one by its submit, so that a failed try or a status
 * refresh, which only sync makes, does not move it under the reader's eyes.
 */
function listedAt(d: DraftRecord): number {
  return isEditable(d.state) ? d.updatedAt : d.queuedAt ?? d.createdAt;
}
