/**
 * The widget's sync buttons: "send now" and the two ways out of a 409 (DESIGN sections 4 and 6).
 * Thin: the shared sync status and drafts models do the work; this says what happened.
 */
import { failureText } from '../shared/i18n/failure-text';
import { StorageError } from '../shared/storage';
import type { WidgetController } from './controller';
import { IdeslussSubmittedEvent } from './events';
import { nextTryText } from './messages';

/**
 * Runs a list button's action. A store that fails it is said; a refused
 * transition needs no word: another tab or widget got there first, and the list shows what it did.
 */
export function settle(ctl: WidgetController, action: Promise<unknown>): void {
  action.catch((error: unknown) => error instanceof StorageError && ctl.announce(ctl.host.m.changeNotSaved));
}

/**
 * "Send now": on a failed try, says why, in the words the idea's item shows (offline, when the
 * device is; else the waiting idea's failure), and when the next try is.
 */
export async function sendNow(ctl: WidgetController): Promise<void> {
  const sync = ctl.runtime?.sync;
  if (!sync) return;
  const sentBefore = sync.lastSentAt.peek();
  await sync.sendNow();
  // Nothing went through and something still waits. (What did go through is told by ./news.ts, as
  // for any send.)
  const next = sync.nextAttemptAt.peek();
  const { m, uiLang } = ctl.host;
  if (!next || sync.lastSentAt.peek() !== sentBefore) return;
  const head = ctl.runtime?.drafts.drafts.peek().find((d) => d.state === 'queued' && d.nextAttemptAt === next);
  // Offline, the offline text already says it is sent when the connection is back; a try time would not hold.
  if (!sync.online.peek()) return ctl.announce(m.offline);
  const why = (head && failureText(m.failure, head, () => '')) || m.noAnswer;
  ctl.announce(`${why} ${nextTryText(m, next, uiLang)}.`);
}

/** Settles a 409 the intranet's way (the shared drafts model). */
export async function keepIntranetVersion(ctl: WidgetController, id: string): Promise<void> {
  await ctl.runtime?.drafts.keepIntranetVersion(id);
}

/** Settles a 409 by sending this version as a new idea, reported by this widget like a submit. */
export async function sendAsNewIdea(ctl: WidgetController, id: string): Promise<void> {
  const runtime = ctl.runtime;
  if (!runtime) return;
  const queued = await runtime.drafts.sendAsNewIdea(id);
  ctl.news.submitted(queued);
  ctl.host.dispatchEvent(new IdeslussSubmittedEvent({ id: queued })); // queued for sending, as a submit is
  ctl.announce(queuedNote(ctl));
  await runtime.sync.sendNow();
}

/** What a submit says: the idea waits; while sync waits for another account (docs/adr/016), as whom it will go. */
export function queuedNote(ctl: WidgetController): string {
  const sync = ctl.runtime?.sync;
  const other = sync?.accountSwitch.value;
  return other ? ctl.host.m.queuedForAccount(other.previous.name) : ctl.host.m.queuedNote;
}
