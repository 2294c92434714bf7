/**
 * The user's side of a draft's lifecycle (DESIGN section 4): edit, submit, withdraw. Pure functions
 * from one DraftRecord to the next, so they can run inside a store's synchronous `update` callback
 * (nothing but IndexedDB may be awaited in a transaction) and be tested without a database.
 * The sync side (sending, sent, retry, needs-attention) lives in shared/sync/.
 */
import type { DraftRecord, DraftState } from './draft';
import { isEditable } from './draft';
import type { FieldError, IdeaContent } from './idea';
import { validateIdea } from './validation';

/** Why a transition was refused. `invalid` carries the field errors. */
export type TransitionRefusal =
  | { ok: false; reason: 'not-editable' | 'not-submittable' | 'not-withdrawable' | 'no-conflict'; state: DraftState }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

export type TransitionResult = { ok: true; record: DraftRecord } | TransitionRefusal;

/**
 * Applies an edit: replaces the whole content (autosave writes the editor's full snapshot, which
 * `mergeContent` builds from the fields typed in). Allowed in `draft` and `needs-attention` (content
 * is frozen from `queued` on); editing a `needs-attention` draft makes it a `draft` again, keeping the
 * field errors of the fields not changed beside them until the next submit.
 */
export function setContent(record: DraftRecord, content: IdeaContent, now: number): TransitionResult {
  if (!isEditable(record.state)) return { ok: false, reason: 'not-editable', state: record.state };
  const { fieldErrors, ...rest } = record;
  // The editor clears a field's errors as it is typed in (`source.url` belongs to `source`): the
  // stored ones follow, so they do not come back when another view reads the record.
  const kept = fieldErrors?.filter((error) => {
    const field = error.field.split('.')[0] as keyof IdeaContent;
    return JSON.stringify(record.content[field]) === JSON.stringify(content[field]);
  });
  return { ok: true, record: { ...rest, ...(kept?.length ? { fieldErrors: kept } : {}), state: 'draft', content, updatedAt: now } };
}

/**
 * Submits: validates the content and, when valid, moves the draft to `queued` with the canonical
 * (normalised) content, `attempts` reset and old field errors, failure and conflict cleared.
 * When invalid, returns the field errors and changes nothing — the text stays as typed.
 * Store the result with `durability: 'strict'`.
 */
export function submitDraft(record: DraftRecord, now: number): TransitionResult {
  if (!isEditable(record.state)) return { ok: false, reason: 'not-submittable', state: record.state };
  const result = validateIdea(record.content);
  if (!result.ok) return { ok: false, reason: 'invalid', errors: result.errors };
  const { fieldErrors: _f, lastFailure: _l, conflict: _c, nextAttemptAt: _n, autoRetryAt: _a, stuck: _s, ...rest } = record;
  return { ok: true, record: { ...rest, state: 'queued', content: result.value, attempts: 0, queuedAt: now, updatedAt: now } };
}

/**
 * Withdraws a `queued` or `needs-attention` draft back to `draft` so the user can edit it.
 * Refused while `sending` (a request is in flight; the result decides) and once `sent`.
 * Withdrawing a `draft` changes nothing. Field errors (and a 409's copy) are kept for the user to
 * fix; the last failure goes, since it was about a send that is no longer pending.
 */
export function withdrawDraft(record: DraftRecord, now: number): TransitionResult {
  if (record.state === 'draft') return { ok: true, record };
  if (record.state !== 'queued' && record.state !== 'needs-attention') return { ok: false, reason: 'not-withdrawable', state: record.state };
  const { queuedAt: _q, nextAttemptAt: _n, autoRetryAt: _a, lastFailure: _l, stuck: _s, ...rest } = record;
  return { ok: true, record: { ...rest, state: 'draft', attempts: 0, updatedAt: now } };
}

/** True when the intranet refused this record with a 409, whether or not it showed its own copy. */
export function isConflicted(record: DraftRecord): boolean {
  return record.conflict !== undefined || record.lastFailure?.kind === 'conflict';
}

/**
 * Settles a 409 (DESIGN section 4) the intranet's way: it holds a different version under this id,
 * so this record becomes that idea, `sent`, with the intranet's copy as its content. Refused when
 * the intranet's copy is not known (it would not show it) or the record is not waiting for the user.
 */
export function keepIntranetVersion(record: DraftRecord, now: number): TransitionResult {
  if (!isEditable(record.state) || !record.conflict) return { ok: false, reason: 'no-conflict', state: record.state };
  const { conflict, fieldErrors: _f, lastFailure: _l, nextAttemptAt: _n, autoRetryAt: _a, ...rest } = record;
  const { id: _id, status, createdAt: _c, updatedAt: _u, ...content } = conflict;
  // The person's choice is their last act on it: it lists where they made it (docs/adr/027), not at its first submit.
  return { ok: true, record: { ...rest, state: 'sent', content, remoteStatus: status, attempts: 0, queuedAt: now, sentAt: now, updatedAt: now } };
}

/**
 * Settles a 409 the user's way: this device's version, as a new idea with an id of its own
 * (`newId`), queued. Refused when the content is not valid (the user then edits the record).
 * The caller settles the old record: `keepIntranetVersion`, or a delete when the copy is unknown.
 */
export function asNewIdea(record: DraftRecord, newId: string, now: number): TransitionResult {
  if (!isEditable(record.state) || !isConflicted(record)) return { ok: false, reason: 'no-conflict', state: record.state };
  return submitDraft({ id: newId, state: 'draft', content: record.content, createdAt: now, updatedAt: now, attempts: 0 }, now);
}

/** Merges an edit into content; `undefined` values remove optional fields. */
export function mergeContent(content: IdeaContent, patch: Partial<IdeaContent>): IdeaContent {
  const merged: Record<string, unknown> = { ...content, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as unknown as IdeaContent;
}

/**
 * Thrown where a refused transition cannot be returned (inside a store's `update` callback, which
 * it aborts, or from a model method that returns void). `refusal` says why.
 */
export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  constructor(readonly refusal: TransitionRefusal) {
    super(refusal.reason === 'invalid' ? 'The idea is not valid.' : `Not allowed in state ${refusal.state}: ${refusal.reason}`);
  }
}
