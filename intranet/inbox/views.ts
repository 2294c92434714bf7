/**
 * The inbox's pages: the filterable list and one idea with its status form. Every value from an
 * idea is interpolated through `html` (escaped); the source URL becomes a link only if http(s).
 */
import { IDEA_KINDS, IDEA_STATUSES, type IdeaStatus } from '../../shared/domain/idea';
import { sv } from '../../shared/i18n/messages/common';
import type { Session } from '../auth/sessions';
import type { ChallengeRecord, IdeaFilter, StatusChange, StoredIdea } from '../db/ideas-repo';
import { html, safeHref, type SafeHtml } from '../pages/html';
import { layout } from '../pages/layout';

const dateTime = (iso: string) => new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
const author = (s: StoredIdea) => (s.idea.anonymous ? 'Anonym' : s.authorName);

/** The query string for a filter (shared by the list, its export link and the back link). */
export function filterQuery(filter: IdeaFilter): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.challengeId) params.set('challenge', filter.challengeId);
  const q = params.toString();
  return q ? `?${q}` : '';
}

function select(name: string, label: string, options: readonly { value: string; label: string }[], selected: string | undefined): SafeHtml {
  return html`<div><label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}"><option value="">Alla</option>
${options.map((o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}>${o.label}</option>`)}
</select></div>`;
}

/** The inbox list: filter form (GET, so filters are bookmarkable), count, CSV link and table. */
export function inboxListPage(session: Session, ideas: StoredIdea[], filter: IdeaFilter, challenges: ChallengeRecord[], path: string): SafeHtml {
  const title = (id: string | undefined) => challenges.find((c) => c.id === id)?.title ?? id ?? '';
  return layout({ title: 'Inkorg', session, path }, html`
<h1>Inkorg för innovationsteamet</h1>
<form method="get" action="/inkorg" class="filters" aria-label="Filtrera idéer">
  ${select('status', 'Status', IDEA_STATUSES.map((s) => ({ value: s, label: sv.status[s] })), filter.status)}
  ${select('kind', 'Typ', IDEA_KINDS.map((k) => ({ value: k, label: sv.kind[k] })), filter.kind)}
  ${select('challenge', 'Utmaning', challenges.map((c) => ({ value: c.id, label: c.title })), filter.challengeId)}
  <div><button type="submit" class="primary">Filtrera</button></div>
</form>
<p role="status">${ideas.length === 1 ? '1 idé' : `${ideas.length} idéer`} visas.
<a href="/inkorg/export.csv${filterQuery(filter)}" download>Exportera som CSV</a></p>
${ideas.length === 0 ? html`<p>Inga idéer matchar filtret.</p>` : html`
<table>
<caption class="skip">Idéer</caption>
<thead><tr><th scope="col">Rubrik</th><th scope="col">Typ</th><th scope="col">Status</th><th scope="col">Utmaning</th><th scope="col">Från</th><th scope="col">Mottagen</th></tr></thead>
<tbody>
${ideas.map((s) => html`<tr>
  <td><a href="/inkorg/ideer/${s.idea.id}">${s.idea.title}</a></td>
  <td>${sv.kind[s.idea.kind]}</td>
  <td>${sv.status[s.idea.status]}</td>
  <td>${s.idea.challengeId ? title(s.idea.challengeId) : '–'}</td>
  <td>${author(s)}</td>
  <td>${dateTime(s.idea.createdAt)}</td>
</tr>`)}
</tbody>
</table>`}`);
}

/** One idea for the team: every field as text, the source as a link only if http(s), the status form. */
export function inboxIdeaPage(session: Session, stored: StoredIdea, challenge: ChallengeRecord | undefined, history: StatusChange[], saved: boolean): SafeHtml {
  const { idea } = stored;
  const href = safeHref(idea.source?.url);
  return layout({ title: idea.title, session, path: `/inkorg/ideer/${idea.id}` }, html`
<p><a href="/inkorg">← Till inkorgen</a></p>
<h1>${idea.title}</h1>
${saved ? html`<p role="status" class="card">Statusen är sparad.</p>` : ''}
<dl>
  <dt>Typ</dt><dd>${sv.kind[idea.kind]}</dd>
  <dt>Status</dt><dd>${sv.status[idea.status]}</dd>
  <dt>Utmaning</dt><dd>${challenge ? html`<a href="/utmaningar/${encodeURIComponent(challenge.id)}">${challenge.title}</a>` : (idea.challengeId ?? '–')}</dd>
  <dt>Från</dt><dd>${author(stored)}${idea.anonymous ? html` <span class="muted">(skickad anonymt: namnet visas inte för innovationsteamet)</span>` : ''}</dd>
  <dt>Språk</dt><dd>${idea.lang === 'sv' ? 'Svenska' : 'Engelska'}</dd>
  <dt>Mottagen</dt><dd>${dateTime(idea.createdAt)}</dd>
  <dt>Senast ändrad</dt><dd>${dateTime(idea.updatedAt)}</dd>
</dl>
<h2>Beskrivning</h2>
${idea.description ? html`<p class="pre">${idea.description}</p>` : html`<p class="muted">Ingen beskrivning.</p>`}
${idea.source ? html`<h2>Källa</h2>
<p>${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${idea.source.title || href}</a>` : (idea.source.title ?? '')}
${href && idea.source.title ? html`<br><span class="muted">${href}</span>` : ''}</p>
${idea.source.quote ? html`<blockquote class="quote">${idea.source.quote}</blockquote>` : ''}` : ''}
<h2>Ändra status</h2>
<form method="post" action="/inkorg/ideer/${idea.id}/status" class="card">
  <input type="hidden" name="csrf" value="${session.csrfToken}">
  <label for="status">Ny status</label>
  <select id="status" name="status">
    ${IDEA_STATUSES.map((s: IdeaStatus) => html`<option value="${s}"${s === idea.status ? html` selected` : ''}>${sv.status[s]}</option>`)}
  </select>
  <div><button type="submit" class="primary">Spara status</button></div>
</form>
<h2>Historik</h2>
<ol>
  <li>${dateTime(idea.createdAt)}: ${sv.status.received}</li>
  ${history.map((h) => html`<li>${dateTime(h.changedAt)}: ${sv.status[h.status]} (${h.changedBy})</li>`)}
</ol>`);
}

/** 403 for signed-in users outside the innovation team. */
export function forbiddenPage(session: Session, path: string): SafeHtml {
  return layout({ title: 'Ingen behörighet', session, path }, html`<h1>Ingen behörighet</h1>
<p>Inkorgen är bara till för innovationsteamet. Kontakta innovationsteamet om du behöver se den.</p>
<p><a href="/">Till startsidan</a></p>`);
}
