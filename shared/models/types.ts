/**
 * The contracts of the signals-core models that the Preact popup and the Lit widget both bind to
 * (DESIGN sections 5–6). Implementations live beside this file; views only read signals and call methods.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import type { Clock } from '../domain/clock';
import type { DraftRecord, DraftState } from '../domain/draft';
import type { Challenge, FieldError, IdeaContent, Lang } from '../domain/idea';
import type { ChangeNotices } from '../storage/change-notices';
import type { DraftStore } from '../storage/types';
import type { AccountSwitch } from '../sync/account-check';

/** Why a local write failed; the UI offers to copy the text out. */
export type StorageErrorCode = 'quota' | 'blocked' | 'unavailable' | 'unknown';

/** The editor's save indicator: "saved on this computer" is `saved`. */
export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; code: StorageErrorCode; message: string };

export type SubmitResult = { ok: true; id: string } | { ok: false; errors: FieldError[] };

/** How `EditorModel.submit` goes on after a successful submit. */
export interface SubmitOptions {
  /** Start a new draft with this preset at once (what both forms do); else the submitted one stays shown. */
  next?: Partial<IdeaContent>;
}

/** One form: the draft being written. */
export interface EditorModel {
  /** Undefined until the first input creates the record. */
  readonly draftId: ReadonlySignal<string | undefined>;
  readonly content: ReadonlySignal<IdeaContent>;
  readonly state: ReadonlySignal<DraftState>;
  readonly saveStatus: ReadonlySignal<SaveStatus>;
  /** From local validation on submit, or from the server (needs-attention). */
  readonly fieldErrors: ReadonlySignal<FieldError[]>;
  /** Opens a draft by id, or (no id) the most recently edited `draft`, or starts empty. */
  open(id?: string): Promise<void>;
  /** Starts a new empty draft, optionally preset (challenge, page context). Nothing is stored until `update`. */
  startNew(preset?: Partial<IdeaContent>): void;
  /** Call on every input. Autosaves: one write in flight, one pending, the last value wins. */
  update(patch: Partial<IdeaContent>): void;
  /** Resolves when every input so far is committed. Call on pagehide / visibilitychange. */
  flush(): Promise<void>;
  /**
   * Once every input so far is committed, re-reads the open draft from the store as a change notice would: for a page
   * back from the back/forward cache, which heard no notices while it was frozen (docs/adr/036-back-forward-cache.md).
   */
  refollow(): Promise<void>;
  /**
   * Validates, then moves the draft to `queued` (strict durability) and asks sync to run. With
   * `next`, a successful submit goes straight on to a new draft so preset (plus any keys typed
   * meanwhile), in the same step: the form never renders the frozen, disabled draft, which would
   * take focus from the field and lose the keys typed right after Enter.
   */
  submit(options?: SubmitOptions): Promise<SubmitResult>;
  /** Returns a queued or needs-attention draft to `draft` for editing. */
  withdraw(id: string): Promise<void>;
  dispose(): void;
}

/** The list of drafts and sent ideas on this device. */
export interface DraftsModel {
  /** Newest first, by the user's last act on each: its last change, or once submitted its submit. */
  readonly drafts: ReadonlySignal<DraftRecord[]>;
  readonly challenges: ReadonlySignal<Challenge[]>;
  /** Re-reads from IndexedDB; also runs on every change notice. */
  refresh(): Promise<void>;
  /** Deletes a draft, on the user's explicit request only; resolves with what it deleted. */
  remove(id: string): Promise<DraftRecord | undefined>;
  /** Puts back what `remove` deleted: the user's "undo". */
  restore(record: DraftRecord): Promise<void>;
  /** Settles a 409 the intranet's way: the record becomes the intranet's version, sent. */
  keepIntranetVersion(id: string): Promise<void>;
  /** Settles a 409 the user's way: this version queued as a new idea; resolves with its id. */
  sendAsNewIdea(id: string): Promise<string>;
  dispose(): void;
}

/** What sync is doing, for the offline banner, the sign-in prompt and "send now". */
export interface SyncStatusModel {
  readonly online: ReadonlySignal<boolean>;
  /** `auth`: paused until the user signs in; `account`: another account is signed in (`accountSwitch`). */
  readonly paused: ReadonlySignal<'auth' | 'account' | undefined>;
  /** Who ideas went as, and who is signed in now: set only while paused for another account, else undefined. */
  readonly accountSwitch: ReadonlySignal<AccountSwitch | undefined>;
  /** While paused: where the intranet said to sign in, if it did; else the view's own guess applies. */
  readonly signInUrl: ReadonlySignal<string | undefined>;
  readonly syncing: ReadonlySignal<boolean>;
  /** Earliest `nextAttemptAt` among queued drafts. */
  readonly nextAttemptAt: ReadonlySignal<number | undefined>;
  readonly lastSentAt: ReadonlySignal<number | undefined>;
  /** Ignores backoff for queued drafts and runs sync now (the "send now" button). */
  sendNow(): Promise<void>;
  /** Sends the waiting ideas as `accountId`, the signed-in account `accountSwitch` names (the prompt's answer). */
  sendAsSignedIn(accountId: string): Promise<void>;
  dispose(): void;
}

/** What the editor model (./editor-model.ts) is built from. */
export interface EditorModelDeps {
  store: DraftStore;
  clock: Clock;
  /** The context's change notices: the editor follows sync's changes to its draft. */
  notices?: ChangeNotices;
  /** Called after a successful submit; the composition root wires it to "run sync now". */
  onSubmitted?: (id: string) => void;
  /** The UI language for messages and for new drafts. Default `sv`. */
  lang?: () => Lang;
  /**
   * The text of a failed save in `saveStatus`. `createEditorModel` defaults it to the storage
   * catalogue (shared/i18n/messages/storage.ts); the widget passes its own one-line message, so its
   * bundle does not carry that catalogue.
   */
  errorMessage?: (code: StorageErrorCode, lang: Lang) => string;
}
