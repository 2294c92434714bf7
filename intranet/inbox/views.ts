/**
 * The inbox's pages, in the page's language: the filterable, paged list and one idea with its
 * status form. Every value from an idea is interpolated through `html` (escaped) and marked with
 * the idea's language when it differs from the page's; the source URL becomes a link only if http(s).
 */
import { IDEA_KINDS, IDEA_STATUSES, type IdeaStatus } from '../../shared/domain/idea';
import { en as commonEn, sv as commonSv } from '../../shared/i18n/messages/common';
import type { Session } from '../auth/sessions';
import { IDEA_SORTS, type ChallengeRecord, type IdeaFilter, type StatusChange, type StoredIdea } from '../db/ideas-repo';
import { html, safeHref, type SafeHtml } from '../pages/html';
import { CONTENT_LANG, langAttr, type PageLang } from '../pages/lang';
import { layout } from '../pages/layout';
import { pageMessages } from '../pages/messages';

/** Ideas per page of the list. */
export const PAGE_SIZE = 50;

/** The language-bound helpers every inbox view uses. */
function texts(lang: PageLang) {
  const t = pageMessages(lang).inbox;
  const common = lang === 'en' ? commonEn : commonSv;
  const locale = lang === 'en' ? 'en-GB' : 'sv-SE';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Stockholm' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Stockholm' });
  return {
    t,
    common,
    // "30 nov. 2026 kl. 00:19" / "30 Nov 2026 at 00:19": a time of day is written one way everywhere (ADR 031).
    // No-break spaces inside the date: the list's narrow column breaks only before "kl.", in two lines, not three.
    dateTime: (iso: string) => {
      const at = new Date(iso);
      return t.dateTime(day.format(at).replace(/ /g, '\u00a0'), time.format(at));
    },
    author: (s: StoredIdea) => (s.idea.anonymous ? t.anonymous : s.authorName),
  };
}

/** The query string for a filter (shared by the list, its pages, its export link and the back link). */
export function filterQuery(filter: IdeaFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.challengeId) params.set('challenge', filter.challengeId);
  if (filter.text) params.set('q', filter.text);
  if (filter.sort) params.set('sort', filter.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const q = params.toString();
  return q ? `?${q}` : '';
}

type Option = { value: string; label: string; lang?: SafeHtml | '' };

function select(name: string, label: string, all: string, options: readonly Option[], selected: string | undefined): SafeHtml {
  return html`<div><label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}"><option value="">${all}</option>
${selected && !options.some((o) => o.value === selected) ? html`<option value="${selected}" selected>${selected}</option>` : ''}
${options.map((o) => html`<option value="${o.value}"${o.lang ?? ''}${o.value === selected ? html` selected` : ''}>${o.label}</option>`)}
</select></div>`;
}

/** One page of the list: its ideas, its number (1-based) and the whole count. */
export interface InboxPage {
  ideas: StoredIdea[];
  page: number;
  total: number;
}

function pager(lang: PageLang, filter: IdeaFilter, { page, total }: InboxPage): SafeHtml | '' {
  const t = pageMessages(lang).inbox;
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (last === 1) return '';
  const link = (n: number, label: string, rel: string) => html`<a href="/inkorg${filterQuery(filter, { sida: String(n) })}" rel="${rel}">${label}</a>`;
  // The first and the last page one step away from any page: 50,000 ideas are a thousand pages.
  return html`<nav aria-label="${t.pages}" class="pager">
${page > 2 ? link(1, t.firstPage, 'first') : ''}
${page > 1 ? link(page - 1, t.previous, 'prev') : ''}
<span aria-current="page">${t.pageOf(page, last)}</span>
${page < last ? link(page + 1, t.next, 'next') : ''}
${page < last - 1 ? link(last, t.lastPage, 'last') : ''}
</nav>`;
}

/** The longest search, in UTF-16 units as the field's `maxlength` counts them (a longer one from the address is cut). */
export const SEARCH_MAX = 200;

