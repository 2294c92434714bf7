/**
 * The widget's DOM events, one class per event (the Web Awesome shape), registered in the global
 * event map so `el.addEventListener('idesluss-sent', e => e.detail.id)` is typed. All bubble and
 * cross the shadow boundary (`composed`), so a host page can listen on `document`.
 */

/** Detail of every widget event: the draft's client id (also its id on the intranet). */
export interface IdeslussEventDetail {
  id: string;
}

/** Fired when the draft being written is committed to IndexedDB on this computer. */
export class IdeslussSavedEvent extends CustomEvent<IdeslussEventDetail & { at: number }> {
  constructor(detail: IdeslussEventDetail & { at: number }) {
    super('idesluss-saved', { bubbles: true, composed: true, detail });
  }
}

/** Fired when the user submits a valid draft: it is queued on this computer and will be sent. */
export class IdeslussSubmittedEvent extends CustomEvent<IdeslussEventDetail> {
  constructor(detail: IdeslussEventDetail) {
    super('idesluss-submitted', { bubbles: true, composed: true, detail });
  }
}

/** Fired when the intranet has accepted an idea this widget submitted (else, for one submitted in this tab before a reload, by the page's first widget): once per idea and page, never in another tab. */
export class IdeslussSentEvent extends CustomEvent<IdeslussEventDetail> {
  constructor(detail: IdeslussEventDetail) {
    super('idesluss-sent', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'idesluss-saved': IdeslussSavedEvent;
    'idesluss-submitted': IdeslussSubmittedEvent;
    'idesluss-sent': IdeslussSentEvent;
  }
}
