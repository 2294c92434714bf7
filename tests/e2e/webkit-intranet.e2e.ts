/**
 * The reference intranet's own pages in WebKit, Safari's engine (docs/adr/035-webkit-tests.md): the innovation team
 * may well work on Macs. Signing in through the form and coming back to the inbox, axe-core on every kind of page in
 * both languages, and a status set on an idea's page, read back through the API as the employee's client would.
 */
import { randomUUID } from 'node:crypto';
import type { WebDriver } from 'selenium-webdriver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIntranet, type TestIntranet, type TestLogin } from '../support/intranet';
import { axeViolations, launchWebKit, type WebKit } from './support/webkit';
import { CHALLENGE_ID } from './support/widget';

let intranet: TestIntranet;
let anna: TestLogin;
let webkit: WebKit;
/** The launch, kept so that `afterAll` closes a browser that came up after `beforeAll` timed out. */
let launching: Promise<WebKit> | undefined;
let driver: WebDriver;
const IDEA = { id: randomUUID(), title: 'Digitala blanketter i WebKit', description: 'Från en Mac.' };

beforeAll(async () => {
  intranet = await startTestIntranet();
  anna = await intranet.login('anna');
  const put = await fetch(`${intranet.apiBase}/ideas/${IDEA.id}`, {
    method: 'PUT',
    headers: { Cookie: anna.cookie, 'X-Idesluss-Client': 'e2e/1', 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: IDEA.title, description: IDEA.description, kind: 'idea', anonymous: false, lang: 'sv', challengeId: CHALLENGE_ID }),
  });
  if (put.status !== 201) throw new Error(`PUT idea: ${put.status} ${await put.text()}`);
  launching = launchWebKit();
  webkit = await launching;
  driver = webkit.driver;
  await signInAs('ivan'); // each test stands alone; the sign-in test signs out first
});

/** Signs the browser in as `username` with a session cookie, as the sign-in form would. */
async function signInAs(username: string): Promise<void> {
  const login = await intranet.login(username);
  await driver.get(`${intranet.url}/logga-in`);
  const [name, value] = login.cookie.split('=') as [string, string];
  await driver.manage().addCookie({ name, value, path: '/', httpOnly: true, sameSite: 'Lax' });
}
afterAll(async () => {
  await (await launching?.catch(() => undefined))?.close();
  await intranet?.close();
});

const path = async () => new URL(await driver.getCurrentUrl()).pathname;
const text = (css: string) => driver.findElement({ css }).getText();

describe('the intranet’s pages in WebKit', () => {
  it('sends a signed-out visitor of the inbox to sign in, and back to the inbox after it', async () => {
    await driver.manage().deleteCookie('idesluss_session');
    await driver.get(`${intranet.url}/inkorg?lang=sv`);
    await driver.wait(async () => (await path()) === '/logga-in', 10_000);
    await driver.findElement({ css: '#username' }).sendKeys('ivan');
    await driver.findElement({ css: '#password' }).sendKeys('demo');
    await driver.findElement({ css: 'form[action="/auth/login"] button[type="submit"]' }).click();
    await driver.wait(async () => (await path()) === '/inkorg', 10_000);
    expect(await text('h1')).toBe('Inkorg för innovationsteamet');
    expect(await driver.findElements({ linkText: IDEA.title })).toHaveLength(1);
  });

  it.each(['sv', 'en'])('axe-core finds no violations on the start, challenge, sign-in, inbox and idea pages (%s)', async (lang) => {
    const found: string[] = [];
    for (const page of ['/', `/utmaningar/${CHALLENGE_ID}`, '/utmaningar', '/logga-in', '/inkorg', `/inkorg/ideer/${IDEA.id}`]) {
      await driver.get(`${intranet.url}${page}?lang=${lang}`);
      expect(await path(), 'the page itself, not a sign-in it sent to').toBe(page);
      expect(await driver.executeScript('return document.documentElement.lang'), page).toBe(lang);
      found.push(...(await axeViolations(driver)).map((v) => `${page}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it('sets an idea’s status from its page: shown in its history, and read by the employee’s client', async () => {
    await driver.get(`${intranet.url}/inkorg/ideer/${IDEA.id}?lang=sv`);
    expect(await text('h1')).toBe(IDEA.title);
    await driver.findElement({ css: '#status option[value="in-review"]' }).click();
    await driver.findElement({ css: 'form[action*="/status"] button[type="submit"]' }).click();
    // The form posts and the page loads again: an element found on the old page may be gone by the time it is read.
    const historyText = () => text('ol').catch((error: Error) => (error.name === 'StaleElementReferenceError' ? '' : Promise.reject(error)));
    await driver.wait(async () => (await historyText()).includes('Under bedömning'), 10_000, 'the history lists the new status');
    const mine = await fetch(`${intranet.apiBase}/ideas?mine=true`, { headers: { Cookie: anna.cookie, 'X-Idesluss-Client': 'e2e/1' } });
    const ideas = (await mine.json()) as { id: string; status: string }[];
    expect(ideas.find((i) => i.id === IDEA.id)?.status).toBe('in-review');
  });
});
