/**
 * What one widget tells its page about the models' transitions: DOM events (saved, sent) and
 * screen-reader announcements (offline/online, the sign-in prompt, an idea sent or refused).
 * Page-wide news is told once per page, by the first widget; an idea's by the widget that
 * submitted it (./siblings.ts `speaks`). Run from the controller's effect, so it sees every change.
 */
import type { DraftRecord } from '../shared/domain/draft';
import type { EditorModel, SyncStatusModel } from '../shared/models/types';
import { IdeslussSavedEvent, IdeslussSentEvent } from './events';
import { attentionText, titleOf } from './idesluss-widget/form-view';
import type { WidgetMessages } from './messages';
import { reportsSent, submittedBy, voices, type Sibling } from './siblings';

/** The widget the news is told by: its element (events) and its live region. */
export interface NewsTeller extends Sibling {
  announce(text: string): void;
}

/** One per widget; remembers what it has told, so each change is told once. */
export class WidgetNews {
  private readonly _seen = new Map<string, DraftRecord['state']>();
  private _lastStatus = 'idle';
  private _wasOnline = true;
  /**
   * The pause reason told last; `'?'` until a sync run of this page has ended. A stored reason can be
   * stale: back from signing in, the page would say "sign in" and, a moment later, "sent".
   */
  private _wasPaused?: string = '?';
  private _wasSyncing = false;

  constructor(
    private readonly _self: NewsTeller,
    private readonly _host: EventTarget & { readonly m: WidgetMessages },
  ) {}

  /** The page's drafts as they are at start: their past is not news. */
  known(drafts: readonly DraftRecord[]): void {
    for (const d of drafts) this._seen.set(d.id, d.state);
  }

  /** This widget queued idea `id` (a submit, or a 409 sent as a new idea): its fate is this widget's to tell. */
  submitted(id: string): void {
    this._seen.set(id, 'queued');
    submittedBy(this._self, id);
  }

  /** Tells what changed since the last call. */
  tell(editor: EditorModel, sync: SyncStatusModel, drafts: readonly DraftRecord[]): void {
    const status = editor.saveStatus.value;
    const id = editor.draftId.value;
    const { m } = this._host;
    // Saved after a write (not when a stored draft is merely opened): `saving` → `saved`.
    const wasSaving = this._lastStatus === 'saving';
    this._lastStatus = status.kind;
    if (status.kind === 'saved' && id && wasSaving) this._host.dispatchEvent(new IdeslussSavedEvent({ id, at: status.at }));
    const online = sync.online.value;
    const paused = sync.paused.value;
    if (online !== this._wasOnline) {
      this._wasOnline = online;
      if (voices(this._self)) this._self.announce(online ? m.online : m.offline);
    }
    // The reason, and for another account who it is: a new account signed in is news too.
    const other = sync.accountSwitch.value;
    const reason = other ? `account ${other.current.id}` : paused === 'auth' ? paused : undefined;
    const ran = this._wasSyncing && !sync.syncing.value;
    this._wasSyncing = sync.syncing.value;
    if (reason !== this._wasPaused && (this._wasPaused !== '?' || ran)) {
      this._wasPaused = reason;
      if (reason && voices(this._self)) this._self.announce(other ? m.otherAccount(other.previous.name, other.current.name) : m.signInNote);
    }
    for (const d of drafts) {
      const before = this._seen.get(d.id);
      this._seen.set(d.id, d.state);
      if (!before || before === d.state) continue;
      // The submitting widget's element fires the event; the widget that can be heard says it.
      const owns = reportsSent(this._self, d.id);
      const voice = voices(this._self, d.id);
      if (d.state === 'sent' && owns) this._host.dispatchEvent(new IdeslussSentEvent({ id: d.id }));
      if (!voice) continue;
      if (d.state === 'sent') this._self.announce(m.sentNote(titleOf(m, d)));
      else if (d.state === 'needs-attention') this._self.announce(attentionText(m, d));
    }
  }
}
