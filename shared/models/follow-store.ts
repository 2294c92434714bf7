/**
 * What an editor shows when its draft changed in the store (./editor-model.ts): sync moved it
 * (sending, sent, needs-attention), or another view of the same draft (a second tab) typed in it or
 * submitted it. Pure; the editor applies it only while nothing typed in it waits to be written, so
 * local typing always wins over a notice.
 */
import { isEditable, type DraftRecord, type DraftState } from '../domain/draft';
import type { FieldError, IdeaContent } from '../domain/idea';
import { contentKey } from '../domain/validation';

/** The part of the form that follows the store. */
export interface ShownDraft {
  state: DraftState;
  content: IdeaContent;
}

/** A change to the shown draft: only the fields set change. */
export interface FollowChange {
  content?: IdeaContent;
  state?: DraftState;
  fieldErrors?: FieldError[];
}

/**
 * `{ newDraft }`: the draft was submitted in another view, so that idea is on its way and this view
 * goes on with a new draft about the same challenge and page. Else what to show: only the fields set
 * change (none: nothing to change).
 */
export function followStored(shown: ShownDraft, record: DraftRecord): { newDraft: Partial<IdeaContent> } | FollowChange {
  const change: FollowChange = {};
  if (record.state !== shown.state) {
    change.state = record.state;
    change.fieldErrors = record.fieldErrors ?? [];
  }
  if (isEditable(shown.state)) {
    if (!isEditable(record.state)) return { newDraft: { challengeId: record.content.challengeId, source: record.content.source } };
    // Another view's text (our own autosaves store exactly what is on screen).
    if (contentKey(record.content) !== contentKey(shown.content)) change.content = record.content;
  } else if (change.state && !isEditable(record.state)) {
    change.content = record.content; // frozen from `queued` on: the store is canonical
  }
  return change;
}
