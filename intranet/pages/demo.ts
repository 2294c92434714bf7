/**
 * The demo intranet (Swedish): a start page, a news article, the list of challenges and a page per
 * challenge. Each embeds the Idésluss widget: a launcher on the start page and the article, an
 * inline form preset to the challenge on its page. Pages work when the widget is not built.
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import type { ChallengeRecord } from '../db/ideas-repo';
import { html, type SafeHtml } from './html';
import { layout, sendPage } from './layout';

const API = '/api/idesluss/v1';

/** The launcher: a button that opens the idea form from any page. */
export const launcherWidget = (): SafeHtml => html`<idesluss-widget mode="launcher" api-base="${API}"></idesluss-widget>`;

/** The inline form, preset to one challenge. */
export const inlineWidget = (challengeId: string): SafeHtml =>
  html`<idesluss-widget mode="inline" challenge="${challengeId}" api-base="${API}"></idesluss-widget>`;

const dateSv = (iso: string) => new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

function challengeCard(c: ChallengeRecord): SafeHtml {
  return html`<li class="card"><h3><a href="/utmaningar/${encodeURIComponent(c.id)}">${c.title}</a></h3>
<p>${c.summary}</p>${c.closesAt ? html`<p class="muted">Sista dag: ${dateSv(c.closesAt)}</p>` : ''}</li>`;
}

/** Mounts the demo pages: `/`, `/nyheter/digital-signering`, `/utmaningar`, `/utmaningar/:id`. */
export function demoPages(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const open = deps.ideas.challenges().filter((ch) => ch.open).slice(0, 3);
    return sendPage(c, layout({ title: 'Start', session: c.get('session'), path: '/', widget: true }, html`
<h1>Välkommen till intranätet</h1>
<p>Här hittar du nyheter, stöd i arbetet och stadens idésluss. Har du en idé som kan göra arbetet enklare?
Skriv ner den direkt – den sparas medan du skriver och skickas när du är ansluten.</p>
<section aria-labelledby="idesluss-rubrik" class="card">
  <h2 id="idesluss-rubrik">Idéslussen</h2>
  <p>Dela en idé, en utmaning eller ett gott exempel med innovationsteamet.</p>
  ${launcherWidget()}
</section>
<section aria-labelledby="nyheter-rubrik">
  <h2 id="nyheter-rubrik">Nyheter</h2>
  <ul><li><a href="/nyheter/digital-signering">Digital signering införs i hela förvaltningen</a></li></ul>
</section>
<section aria-labelledby="utmaningar-rubrik">
  <h2 id="utmaningar-rubrik">Öppna utmaningar</h2>
  <ul class="plain">${open.map(challengeCard)}</ul>
  <p><a href="/utmaningar">Alla utmaningar</a></p>
</section>`));
  });

  app.get('/nyheter/digital-signering', (c) => sendPage(c, layout(
    { title: 'Digital signering införs', session: c.get('session'), path: '/nyheter/digital-signering', widget: true },
    html`<article>
<h1>Digital signering införs i hela förvaltningen</h1>
<p class="muted">Publicerad 20 november 2026</p>
<p>Från och med februari kan avtal, beslut och intyg signeras digitalt. Pilotverksamheten i två stadsdelar sparade
i genomsnitt tre arbetsdagar per avtal, och inga papper behövde skickas med internpost.</p>
<p>Signeringen sker med e-legitimation. Utbildning erbjuds via lärportalen, och din chef kan boka en genomgång för
arbetsgruppen.</p>
<p>Idén kom från en medarbetare på en förskola, via idéslussen. Har du också en idé? Använd knappen nedan.</p>
</article>
<aside aria-label="Idéslussen" class="card">${launcherWidget()}</aside>`,
  )));

  app.get('/utmaningar', (c) => {
    const all = deps.ideas.challenges();
    return sendPage(c, layout({ title: 'Utmaningar', session: c.get('session'), path: '/utmaningar' }, html`
<h1>Utmaningar</h1>
<p>Innovationsteamet samlar idéer kring de här utmaningarna.</p>
<h2>Öppna</h2><ul class="plain">${all.filter((x) => x.open).map(challengeCard)}</ul>
<h2>Avslutade</h2><ul class="plain">${all.filter((x) => !x.open).map(challengeCard)}</ul>`));
  });

  app.get('/utmaningar/:id', (c) => {
    const challenge = deps.ideas.challenge(c.req.param('id'));
    const path = `/utmaningar/${encodeURIComponent(c.req.param('id'))}`;
    if (!challenge) {
      return sendPage(c, layout({ title: 'Sidan finns inte', session: c.get('session'), path }, html`<h1>Utmaningen finns inte</h1>
<p><a href="/utmaningar">Till alla utmaningar</a></p>`), 404);
    }
    return sendPage(c, layout({ title: challenge.title, session: c.get('session'), path, widget: challenge.open }, html`
<h1>${challenge.title}</h1>
<p><strong>${challenge.summary}</strong></p>
<p>${challenge.body}</p>
${challenge.closesAt ? html`<p class="muted">Sista dag att lämna idéer: ${dateSv(challenge.closesAt)}</p>` : ''}
${challenge.open
  ? html`<section aria-labelledby="bidra" class="card"><h2 id="bidra">Bidra med en idé</h2>${inlineWidget(challenge.id)}</section>`
  : html`<p>Utmaningen är avslutad och tar inte emot fler idéer.</p>`}`));
  });

  return app;
}
