/**
 * Change notices: "these drafts changed, re-read them". Sent after every committed write so that
 * every view of the same origin's database stays current — the popup and the background worker of
 * the extension, two tabs with the widget, two widgets on one page.
 *
 * How it reaches everyone:
 * - listeners subscribed to the *same* ChangeNotices object are called directly (synchronously,
 *   in `post`), because a BroadcastChannel never delivers to the object that posted;
 * - every *other* ChangeNotices object with the same channel name — in this context or in any other
 *   context of the same origin (tabs, workers, the extension's pages) — receives it over a
 *   BroadcastChannel, where that exists (feature-detected; without it, only this object's listeners hear).
 *
 * A notice carries ids only, never content: receivers re-read IndexedDB, the single source of truth.
 * Notices may be duplicated or coalesced by receivers; never rely on their count or order.
 *
 * Usage (the composition root makes one per context and shares it):
 * ```ts
 * const notices = createChangeNotices();
 * const store = await openDraftStore({ notices });   // the store posts after each commit
 * const stop = notices.subscribe((n) => { if (n.kind === 'drafts') void model.refresh(); });
 * notices.post([id]);                                  // e.g. the sync engine after its own writes
 * stop(); notices.close();
 * ```
 */

/** The channel every Idésluss context of one origin listens on. */
export const CHANGE_CHANNEL = 'idesluss-changes';

/** Which store changed. `drafts` carries the draft ids; the others carry their keys (or none). */
export type ChangeKind = 'drafts' | 'challenges' | 'meta';

/** One notice: which records changed, after their transaction committed. */
export interface ChangeNotice {
  kind: ChangeKind;
  ids: string[];
}

export type ChangeListener = (notice: ChangeNotice) => void;

/** The small API shared by the store, the models and the sync engine. */
export interface ChangeNotices {
  /** Tells every listener here and in other contexts that `ids` changed. Call only after commit. */
  post(ids: readonly string[], kind?: ChangeKind): void;
  /** Calls `listener` on every notice from here or elsewhere; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
  /** Stops listening and closes the channel (idempotent). Listeners are dropped. */
  close(): void;
}

/** The subset of BroadcastChannel we use, so tests and odd runtimes can pass their own. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/**
 * Creates a ChangeNotices on channel `name` (default `idesluss-changes`). Create one per context
 * and share it; `createChannel` is for tests (default: `new BroadcastChannel(name)` when it exists).
 */
export function createChangeNotices(
  name: string = CHANGE_CHANNEL,
  createChannel: ((name: string) => ChannelLike | undefined) | undefined = defaultChannel,
): ChangeNotices {
  const listeners = new Set<ChangeListener>();
  let channel = createChannel?.(name);
  let closed = false;

  const deliver = (notice: ChangeNotice) => {
    for (const listener of [...listeners]) {
      try {
        listener(notice);
      } catch (error) {
        // One broken view must not stop the others from refreshing; surface it, don't swallow it.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  channel?.addEventListener('message', (event) => {
    const notice = parseNotice(event.data);
    if (notice && !closed) deliver(notice);
  });

  return {
    post(ids, kind = 'drafts') {
      if (closed) return;
      const notice: ChangeNotice = { kind, ids: [...ids] };
      deliver(notice);
      try {
        channel?.postMessage(notice);
      } catch {
        // A channel closed underneath us (context shutting down): local listeners were told already.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      channel?.close();
      channel = undefined;
    },
  };
}

function defaultChannel(name: string): ChannelLike | undefined {
  return typeof globalThis.BroadcastChannel === 'function' ? new globalThis.BroadcastChannel(name) : undefined;
}

/** Messages come from any script of the origin: accept only the exact shape. */
function parseNotice(data: unknown): ChangeNotice | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, ids } = data as { kind?: unknown; ids?: unknown };
  if (kind !== 'drafts' && kind !== 'challenges' && kind !== 'meta') return undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return undefined;
  return { kind, ids: [...ids] as string[] };
}
