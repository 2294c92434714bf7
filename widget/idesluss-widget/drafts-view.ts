/**
 * This page's drafts and sent ideas: each with its state (a draft on this computer is never
 * mistaken for an idea on the intranet), why the intranet has not taken it yet, the time of the
 * next try, and "send now".
 */
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { isPending, type DraftRecord } from '../../shared/domain/draft';
import { isConflicted } from '../../shared/domain/lifecycle';
import { partLang, type Lang } from '../../shared/domain/idea';
import type { WidgetController } from '../controller';
import { nextTryText, type WidgetMessages } from '../messages';
import { isThisPage } from '../page';
import { reasonText, titleOf } from './form-view';
import { editable } from '../list-actions';
import { keepIntranetVersion, sendAsNewIdea, sendNow, settle } from '../sync-actions';

/** What the drafts view reads from its element. */
export interface DraftsHost {
  readonly ctl: WidgetController;
  readonly m: WidgetMessages;
  readonly uiLang: Lang;
  editDraft(id: string): void;
  withdrawDraft(id: string): void;
}

function stateText(d: DraftRecord, m: WidgetMessages, lang: Lang, waitsFor: string | undefined, offline: boolean): string {
  const parts: string[] = [m.state[d.state]];
  if (d.state === 'sent' && d.remoteStatus) parts.push(m.status[d.remoteStatus]);
  // Waiting for another account to sign in (docs/adr/016): that, not an old reason or try time.
  // Offline, the engine looks again every few seconds and the notice above says it waits for the
  // connection: a try time would be stale within seconds.
  if (d.state === 'queued') parts.push(waitsFor ? m.waitingForAccount(waitsFor) : d.nextAttemptAt && !offline ? nextTryText(m, d.nextAttemptAt, lang) : '');
  return parts.filter(Boolean).join(' · ');
}

/**
 * A 409 (DESIGN section 4): the intranet's version beside ours, and the two ways out: keep the
 * intranet's (when it showed it), or send ours as a new idea.
 */
function renderConflict({ ctl, m, uiLang }: DraftsHost, d: DraftRecord, title: string): TemplateResult {
  return html`<span class="hint" id="conflict-${d.id}">${m.conflict}${d.conflict ? html`: <q dir="auto" lang=${partLang(d.conflict.lang, uiLang) || nothing}>${d.conflict.title}</q>. ${m.keepTheirsHint}` : '.'}</span>
    ${d.conflict
      ? html`<button type="button" part="button" aria-label="${m.keepTheirs}: ${title}" aria-describedby="conflict-${d.id}" @click=${() => settle(ctl, keepIntranetVersion(ctl, d.id))}>${m.keepTheirs}</button>`
      : nothing}
    <button type="button" part="button" aria-label="${m.sendAsNew}: ${title}" @click=${() => settle(ctl, sendAsNewIdea(ctl, d.id))}>${m.sendAsNew}</button>`;
}

/** This page's drafts list, or nothing when there is none. */
export function renderDrafts(host: DraftsHost): TemplateResult | typeof nothing {
  const { ctl, m, uiLang } = host;
  const items = ctl.pageDrafts();
  const sync = ctl.runtime?.sync;
  if (!items.length || !sync) return nothing;
  const pending = items.some((d) => isPending(d.state));
  const syncing = sync.syncing.value;
  const waitsFor = sync.accountSwitch.value?.previous.name;
  const offline = !sync.online.value;
  // No landmark (no accessible name): see docs/adr/021-widget-adds-no-landmarks.md.
  return html`<section part="drafts">
    <h3 id="drafts-heading" tabindex="-1">${m.listHeading}</h3>
    <ul>
      ${items.map((d) => {
        const title = titleOf(m, d);
        const reason = waitsFor && d.state === 'queued' ? undefined : reasonText(m, d, offline);
        // Only the idea's own title is in its language; "(utan rubrik)" is the UI's.
        const lang = (d.content.title.trim() && partLang(d.content.lang, uiLang)) || nothing;
        return html`<li class=${d.state}>
          <span class="title" dir="auto" lang=${lang}>${title}</span>
          <span class="hint">${stateText(d, m, uiLang, waitsFor, offline)}</span>
          ${reason ? html`<span class="hint">${reason}</span>` : nothing}
          ${isThisPage(d.content.source?.url) ? nothing : html`<span class="hint" dir="auto">${m.fromPage(d.content.source?.title ?? d.content.source?.url ?? '–')}</span>`}
          ${editable(d)
            ? html`<button type="button" part="button" aria-label="${m.edit}: ${title}" @click=${() => host.editDraft(d.id)}>${m.edit}</button>`
            : d.state === 'queued'
              ? html`<button type="button" part="button" aria-label="${m.withdraw}: ${title}" @click=${() => host.withdrawDraft(d.id)}>${m.withdraw}</button>`
              : nothing}
          ${d.state === 'needs-attention' && isConflicted(d) ? renderConflict(host, d, title) : nothing}
        </li>`;
      })}
    </ul>
    ${pending
      ? html`<button type="button" part="button" @click=${() => settle(ctl, sendNow(ctl))}>${syncing ? m.sending : m.sendNow}</button>`
      : nothing}
  </section>`;
}