/**
 * The inbox list: filter form (GET, so filters are bookmarkable), count, CSV link, table and pages.
 * With nothing to show, only the empty-state sentence, in the count's place: "0 idéer visas" above
 * "Inga idéer matchar filtret" said the same thing twice.
 */
export function inboxListPage(session: Session, list: InboxPage, filter: IdeaFilter, challenges: ChallengeRecord[], lang: PageLang, here: string): SafeHtml {
  const { t, common, dateTime, author } = texts(lang);
  const title = (id: string | undefined) => challenges.find((c) => c.id === id)?.title ?? id ?? '';
  const { ideas, page, total } = list;
  const first = (page - 1) * PAGE_SIZE + 1;
  const content = langAttr(CONTENT_LANG, lang);
  // Each idea's link carries the list's page, so "Till inkorgen" and a save return to it.
  const toIdea = filterQuery(filter, page > 1 ? { sida: String(page) } : {});
  const filtered = filterQuery({ ...filter, sort: undefined }) !== '';
  return layout({ title: t.title, session, path: '/inkorg', lang, here }, html`
<h1>${t.heading}</h1>
<form method="get" action="/inkorg" class="filters" aria-label="${t.filterForm}">
  ${select('status', t.status, t.all, IDEA_STATUSES.map((s) => ({ value: s, label: common.status[s] })), filter.status)}
  ${select('kind', t.kind, t.all, IDEA_KINDS.map((k) => ({ value: k, label: common.kind[k] })), filter.kind)}
  ${select('challenge', t.challenge, t.all, challenges.map((c) => ({ value: c.id, label: c.title, lang: content })), filter.challengeId)}
  ${select('sort', t.order, t.sorts.newest, IDEA_SORTS.filter((s) => s !== 'newest').map((s) => ({ value: s, label: t.sorts[s] })), filter.sort)}
  <div><label for="f-q">${t.search}</label>
<input id="f-q" name="q" type="search" maxlength="${SEARCH_MAX}" value="${filter.text ?? ''}"></div>
  <div><button type="submit" class="primary">${t.filter}</button></div>
</form>
${ideas.length === 0 ? html`<p role="status">${filtered ? t.none : t.empty}</p>` : html`
<p role="status">${total > ideas.length ? t.page(first, first + ideas.length - 1, total) : t.shown(total)}
<a href="/inkorg/export.csv${filterQuery(filter)}">${t.export}</a>
· <a href="/inkorg/export.csv${filterQuery(filter, { for: 'excel' })}">${t.exportExcel}</a></p>
<div class="table-wrap" role="region" aria-label="${t.caption}" tabindex="0">
<table>
<caption class="skip">${t.caption}</caption>
<thead><tr><th scope="col">${t.columns.title}</th><th scope="col">${t.kind}</th><th scope="col">${t.status}</th><th scope="col">${t.challenge}</th><th scope="col">${t.columns.from}</th><th scope="col">${t.columns.received}</th></tr></thead>
<tbody>
${ideas.map((s) => html`<tr>
  <td dir="auto"${langAttr(s.idea.lang, lang)}><a href="/inkorg/ideer/${s.idea.id}${toIdea}">${s.idea.title}</a></td>
  <td>${common.kind[s.idea.kind]}</td>
  <td>${common.status[s.idea.status]}</td>
  <td${s.idea.challengeId ? content : ''}>${s.idea.challengeId ? title(s.idea.challengeId) : '–'}</td>
  <td>${author(s)}</td>
  <td>${dateTime(s.idea.createdAt)}</td>
</tr>`)}
</tbody>
</table>
</div>`}
${pager(lang, filter, list)}`);
}

