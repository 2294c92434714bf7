/**
 * The editor model: one form, the draft being written (DESIGN sections 4–5). The popup and the widget
 * bind to its signals; every input is kept in memory at once (`content`) and autosaved, coalesced.
 * A failed write shows in `saveStatus` and loses nothing: the text stays in `content` to copy out.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals-core';
import { isEditable, type DraftRecord, type DraftState } from '../domain/draft';
import { emptyContent, type FieldError, type IdeaContent, type Lang } from '../domain/idea';
import { mergeContent, TransitionError, withdrawDraft, type TransitionResult } from '../domain/lifecycle';
import { validateIdea } from '../domain/validation';
import { en as storageEn, sv as storageSv } from '../i18n/messages/storage';
import { StorageError } from '../storage/errors';
import { CoalescedSaver } from './coalesced-saver';
import { followStored } from './follow-store';
import { changedFields, storeSubmitted, typedAfter, withoutInvisible, writeContent, type Session } from './draft-writes';
import type { EditorModel, EditorModelDeps, SaveStatus, StorageErrorCode, SubmitOptions, SubmitResult } from './types';

/** The storage catalogue's text for a failed save: the popup's and the default. */
export function storageErrorMessage(code: StorageErrorCode, lang: Lang): string {
  return (lang === 'en' ? storageEn : storageSv).storage.error[code];
}

/** Creates the editor model. Call `open()` once to load the last draft. */
export function createEditorModel(deps: EditorModelDeps): DraftEditorModel {
  return new DraftEditorModel({ ...deps, errorMessage: deps.errorMessage ?? storageErrorMessage });
}

/**
 * EditorModel over a DraftStore. See ./types.ts for the contract. Construct it directly only to
 * pass `errorMessage` without the storage catalogue (the widget); otherwise use `createEditorModel`.
 */
export class DraftEditorModel implements EditorModel {
  private readonly _draftId = signal<string | undefined>(undefined);
  private readonly _content = signal<IdeaContent>(emptyContent('sv'));
  private readonly _state = signal<DraftState>('draft');
  private readonly _saveStatus = signal<SaveStatus>({ kind: 'idle' });
  private readonly _fieldErrors = signal<FieldError[]>([]);
  readonly draftId: ReadonlySignal<string | undefined> = this._draftId;
  readonly content: ReadonlySignal<IdeaContent> = this._content;
  readonly state: ReadonlySignal<DraftState> = this._state;
  readonly saveStatus: ReadonlySignal<SaveStatus> = this._saveStatus;
  readonly fieldErrors: ReadonlySignal<FieldError[]> = this._fieldErrors;

  private _session: Session;
  private _submitting = false;
  /** What the fields held, typed while `submit()` was storing the draft: not dropped (see `update`). */
  private _typedWhileSubmitting: IdeaContent | undefined;
  /** After a successful submit: the text typed meanwhile, for the next `startNew()`. */
  private _carry: Partial<IdeaContent> | undefined;
  /** When the last value was given to the saver (./draft-writes.ts `writeContent`'s `typedAt`). */
  private _scheduledAt = 0;
  private readonly _unsubscribe: () => void;

  constructor(private readonly _deps: EditorModelDeps) {
    this._content.value = emptyContent(this._lang());
    this._session = this._newSession(undefined);
    this._unsubscribe = _deps.notices?.subscribe((n) => {
      const id = this._session.id;
      if (n.kind === 'drafts' && id && n.ids.includes(id)) void this._followStore(id);
    }) ?? (() => undefined);
  }

  /**
   * Opens a draft (see the contract). Saves the current one first; if that fails, rejects with its
   * StorageError and changes nothing, so the unsaved text stays on screen to be copied.
   */
  async open(id?: string): Promise<void> {
    this._carry = undefined;
    await this.flush();
    try {
      const record = id ? await this._deps.store.get(id) : (await this._deps.store.listByState('draft')).at(-1);
      if (record) this._show(record);
      else this.startNew();
    } catch (error) {
      this.startNew();
      this._fail(error);
    }
  }

