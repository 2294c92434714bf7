/**
 * The sentences of an item in the popup's list, in our own words: why the last try failed (per
 * failure kind and HTTP status; the intranet's own wording is never shown), when the next try is
 * or what it waits for, and what "send now" achieved (for the live region).
 */
import type { DraftRecord } from '../../shared/domain/draft';
import type { Lang } from '../../shared/domain/idea';
import { formatRelative, type Messages } from '../../shared/i18n';
import { failureText as sharedFailureText } from '../../shared/i18n/failure-text';
import { sendOrder } from '../../shared/sync';
import { fieldList } from './field-errors';

/** What an item's text depends on besides the record. */
export interface ItemTextContext {
  t: Messages;
  lang: Lang;
  now: number;
  /** Sync paused until the user signs in. */
  pausedForSignIn: boolean;
  /** Sync waits for this account to sign in again (docs/adr/016), if it does. */
  waitsForAccount?: string;
  /** Whether an intranet address is set (without one, nothing is sent). */
  configured: boolean;
  /** The extension may not reach that address: nothing is sent until it may (the banner says why). */
  noAccess?: boolean;
  /** The device has no network: the popup's banner says so, and no try can reach the intranet. */
  offline?: boolean;
  /** The queue's head's next try (`queueHeadAt`): the time of an idea that has none of its own. */
  queueNextAt?: number;
}

/** Why the last try failed (shared/i18n/failure-text.ts), with the refused fields named. */
export function failureText(draft: DraftRecord, t: Messages, c?: Pick<ItemTextContext, 'waitsForAccount' | 'noAccess' | 'offline'>): string | undefined {
  if ((c?.waitsForAccount || c?.noAccess) && draft.state === 'queued') return undefined; // an old reason would contradict the wait
  return sharedFailureText(t.failure, draft, (errors) => t.failureFields(fieldList(errors, t)), c?.offline);
}

/**
 * When the idea at the head of the queue is tried next. The ideas queued behind it have no time of
 * their own: they wait for it (docs/adr/004-sync-backoff.md, the gate). A stuck idea holds no one.
 */
export function queueHeadAt(list: readonly DraftRecord[]): number | undefined {
  return list.filter((d) => d.state === 'queued' && !d.stuck).sort(sendOrder)[0]?.nextAttemptAt;
}

/** A queued item's "next try" line: when, or what it is waiting for (the address, access, the network, sign-in). */
export function nextTryText(draft: DraftRecord, c: ItemTextContext): string {
  const p = c.t.popup;
  if (!c.configured) return p.waitingForAddress;
  if (c.noAccess) return p.waitingForAccess;
  // Offline, the sync engine looks again every few seconds: "next try now" would repeat for good.
  if (c.offline) return p.waitingForConnection;
  if (c.waitsForAccount) return c.t.waitingForAccount(c.waitsForAccount);
  if (c.pausedForSignIn || draft.lastFailure?.kind === 'auth') return p.waitingForSignIn;
  return p.nextTry(formatRelative(Math.max(draft.nextAttemptAt ?? c.queueNextAt ?? c.now, c.now), c.now, c.lang));
}

/** How much of an untitled draft's text names it in the list. */
const SNIPPET_CHARS = 50;

/**
 * The item's title; for a draft without one, "(utan rubrik)" with the start of its text, quote or
 * page title: drafts kept from the context menu have no title, and would all read the same.
 * `quoted`: for a sentence that puts the title in quotes itself, so the start takes single ones.
 */
export function itemTitle(draft: DraftRecord, t: Messages, quoted = false): string {
  const { title, description, source } = draft.content;
  if (title.trim()) return title.trim();
  const text = [description, source?.quote, source?.title].map((s) => s?.replace(/\s+/g, ' ').trim()).find(Boolean);
  if (!text) return t.popup.untitled;
  const chars = graphemes(text);
  const start = chars.length > SNIPPET_CHARS ? `${chars.slice(0, SNIPPET_CHARS).join('').trimEnd()}…` : text;
  // Isolated (FSI … PDI): a snippet in Arabic or Hebrew keeps its own direction inside our sentence.
  return (quoted ? t.popup.untitledIn : t.popup.untitledWith)(`\u2068${start}\u2069`);
}

/** The user-perceived characters of `text`: a flag, a skin tone or a family emoji is never cut apart. */
function graphemes(text: string): string[] {
  if (typeof Intl.Segmenter !== 'function') return Array.from(text); // by code point, where Segmenter is missing
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
}

/** What "send now" achieved for `draft` (as read after the run), for the live region. */
export function sendOutcome(draft: DraftRecord, c: ItemTextContext): string {
  const title = itemTitle(draft, c.t);
  if (draft.state !== 'queued') return c.t.popup.stateChanged(title, [c.t.state[draft.state], failureText(draft, c.t)].filter(Boolean).join('. '));
  return `${title}: ${c.offline ? c.t.popup.offline : [failureText(draft, c.t, c), nextTryText(draft, c)].filter(Boolean).join(' ')}`;
}
