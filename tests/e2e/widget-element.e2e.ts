/**
 * The widget's own base class (widget/idesluss-widget/widget-element.ts) in real Chromium: one
 * stylesheet shared by every instance, or a <style> per shadow root where constructable
 * stylesheets are missing; properties settable from attributes and from JS (also before the
 * script has loaded), each re-rendering; a `lang` change reaching the draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdeslussWidget } from '../../widget';
import { CHALLENGE_ID, ready, servePage, startWorld, widget, type WidgetWorld } from './support/widget';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

/** The submit button's background: the accent colour only when the stylesheet applies. */
const ACCENT = 'rgb(11, 79, 156)';

describe('styles', () => {
  it('adopts one stylesheet shared by every widget on the page', async () => {
    const url = await servePage(world.context, world.url, '/e2e/element-sheet', '<idesluss-widget></idesluss-widget><idesluss-widget mode="launcher"></idesluss-widget>');
    const page = await world.context.newPage();
    await page.goto(url);
    await widget(page).locator('[part="submit"]').waitFor();
    const shared = await page.evaluate(() => {
      const [a, b] = [...document.querySelectorAll('idesluss-widget')].map((el) => el.shadowRoot!);
      return { count: a!.adoptedStyleSheets.length, same: a!.adoptedStyleSheets[0] === b!.adoptedStyleSheets[0], styles: a!.querySelectorAll('style').length };
    });
    expect(shared).toEqual({ count: 1, same: true, styles: 0 });
    expect(await widget(page).locator('[part="submit"]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(ACCENT);
    await page.close();
  });

  it('works under a strict Content-Security-Policy: no inline styles or eval, Trusted Types for lit-html only (README)', async () => {
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; require-trusted-types-for 'script'; trusted-types lit-html";
    const url = await servePage(world.context, world.url, '/e2e/element-csp', '<idesluss-widget></idesluss-widget>', 'sv', { 'Content-Security-Policy': csp });
    const page = await world.context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy|Trusted Type/i.test(m.text()) && violations.push(m.text()));
    await page.goto(url);
    const w = widget(page);
    await w.locator('[part="submit"]').waitFor();
    expect(await w.locator('[part="submit"]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(ACCENT);
    await w.getByLabel('Rubrik').fill('Under en sträng CSP');
    await w.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('falls back to a <style> element where shadow roots cannot adopt stylesheets', async () => {
    const url = await servePage(world.context, world.url, '/e2e/element-style', '<idesluss-widget></idesluss-widget>');
    const page = await world.context.newPage();
    await page.addInitScript(() => {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    });
    await page.goto(url);
    const w = widget(page);
    await w.locator('[part="submit"]').waitFor();
    expect(await w.evaluate((el) => [el.shadowRoot!.querySelectorAll('style').length, 'adoptedStyleSheets' in el.shadowRoot!])).toEqual([1, false]);
    expect(await w.locator('[part="submit"]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(ACCENT);
    await w.getByLabel('Rubrik').fill('Utan adopterade stilar'); // still renders and updates
    await w.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    await page.close();
  });
});

describe('properties', () => {
  it('follows attributes and JS properties, falls back to defaults, and keeps a property set before the script loaded', async () => {
    // The classic script runs before the deferred module defines the element.
    const url = await servePage(
      world.context,
      world.url,
      '/e2e/element-props',
      '<idesluss-widget id="early"></idesluss-widget><idesluss-widget id="late"></idesluss-widget><script>document.getElementById("early").mode = "launcher";</script>',
    );
    const page = await world.context.newPage();
    await page.goto(url);
    const early = page.locator('#early');
    const late = page.locator('#late');
    await early.locator('[part="launcher"]').waitFor();
    expect(await early.evaluate((el) => Object.hasOwn(el, 'mode'))).toBe(false);
    await late.locator('[part="submit"]').waitFor();

    expect(await late.evaluate((el) => [(el as IdeslussWidget).apiBase, (el as IdeslussWidget).mode, (el as IdeslussWidget).challenge, (el as IdeslussWidget).lang])).toEqual(['/api/idesluss/v1', 'inline', undefined, '']);
    await late.evaluate((el) => ((el as IdeslussWidget).mode = 'launcher'));
    await late.locator('[part="launcher"]').waitFor();
    // `mode` is reflected: the host's launcher style (`:host([mode=launcher])`) follows a property
    // set by a framework as much as an attribute, also one set before the script loaded.
    const host = (el: Element) => [el.getAttribute('mode'), getComputedStyle(el).display];
    expect(await late.evaluate(host)).toEqual(['launcher', 'inline-block']);
    expect(await early.evaluate(host)).toEqual(['launcher', 'inline-block']);
    await late.evaluate((el) => el.setAttribute('mode', 'inline'));
    await late.locator('[part="launcher"]').waitFor({ state: 'detached' });
    await late.evaluate((el) => el.removeAttribute('mode'));
    expect(await late.evaluate((el) => (el as IdeslussWidget).mode)).toBe('inline');
    await late.evaluate((el) => el.setAttribute('api-base', '/annan'));
    expect(await late.evaluate((el) => (el as IdeslussWidget).apiBase)).toBe('/annan');
    await late.evaluate((el) => el.removeAttribute('api-base'));
    expect(await late.evaluate((el) => (el as IdeslussWidget).apiBase)).toBe('/api/idesluss/v1');

    // `challenge` set after the start: presets the form while nothing is written in it, not a draft being written.
    await ready(late);
    const challenge = () => late.locator('#challenge').inputValue();
    await late.locator(`#challenge option[value="${CHALLENGE_ID}"]`).waitFor({ state: 'attached' });
    await late.evaluate((el, id) => el.setAttribute('challenge', id), CHALLENGE_ID);
    await expect.poll(challenge).toBe(CHALLENGE_ID);
    await late.getByLabel('Beskrivning').fill('Skriven för utmaningen');
    await late.evaluate((el) => el.removeAttribute('challenge'));
    await late.getByLabel('Beskrivning').fill('Skriven för utmaningen, och mer');
    expect(await challenge()).toBe(CHALLENGE_ID);
    await late.getByLabel('Beskrivning').fill('');

    // `lang`: the attribute or property, else the page's <html lang>; a change reaches the open draft.
    await late.getByLabel('Rubrik').fill('Språkbyte');
    await late.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    await late.evaluate((el) => ((el as IdeslussWidget).lang = 'en'));
    await late.getByLabel('Title').waitFor();
    const lang = () => late.evaluate((el) => (el as IdeslussWidget).ctl.content().lang);
    expect(await lang()).toBe('en');
    await late.evaluate((el) => el.removeAttribute('lang'));
    await late.getByLabel('Rubrik').waitFor();
    expect(await lang()).toBe('sv');
    // One it has no texts for (German, a typo) counts as none: the page's language, here English.
    await page.evaluate(() => (document.documentElement.lang = 'en'));
    await late.evaluate((el) => el.setAttribute('lang', 'de'));
    await late.getByLabel('Title').waitFor();
    expect(await lang()).toBe('en');
    await page.close();
  });

  it('upgraded in place, detached before it started and attached again: it starts once and saves', async () => {
    // The element is in the HTML, so the module upgrades it in place; the classic script takes it
    // out at DOMContentLoaded (before the widget's load-and-idle start) and puts it back after load.
    const url = await servePage(
      world.context,
      world.url,
      '/e2e/element-reattach',
      '<div id="slot"><idesluss-widget id="moved"></idesluss-widget></div><script>' +
        'addEventListener("DOMContentLoaded", () => { const el = document.getElementById("moved"); el.remove();' +
        ' addEventListener("load", () => setTimeout(() => { document.getElementById("slot").append(el); document.body.dataset.back = "1"; }, 500)); });</script>',
    );
    const page = await world.context.newPage();
    await page.goto(url);
    await page.locator('body[data-back="1"]').waitFor();
    const moved = page.locator('#moved');
    await ready(moved);
    await moved.getByLabel('Rubrik').fill('Flyttad widget');
    await moved.locator('[part~="status"]').getByText('Sparat på den här datorn').waitFor();
    await page.close();
  });
});
