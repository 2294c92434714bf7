/**
 * Binds the shared signals-core models (shared/models) to one widget element: a controller (the
 * shape of Lit's ReactiveController, see idesluss-widget/widget-element.ts) that starts the page's
 * runtime after load, opens this widget's draft, re-renders on every signal change, turns model
 * transitions into DOM events and screen-reader announcements.
 * No business logic: validation, saving, queuing and sending happen in shared/.
 */
import { effect } from '@preact/signals-core';
import type { DraftRecord } from '../shared/domain/draft';
import { isUnwritten, type IdeaContent, type Lang } from '../shared/domain/idea';
import { inSubmitGrace } from '../shared/models/submit-grace';
import type { EditorModel } from '../shared/models/types';
import { Announcements } from './announcements';
import { IdeslussSubmittedEvent } from './events';
import { afterLoadIdle, pageSource, remember, resolveApiBase, safeApiBase } from './page';
import { journalUnsaved, peekUnsaved } from './unload-journal';
import { getRuntime, type WidgetRuntime } from './runtime';
import { failedText, type WidgetMessages } from './messages';
import { WidgetNews } from './news';
import { claimed, listedDrafts, live, sessionKey } from './siblings';
import { openStartDraft } from './start-draft';
import { queuedNote } from './sync-actions';
import type { ControllerHost, ElementController } from './idesluss-widget/widget-element';

/** What the controller needs from its element. */
export interface WidgetHost extends ControllerHost, HTMLElement {
  apiBase: string;
  challenge?: string;
  readonly uiLang: Lang;
  readonly m: WidgetMessages;
}

/** Reads signal values inside an effect so that it subscribes to them. */
function track(..._values: unknown[]): void {}

/** One per element: owns its editor, shares the page's runtime. */
export class WidgetController implements ElementController {
  runtime?: WidgetRuntime;
  editor?: EditorModel;
  /**
   * Set when the runtime could not start: no IndexedDB, or an `api-base` that is no address. The form
   * still works and what is typed is journalled at pagehide, but nothing is saved or sent.
   */
  failed: false | 'storage' | 'api-base' = false;
  /** What the aria-live region says. */
  readonly said = new Announcements();
  /** What the user typed before the runtime was ready; applied as soon as it is. */
  private _early: Partial<IdeaContent> = {};
  private _starting?: Promise<void>;
  private _stopIdle?: () => void;
  private _stopEffect?: () => void;
  /** The API base this widget started with. */
  private _base?: string;
  /** Bumped on detach (and on a move to another API): a start still in flight for before then gives up. */
  private _generation = 0;
  /** What this widget tells the page and the user about its ideas. */
  readonly news: WidgetNews;
  /** The submit in progress, and when the user's last one succeeded (0: none, or input since; see shared/models/submit-grace.ts). */
  private _busy?: Promise<boolean | undefined>;
  private _doneAt = 0;
  /** Forgets the journal entry of keys typed before the runtime was up (see `_flush`). */
  private _forgetEarly?: () => void;
  /** The draft id last seen in the editor. */
  private _current?: string;

  constructor(readonly host: WidgetHost) {
    host.addController(this);
    this.news = new WidgetNews(this, host);
  }

  hostConnected(): void {
    this._stopIdle?.(); // connected twice without a disconnect: one idle start, not two
    this._stopIdle = afterLoadIdle(() => void this.start());
    // A tab closed or hidden right after a keystroke keeps that keystroke (DESIGN section 5): from
    // the start, since keys typed before the runtime is up are kept too.
    addEventListener('pagehide', this._flush);
    addEventListener('pageshow', this._shown);
    document.addEventListener('visibilitychange', this._flush);
  }

  hostDisconnected(): void {
    this._generation++;
    this._stopIdle?.();
    removeEventListener('pagehide', this._flush);
    removeEventListener('pageshow', this._shown);
    document.removeEventListener('visibilitychange', this._flush);
    this._stopEffect?.();
    this._stopEffect = undefined;
    this._starting = undefined;
    live.delete(this);
    const editor = this.editor;
    this.editor = undefined;
    if (editor) {
      this.release(editor);
      void editor.flush().finally(() => editor.dispose());
    }
  }

