/**
 * A draft: the local record of one idea, from the first keystroke to its intranet status
 * (DESIGN sections 3–4). Its `id` is the client id and becomes the idea's id on the intranet.
 */
import { isUnwritten, type FieldError, type IdeaContent, type IdeaStatus, type RemoteIdea } from './idea';

/**
 * Where a draft is in its lifecycle.
 * - `draft`: editable, on this device only;
 * - `queued`: submitted and valid, content frozen, waiting for sync;
 * - `sending`: a request is in flight (found at start-up, it goes back to `queued`);
 * - `sent`: the intranet accepted it (2xx); kept as history with its intranet status;
 * - `needs-attention`: refused (400/409/413/422); editable again, field errors kept.
 */
export const DRAFT_STATES = ['draft', 'queued', 'sending', 'sent', 'needs-attention'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

/** How a failed request is handled (DESIGN section 6). */
export type FailureKind = 'retry' | 'auth' | 'conflict' | 'reject';

/**
 * The last failure seen for a draft, for the UI and for backoff. The intranet's own wording is not
 * kept: the UI says every failure in its words, from the kind and status.
 */
export interface LastFailure {
  kind: FailureKind;
  /** HTTP status; absent when no response arrived at all. */
  status?: number;
  at: number;
  /** No answer while the device said it was offline: the device's failure, due again once it is back online. */
  offline?: true;
}

/** One draft as stored in IndexedDB. Times are epoch milliseconds from the injected clock. */
export interface DraftRecord {
  id: string;
  state: DraftState;
  content: IdeaContent;
  createdAt: number;
  updatedAt: number;
  /** When the user last submitted it. */
  queuedAt?: number;
  /** When the intranet accepted it. */
  sentAt?: number;
  /** Failed attempts since it was last queued; drives backoff. */
  attempts: number;
  /** Not before this time will sync try again (absent: as soon as possible). */
  nextAttemptAt?: number;
  /**
   * Queued and made due by "Skicka nu" while it waited: the automatic try's time it had then. A
   * forced try that fails, online, goes back to that time and counts no attempt, so pressing the
   * button never puts the next try later (docs/adr/004-sync-backoff.md). Gone at the next failure.
   */
  autoRetryAt?: number;
  lastFailure?: LastFailure;
  /** Field errors from a 400/413/422, shown beside the fields. */
  fieldErrors?: FieldError[];
  /** On 409: the intranet's copy under the same id, shown beside ours. */
  conflict?: RemoteIdea;
  /** After `sent`: the intranet's status, refreshed from `GET /ideas?mine=true`. */
  remoteStatus?: IdeaStatus;
  /**
   * Queued: the intranet kept failing this idea with a server error (500) while it accepted the
   * next idea, so the queue no longer waits behind it (docs/adr/004-sync-backoff.md, "stuck head").
   * It is still tried on its own backoff. Gone once it is sent or submitted again.
   */
  stuck?: true;
}

/** States whose content the user may edit. */
export function isEditable(state: DraftState): boolean {
  return state === 'draft' || state === 'needs-attention';
}

/** States that count as "waiting" for the badge and the sync status. */
export function isPending(state: DraftState): boolean {
  return state === 'queued' || state === 'sending';
}

/**
 * Whether the popup's and the widget's lists show `record`: not a draft with nothing written in it
 * (typed, then cleared), which has nothing to continue or lose. It stays stored, and is the draft
 * that the popup next opens on a page, or the widget on its page.
 */
export function isListed(record: DraftRecord): boolean {
  return record.state !== 'draft' || !isUnwritten(record.content);
}
