/**
 * The demo intranet, in Swedish and English (./messages.ts): a start page, a news article, the list
 * of challenges and a page per challenge. Each embeds the Idésluss widget, which takes the page's
 * language: a launcher on the start page and the article, an inline form preset to the challenge on
 * its page. Pages work when the widget is not built.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv, Deps } from '../context';
import type { ChallengeRecord } from '../db/ideas-repo';
import { html, type SafeHtml } from './html';
import { CONTENT_LANG, langAttr, type PageLang } from './lang';
import { layout, sendPage } from './layout';
import { pageMessages } from './messages';

const API = '/api/idesluss/v1';

/** The launcher: a button that opens the idea form from any page. */
export const launcherWidget = (): SafeHtml => html`<idesluss-widget mode="launcher" api-base="${API}"></idesluss-widget>`;

/** The inline form, preset to one challenge. */
export const inlineWidget = (challengeId: string): SafeHtml =>
  html`<idesluss-widget mode="inline" challenge="${challengeId}" api-base="${API}"></idesluss-widget>`;

const longDate = (iso: string, lang: PageLang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

function challengeCard(c: ChallengeRecord, lang: PageLang): SafeHtml {
  const t = pageMessages(lang);
  return html`<li class="card"><h3${langAttr(CONTENT_LANG, lang)}><a href="/utmaningar/${encodeURIComponent(c.id)}">${c.title}</a></h3>
<p${langAttr(CONTENT_LANG, lang)}>${c.summary}</p>${c.closesAt ? html`<p class="muted">${t.demo.lastDay}: ${longDate(c.closesAt, lang)}</p>` : ''}</li>`;
}

/** Mounts the demo pages: `/`, `/nyheter/digital-signering`, `/utmaningar`, `/utmaningar/:id`. */
export function demoPages(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const frame = (c: Context<AppEnv>, title: string, path: string, widget = false) => ({ title, session: c.get('session'), path, widget, lang: c.get('lang') });

  app.get('/', (c) => {
    const lang = c.get('lang');
    const { demo, nav } = pageMessages(lang);
    const open = deps.ideas.challenges().filter((ch) => ch.open).slice(0, 3);
    return sendPage(c, layout(frame(c, nav.start, '/', true), html`
<h1>${demo.welcome}</h1>
<p>${demo.intro}</p>
<section aria-labelledby="idesluss-rubrik" class="card">
  <h2 id="idesluss-rubrik">${demo.sluice}</h2>
  <p>${demo.sluiceIntro}</p>
  ${launcherWidget()}
</section>
<section aria-labelledby="nyheter-rubrik">
  <h2 id="nyheter-rubrik">${demo.news}</h2>
  <ul><li><a href="/nyheter/digital-signering">${demo.article.title}</a></li></ul>
</section>
<section aria-labelledby="utmaningar-rubrik">
  <h2 id="utmaningar-rubrik">${demo.openChallenges}</h2>
  <ul class="plain">${open.map((ch) => challengeCard(ch, lang))}</ul>
  <p><a href="/utmaningar">${demo.allChallenges}</a></p>
</section>`));
  });

  app.get('/nyheter/digital-signering', (c) => {
    const { demo } = pageMessages(c.get('lang'));
    return sendPage(c, layout(frame(c, demo.article.short, '/nyheter/digital-signering', true), html`<article>
<h1>${demo.article.title}</h1>
<p class="muted">${demo.article.published}</p>
${demo.article.body.map((p) => html`<p>${p}</p>`)}
</article>
<aside aria-label="${demo.sluice}" class="card">${launcherWidget()}</aside>`));
  });

  app.get('/utmaningar', (c) => {
    const lang = c.get('lang');
    const { demo, nav } = pageMessages(lang);
    const all = deps.ideas.challenges();
    return sendPage(c, layout(frame(c, nav.challenges, '/utmaningar'), html`
<h1>${nav.challenges}</h1>
<p>${demo.challengesIntro}</p>
<h2>${demo.open}</h2><ul class="plain">${all.filter((x) => x.open).map((ch) => challengeCard(ch, lang))}</ul>
<h2>${demo.closed}</h2><ul class="plain">${all.filter((x) => !x.open).map((ch) => challengeCard(ch, lang))}</ul>`));
  });

  app.get('/utmaningar/:id', (c) => {
    const lang = c.get('lang');
    const t = pageMessages(lang);
    const challenge = deps.ideas.challenge(c.req.param('id'));
    const path = `/utmaningar/${encodeURIComponent(c.req.param('id'))}`;
    if (!challenge) {
      return sendPage(c, layout(frame(c, t.notFound.title, path), html`<h1>${t.demo.noChallenge}</h1>
<p><a href="/utmaningar">${t.demo.toChallenges}</a></p>`), 404);
    }
    const content = langAttr(CONTENT_LANG, lang);
    return sendPage(c, layout(frame(c, challenge.title, path, challenge.open), html`
<h1${content}>${challenge.title}</h1>
<p${content}><strong>${challenge.summary}</strong></p>
<p${content}>${challenge.body}</p>
${challenge.closesAt ? html`<p class="muted">${t.demo.lastDayForIdeas}: ${longDate(challenge.closesAt, lang)}</p>` : ''}
${challenge.open
  ? html`<section aria-labelledby="bidra" class="card"><h2 id="bidra">${t.demo.contribute}</h2>${inlineWidget(challenge.id)}</section>`
  : html`<p>${t.demo.closedNote}</p>`}`));
  });

  return app;
}