/** One idea for the team: every field as text, the source as a link only if http(s), the status form. */
export function inboxIdeaPage(
  session: Session,
  stored: StoredIdea,
  challenge: ChallengeRecord | undefined,
  history: StatusChange[],
  view: { saved: boolean; unsaved?: IdeaStatus | undefined; changed?: boolean; lang: PageLang; filter: IdeaFilter; page?: number },
): SafeHtml {
  const { lang, filter, saved, unsaved, changed, page = 1 } = view;
  const { t, common, dateTime, author } = texts(lang);
  const { idea } = stored;
  const href = safeHref(idea.source?.url);
  const own = langAttr(idea.lang, lang);
  const path = `/inkorg/ideer/${idea.id}`;
  const list = filterQuery(filter, page > 1 ? { sida: String(page) } : {});
  // "Saved" leads the title too: a screen reader reads the new page's title, not a status already there.
  const notice = saved ? t.saved : unsaved ? (changed ? t.changedMeanwhile(common.status[idea.status]) : t.unsaved) : undefined;
  // The language link shows the same page: the notice of a choice not saved, and the choice, come along.
  const here = path + filterQuery(filter, { ...(page > 1 ? { sida: String(page) } : {}), ...(unsaved ? { valj: unsaved } : {}), ...(unsaved && changed ? { andrad: '1' } : {}) });
  return layout({ title: notice ? `${notice} ${idea.title}` : idea.title, session, path, lang, here }, html`
<p><a href="/inkorg${list}"><span aria-hidden="true">← </span>${t.back}</a></p>
<h1 dir="auto"${own}>${idea.title}</h1>
${notice ? html`<p role="status" class="card">${notice}</p>` : ''}
<dl>
  <dt>${t.kind}</dt><dd>${common.kind[idea.kind]}</dd>
  <dt>${t.status}</dt><dd>${common.status[idea.status]}</dd>
  <dt>${t.challenge}</dt><dd>${challenge ? html`<a href="/utmaningar/${encodeURIComponent(challenge.id)}"${langAttr(CONTENT_LANG, lang)}>${challenge.title}</a>` : (idea.challengeId ?? '–')}</dd>
  <dt>${t.columns.from}</dt><dd>${author(stored)}${idea.anonymous ? html` <span class="muted">${t.anonymousNote}</span>` : ''}</dd>
  <dt>${t.language}</dt><dd>${t.languages[idea.lang]}</dd>
  <dt>${t.columns.received}</dt><dd>${dateTime(idea.createdAt)}</dd>
  <dt>${t.updated}</dt><dd>${dateTime(idea.updatedAt)}</dd>
</dl>
<h2>${t.description}</h2>
${idea.description ? html`<p class="pre" dir="auto"${own}>${idea.description}</p>` : html`<p class="muted">${t.noDescription}</p>`}
${idea.source ? html`<h2>${t.source}</h2>
<p>${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" dir="auto">${idea.source.title || href}</a>` : (idea.source.title ?? '')}
${href && idea.source.title ? html`<br><span class="muted">${href}</span>` : ''}</p>
${idea.source.quote ? html`<blockquote class="quote" dir="auto"${own}>${idea.source.quote}</blockquote>` : ''}` : ''}
<h2>${t.changeStatus}</h2>
<form method="post" action="${path}/status${list}" class="card">
  <input type="hidden" name="csrf" value="${session.csrfToken}">
  <input type="hidden" name="was" value="${idea.status}">
  <label for="status">${t.newStatus}</label>
  <select id="status" name="status">
    ${IDEA_STATUSES.map((s: IdeaStatus) => html`<option value="${s}"${s === (unsaved ?? idea.status) ? html` selected` : ''}>${common.status[s]}</option>`)}
  </select>
  <div><button type="submit" class="primary">${t.saveStatus}</button></div>
</form>
<h2>${t.history}</h2>
<ol>
  <li>${dateTime(idea.createdAt)}: ${common.status.received}</li>
  ${history.map((h) => html`<li>${dateTime(h.changedAt)}: ${common.status[h.status]} (${h.changedBy})</li>`)}
</ol>`);
}

/** 403 for signed-in users outside the innovation team. */
export function forbiddenPage(session: Session, path: string, lang: PageLang): SafeHtml {
  const t = pageMessages(lang);
  return layout({ title: t.inbox.forbidden.title, session, path, lang }, html`<h1>${t.inbox.forbidden.title}</h1>
<p>${t.inbox.forbidden.body}</p>
<p><a href="/">${t.notFound.home}</a></p>`);
}