  /**
   * `api-base` changed after the start (a CMS setting attributes late): moves to that API's runtime,
   * as a detach and attach would. What was written so far stays with the API it was written for; set
   * to something that is no address, the form says the page is set up wrongly.
   */
  followApiBase(): void {
    // Not started yet (it reads the attribute then), or the same API. After a start that failed on an
    // `api-base` that is no address, a corrected one starts the widget.
    if ((this._base === undefined && this.failed !== 'api-base') || safeApiBase(this.host.apiBase) === this._base) return;
    this.hostDisconnected();
    this.runtime = undefined;
    this._base = undefined;
    this.hostConnected();
    void this.start();
  }

  /**
   * `challenge` set after the start (a CMS binding): presets the open draft while nothing is written
   * in it. A draft being written keeps the challenge it has (the user may have chosen it).
   */
  followChallenge(): void {
    const editor = this.editor;
    const c = editor?.content.value;
    if (!editor || !c || !isUnwritten(c)) return;
    if (editor.draftId.value) editor.update({ challengeId: this.host.challenge?.trim() || undefined });
    else editor.startNew(this.preset());
  }

  /** Starts now (focus, opening the dialog) instead of waiting for idle. Idempotent. */
  start(): Promise<void> {
    this._starting ??= this._boot().catch(() => {
      const { m, apiBase } = this.host;
      this.failed = safeApiBase(apiBase) ? 'storage' : 'api-base';
      // For the page's editor: the attribute to fix. The person using the form is told below.
      if (this.failed === 'api-base') console.error(`[idesluss-widget] api-base ${JSON.stringify(apiBase)} is not an address`);
      this.announce(failedText(m, this.failed)); // said, not only shown: nothing typed here is kept
    });
    return this._starting;
  }

  /** The preset of a new draft: the page, this widget's challenge, the UI language. */
  preset(): Partial<IdeaContent> {
    const source = pageSource();
    const challengeId = this.host.challenge?.trim();
    return { lang: this.host.uiLang, ...(source && { source }), ...(challengeId && { challengeId }) };
  }

  /** Every input goes through here; before the runtime is ready it is kept in memory. */
  update(patch: Partial<IdeaContent>): void {
    this._doneAt = 0;
    if (this.editor) this.editor.update(patch);
    else {
      Object.assign(this._early, patch);
      void this.start();
      this.host.requestUpdate();
    }
  }

  /** The form's content: the editor's, or what was typed before it existed. */
  content(): Partial<IdeaContent> {
    return this.editor?.content.value ?? { ...this.preset(), ...this._early };
  }

  /** Validates, queues, starts a fresh draft. Ignored (undefined) while one runs, or `byUser` within the grace of the user's last (`inSubmitGrace`). */
  submit(byUser = false): Promise<boolean | undefined> {
    if (this._busy || (byUser && inSubmitGrace(this._doneAt, Date.now()))) return Promise.resolve(undefined);
    return (this._busy = this._submit(byUser).finally(() => (this._busy = undefined)));
  }

  private async _submit(byUser: boolean): Promise<boolean> {
    await this.start();
    const editor = this.editor;
    if (!editor) {
      this.announce(this.host.m.saveFailed);
      return false;
    }
    // `next`: the new draft replaces the submitted one in the same step, so the field is never
    // rendered disabled (which would blur it and drop the keys typed right after Enter).
    // A store that failed is shown by the editor's save status; said here too, and nothing is lost.
    const result = await editor.submit({ next: this.preset() }).catch(() => undefined);
    if (!result) {
      this.announce(this.host.m.saveFailed);
      return false;
    }
    if (!result.ok) {
      this.announce(this.host.m.fixErrors);
      return false;
    }
    this.news.submitted(result.id);
    this.host.dispatchEvent(new IdeslussSubmittedEvent({ id: result.id }));
    this.release(result.id);
    if (byUser) this._doneAt = Date.now();
    this.announce(queuedNote(this));
    return true;
  }

  /** This widget's list: see `listedDrafts` in ./siblings.ts. */
  pageDrafts(): DraftRecord[] {
    return listedDrafts(this, this.runtime?.drafts.drafts.value ?? [], this.editor?.draftId.value);
  }