  /**
   * Starts an empty draft (see the contract). The previous draft's pending write still completes.
   * Do not call it while `saveStatus` shows an error: that text exists only on screen.
   */
  startNew(preset: Partial<IdeaContent> = {}): void {
    const carry = this._carry;
    this._carry = undefined;
    this._session = this._newSession(undefined);
    const content = mergeContent(mergeContent(emptyContent(this._lang()), preset), carry ?? {});
    batch(() => {
      this._draftId.value = undefined;
      this._content.value = content;
      this._state.value = 'draft';
      this._fieldErrors.value = [];
      this._saveStatus.value = { kind: carry ? 'saving' : 'idle' };
    });
    // Keys typed right after "submit" (before this new draft existed) start the new draft.
    if (carry) this._schedule(content);
  }

  /**
   * Call on every input (see the contract). Ignored when the draft is not editable (queued, sending,
   * sent). During the few milliseconds of `submit()` the input is held: when the submit succeeds,
   * what was typed after the submitted text starts the next draft (`startNew`); when it fails, it
   * stays in this one. Typing in a field clears that field's errors.
   */
  update(patch: Partial<IdeaContent>): void {
    if (this._submitting) {
      this._typedWhileSubmitting = mergeContent(this._typedWhileSubmitting ?? this._content.value, patch);
      // Shown, not stored: a view that re-renders meanwhile (Preact writes `value` back into the
      // DOM when they differ) must show what was typed, not the submitted text without it.
      this._content.value = this._typedWhileSubmitting;
      return;
    }
    this._carry = undefined;
    if (!isEditable(this._state.value)) return; // content is frozen from `queued` on
    const content = mergeContent(this._content.value, patch);
    const touched = Object.keys(patch);
    batch(() => {
      this._content.value = content;
      if (this._fieldErrors.value.some((e) => touched.includes(e.field.split('.')[0]!))) {
        this._fieldErrors.value = this._fieldErrors.value.filter((e) => !touched.includes(e.field.split('.')[0]!));
      }
      this._saveStatus.value = { kind: 'saving' };
    });
    this._schedule(content);
  }

  flush(): Promise<void> {
    return this._session.saver.flush();
  }

  /**
   * Takes out invisible characters the contract refuses, validates; if valid, stores the draft as
   * `queued` with strict durability and calls `onSubmitted`.
   * Rejects with StorageError when it cannot be stored (also shown in `saveStatus`; text kept).
   * With `next`, a success starts the new draft in the same synchronous step (see the contract).
   */
  async submit({ next }: SubmitOptions = {}): Promise<SubmitResult> {
    const cleaned = withoutInvisible(this._content.value);
    if (cleaned) this.update(cleaned); // shown and stored as sent
    const checked = validateIdea(this._content.value);
    if (!checked.ok) {
      this._fieldErrors.value = checked.errors;
      return { ok: false, errors: checked.errors };
    }
    this._submitting = true;
    this._carry = undefined;
    const submitted = this._content.value;
    let ok = false;
    const session = this._session;
    try {
      const { id, outcome, stored } = await storeSubmitted(this._deps.store, session, submitted, () => this._deps.clock.now());
      if (!outcome.ok && outcome.reason === 'invalid') {
        this._fieldErrors.value = outcome.errors;
        return { ok: false, errors: outcome.errors };
      }
      // Refused as `not-submittable` means it is queued, sending or sent already: submitted.
      if (stored && this._session === session && !next) this._show(stored, session);
      this._deps.onSubmitted?.(id);
      ok = true;
      return { ok: true, id };
    } catch (error) {
      this._fail(error);
      throw error;
    } finally {
      this._submitting = false;
      const typed = this._typedWhileSubmitting;
      this._typedWhileSubmitting = undefined;
      if (typed && ok) this._carry = typedAfter(submitted, typed);
      else if (typed) {
        // Only what changed, so the errors of untouched fields stay beside them.
        const changed = changedFields(submitted, typed);
        if (Object.keys(changed).length > 0) this.update(changed);
      }
      if (ok && next) this.startNew(next);
    }
  }

  /** Withdraws (see the contract) and opens the draft for editing. Rejects with TransitionError while sending. */
  async withdraw(id: string): Promise<void> {
    let refusal: TransitionResult | undefined;
    await this._deps.store.update(id, (r) => {
      const result = withdrawDraft(r, this._deps.clock.now());
      if (!result.ok) refusal = result;
      return result.ok && result.record !== r ? result.record : undefined;
    }, { durability: 'strict' });
    if (refusal && !refusal.ok) throw new TransitionError(refusal);
    await this.open(id); // withdrawn "for editing": show it in the form
  }

