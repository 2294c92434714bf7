/**
 * The widgets of one page, as they see each other: which drafts are open in which widget, who
 * submitted which idea, who speaks for the page, and the per-tab key each widget remembers its
 * draft under. Module state: one page, one set.
 */
import { signal } from '@preact/signals-core';
import { isEditable, isListed, type DraftRecord } from '../shared/domain/draft';
import { isThisPage } from './page';

/** A started widget, as far as its siblings need to know it. */
export interface Sibling {
  readonly runtime?: unknown;
  /** True while its launcher's modal dialog is open. */
  modalOpen?(): boolean;
}

/** A set whose changes bump a signal, so that every widget of the page re-renders on a claim or a release. */
class ClaimedDrafts extends Set<string> {
  readonly changes = signal(0);
  override add(id: string): this {
    if (!this.has(id)) this.changes.value++;
    return super.add(id);
  }
  override delete(id: string): boolean {
    return super.delete(id) && !!++this.changes.value;
  }
}

/**
 * Drafts open in an editor of a widget on this page, so two widgets never edit the same draft. Each widget's render
 * reads `claimed.changes`: a draft another widget has just opened must lose its "Fortsätt skriva" here at once.
 */
export const claimed = new ClaimedDrafts();
/** The started widgets of this page, in start order. */
export const live = new Set<Sibling>();
/** Which widget submitted an idea: only it reports the idea's fate (event, announcement). */
export const owners = new Map<string, Sibling>();

/** This tab's memory (sessionStorage: it survives a reload) of the ideas submitted in it, newest last. */
const SUBMITTED_KEY = 'idesluss-widget:submitted';

/** `self` submitted idea `id`: it reports the idea's fate, and after a reload this tab's first widget does. */
export function submittedBy(self: Sibling, id: string): void {
  owners.set(id, self);
  try {
    sessionStorage.setItem(SUBMITTED_KEY, [...submittedHere().filter((x) => x !== id).slice(-99), id].join(' '));
  } catch {
    // No per-tab memory: after a reload this tab fires no `idesluss-sent` for the idea (the list still shows it sent).
  }
}

/** The ideas submitted in this tab, as `submittedBy` remembered them, space-separated (none when it cannot be read). */
function submittedHere(): string[] {
  try {
    return sessionStorage.getItem(SUBMITTED_KEY)?.split(' ') ?? [];
  } catch {
    return [];
  }
}

/**
 * Whether `self` fires `idesluss-sent` for idea `id`: the idea was submitted in this tab (another tab of the page sees
 * it sent too, and must not tell its page of an idea it never submitted), and `self` `speaks` for it.
 */
export function reportsSent(self: Sibling, id: string): boolean {
  return (owners.has(id) || submittedHere().includes(id)) && speaks(self, id);
}

/**
 * Whether `self` tells the user about idea `id`: the widget that submitted it, while it lives;
 * else (or without `id`: page-wide news such as offline) the first started widget of its runtime.
 */
export function speaks(self: Sibling, id?: string): boolean {
  const owner = id && owners.get(id);
  return owner && live.has(owner) ? owner === self : [...live].find((c) => c.runtime === self.runtime) === self;
}

/**
 * Whether `self` is the one heard saying news of its runtime (page-wide, or idea `id`'s): while a
 * widget's modal dialog is open the rest of the page is inert to assistive technology, so that
 * widget says it all; else the one that `speaks`. Events still go by `speaks`.
 */
export function voices(self: Sibling, id?: string): boolean {
  const modal = [...live].find((c) => c.runtime === self.runtime && c.modalOpen?.());
  return modal ? modal === self : speaks(self, id);
}

/**
 * The sessionStorage key of a widget's draft: page and challenge, plus the element's id, else its
 * place among the page's widgets (the first, or a page's only widget, keeps the plain key).
 */
export function sessionKey(host: HTMLElement & { challenge?: string }): string {
  // Worked out once per element: a `challenge` a CMS sets after the start, or a widget put in before this one, must not
  // move the key between the start's read and the writes at pagehide (the keys journalled then would be lost).
  let key = sessionKeys.get(host);
  if (key === undefined) {
    const widgets = [...document.querySelectorAll<HTMLElement>(host.localName)];
    const taken = new Set(widgets.map((el) => el !== host && sessionKeys.get(el)));
    let nth = widgets.indexOf(host);
    const make = () => `idesluss-widget:${location.pathname}:${host.challenge?.trim() ?? ''}${host.id ? `#${host.id}` : nth > 0 ? `:${nth}` : ''}`;
    // A widget put in before a started one takes that one's place in the order, not its key: the next free one.
    for (key = make(); !host.id && taken.has(key); key = make()) nth++;
    sessionKeys.set(host, key);
  }
  return key;
}
const sessionKeys = new WeakMap<HTMLElement, string>();

/**
 * The draft a starting widget opens, one that no sibling has open: `wanted` (the tab's own,
 * remembered, whatever challenge the user picked in it and whichever page it came from), else the
 * newest of this page and challenge that no other widget of the page remembers or journalled
 * (`reserved`: it opens that one itself when it starts). `drafts` is newest first.
 */
export function pageDraft(drafts: DraftRecord[], challengeId: string | undefined, wanted: string | undefined, reserved: ReadonlySet<string | undefined>): DraftRecord | undefined {
  const free = (d: DraftRecord) => d.state === 'draft' && !claimed.has(d.id);
  // The tab's own draft even when the user picked another challenge in it, or opened one from
  // another page here ("Fortsätt skriva"); else one of this page and challenge.
  return drafts.find((d) => d.id === wanted && free(d)) ?? drafts.find((d) => free(d) && isThisPage(d.content.source?.url) && d.content.challengeId === challengeId && !reserved.has(d.id));
}

/**
 * A widget's list: this page's drafts and sent ideas, newest first, without `current` (the one being
 * written); then the ideas from other pages that wait for the user (a draft, or one the intranet
 * refused) and that no widget of this page has open, and those `self` submitted for them, so their
 * fate is shown and said as for this page's. Ideas from other pages would otherwise be out of reach
 * for good once their page no longer offers the form (a challenge closed or removed, an article
 * taken down). Runs on every render, that is on every keystroke: one pass, one URL parse per draft.
 */
export function listedDrafts(self: Sibling, drafts: readonly DraftRecord[], current: string | undefined): DraftRecord[] {
  const here: DraftRecord[] = [];
  const elsewhere: DraftRecord[] = [];
  for (const d of drafts) {
    if (d.id === current || !isListed(d)) continue;
    if (isThisPage(d.content.source?.url)) here.push(d);
    else if ((isEditable(d.state) && !claimed.has(d.id)) || owners.get(d.id) === self) elsewhere.push(d);
  }
  return [...here, ...elsewhere];
}