  private async _boot(): Promise<void> {
    // Read before any wait, and left in place until its text is stored (see `_flush`).
    const lost = peekUnsaved(sessionKey(this.host));
    const generation = this._generation;
    const superseded = () => generation !== this._generation || !this.host.isConnected;
    this.failed = false;
    let runtime: WidgetRuntime;
    try {
      // In here: an `api-base` that is no address fails this start like a missing IndexedDB does.
      this._base = resolveApiBase(this.host.apiBase);
      runtime = await getRuntime(this._base);
    } catch (error) {
      if (superseded()) return; // not this start's failure to report any more
      // The journalled text is shown to be copied (and journalled again at pagehide).
      if (lost) this._early = { title: lost.text.title, description: lost.text.description, ...this._early };
      throw error;
    }
    if (superseded()) return;
    this.runtime = runtime;
    // `this.editor` is set only once the draft is shown: input until then is kept in `early`.
    const editor = runtime.createEditor(() => this.host.uiLang);
    const typed = Object.keys(this._early).length > 0;
    await openStartDraft({ host: this.host, editor, drafts: runtime.drafts.drafts.value, lost, typed, preset: () => this.preset() });
    if (superseded()) {
      // Detached, or moved to another API, meanwhile: the start that followed owns the form and `early`.
      this.release(editor);
      editor.dispose();
      return;
    }
    this.editor = editor;
    if (Object.keys(this._early).length > 0) editor.update(this._early);
    this._early = {};
    // Early keys journalled while the runtime was starting: forgotten once stored.
    void editor.flush().then(this._forgetEarly, () => undefined);
    this._forgetEarly = undefined;
    this.news.known(this.pageDrafts());
    live.add(this);
    this._stopEffect = effect(() => this._observe());
  }

  /**
   * On pagehide and visibilitychange: text not yet in IndexedDB (typed before the runtime was up,
   * or a write in flight or waiting) is also journalled in localStorage, since an unload abandons
   * the write; the entry is forgotten once the write commits (docs/adr/010-widget-unload-journal.md).
   */
  private _flush = (): void => {
    const forget = journalUnsaved(sessionKey(this.host), this.editor, this._early);
    if (this.editor) void this.editor.flush().then(forget, () => undefined);
    else this._forgetEarly = forget;
  };

  /**
   * Back from the back/forward cache (docs/adr/036-back-forward-cache.md): the page heard no change notices while it
   * was frozen, so the form re-reads its draft once its own last write has settled, before the next key saves over
   * what another page wrote meanwhile. (WebKit also empties the title field as it restores the page: see the title's
   * `value` attribute in ./idesluss-widget/form-view.ts.)
   */
  private _shown = (e: PageTransitionEvent): void => {
    if (e.persisted) void this.editor?.refollow().catch(() => undefined);
  };

  /** Runs inside an effect: reads every signal the view shows, so any change re-renders. */
  private _observe(): void {
    const { editor, runtime } = this;
    if (!editor || !runtime) return;
    const id = editor.draftId.value;
    const { paused, accountSwitch, syncing, nextAttemptAt } = runtime.sync;
    track(editor.content.value, editor.fieldErrors.value, editor.state.value, runtime.drafts.challenges.value);
    track(paused.value, accountSwitch.value, syncing.value, nextAttemptAt.value, runtime.drafts.drafts.value, claimed.changes.value);
    if (id && id !== this._current) {
      this._current = id;
      claimed.add(id);
      remember(sessionKey(this.host), id);
    }
    this.news.tell(editor, runtime.sync, this.pageDrafts());
    this.host.requestUpdate();
  }

  /** True while this widget's launcher dialog is open (modal: the rest of the page is inert). */
  modalOpen(): boolean {
    return !!this.host.shadowRoot?.querySelector('dialog[open]');
  }

  /** Puts `text` into the aria-live region (`''` empties it). */
  announce(text: string): void {
    this.said.say(text);
    this.host.requestUpdate();
  }

  /** Lets the draft open in `editorOrId` (or that id) be opened by a sibling again; a submit after it is the user's own. */
  release(editorOrId: EditorModel | string): void {
    this._doneAt = 0;
    const id = typeof editorOrId === 'string' ? editorOrId : editorOrId.draftId.peek();
    if (id) claimed.delete(id);
  }
}