  async refollow(): Promise<void> {
    await this.flush();
    const session = this._session;
    const shown = this._content.value;
    const record = session.id ? await this._deps.store.get(session.id).catch(() => undefined) : undefined;
    if (!record || this._session !== session || this._submitting) return;
    if (!session.saver.unsaved) return this._showStored(record);
    // Keys typed while the draft was read: they stay, over what is stored of the fields they left alone (whose
    // text another page may have written while this one was frozen).
    const now = this._content.value;
    const typed = Object.fromEntries(Object.entries(now).filter(([field, value]) => value !== shown[field as keyof IdeaContent]));
    if (record.state !== 'draft') return;
    session.stored = record.content; // the keys typed during the read are typed over the stored text
    this.update({ ...record.content, ...typed });
  }

  dispose(): void {
    this._unsubscribe();
    void this._session.saver.flush().catch(() => undefined);
  }

  /** Asks the session's saver to write `content`, typed now (`_scheduledAt`: no value it writes is younger). */
  private _schedule(content: IdeaContent): void {
    this._scheduledAt = this._deps.clock.now();
    this._session.saver.schedule(content);
  }

  /** The write behind every autosave (see ./draft-writes.ts); a new record becomes the form's draft. */
  private async _save(session: Session, content: IdeaContent): Promise<void> {
    const { created, base, unseen } = await writeContent(this._deps.store, session.id, content, this._deps.clock.now(), this._scheduledAt, session.stored);
    session.stored = base;
    // The other view's text, whose notice came while keys waited here: shown once the saver is idle.
    if (unseen) void session.saver.idle().then(() => this._followStore(session.id!));
    if (!created) return;
    session.id = created;
    if (this._session !== session) return;
    batch(() => {
      this._draftId.value = created;
      this._state.value = 'draft';
    });
  }

  private _newSession(id: string | undefined): Session {
    const previous = this._session?.saver;
    const session: Session = { id, saver: undefined as unknown as CoalescedSaver<IdeaContent> };
    session.saver = new CoalescedSaver<IdeaContent>({
      write: (content) => this._save(session, content),
      after: previous?.idle(), // the previous draft's last write goes first: one write in flight
      onSaved: (idle) => {
        if (idle && this._session === session) this._saveStatus.value = { kind: 'saved', at: this._deps.clock.now() };
      },
      onError: (error) => {
        if (this._session === session) this._fail(error);
      },
    });
    return session;
  }

  /** Shows a stored record in the form (after open, submit, or a change by sync). */
  private _show(record: DraftRecord, session: Session = this._newSession(record.id)): void {
    this._session = session;
    session.stored = record.content;
    batch(() => {
      this._draftId.value = record.id;
      this._content.value = record.content;
      this._state.value = record.state;
      this._fieldErrors.value = record.fieldErrors ?? [];
      this._saveStatus.value = { kind: 'saved', at: record.updatedAt };
    });
  }

  /**
   * Our draft changed in the store: sync moved it (sending, sent, needs-attention), or another view
   * of the same draft (a second tab) typed in it or submitted it. Follows the store while nothing
   * typed here waits to be written; local typing always wins over a notice.
   */
  private async _followStore(id: string): Promise<void> {
    const session = this._session;
    const record = await this._deps.store.get(id).catch(() => undefined);
    // Text not yet stored (a write waiting, or one that failed) exists only here: it wins. A submit
    // under way decides itself what the form shows next.
    if (!record || this._session !== session || session.saver.unsaved || this._submitting) return;
    this._showStored(record);
  }

  /** Shows what the store holds of the open draft, as ./follow-store.ts decides. */
  private _showStored(record: DraftRecord): void {
    const next = followStored({ state: this._state.value, content: this._content.value }, record);
    if ('newDraft' in next) return this.startNew(next.newDraft);
    this._session.stored = record.content;
    batch(() => {
      if (next.content) this._content.value = next.content;
      if (next.state) this._state.value = next.state;
      if (next.fieldErrors) this._fieldErrors.value = next.fieldErrors;
    });
  }

  private _fail(error: unknown): void {
    const code = error instanceof StorageError ? error.code : 'unknown';
    this._saveStatus.value = { kind: 'error', code, message: this._deps.errorMessage?.(code, this._lang()) ?? code };
  }

  private _lang(): Lang {
    return this._deps.lang?.() ?? 'sv';
  }
}
