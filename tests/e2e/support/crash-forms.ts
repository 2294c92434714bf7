/**
 * The crash suite's view of the two forms (popup and widget) for feeding them hostile input:
 * fill a field as a paste would, read it back, submit, and wait for the form's answer — the idea
 * listed as text, or our own error sentence next to the field. Plus a census of what must never
 * appear: a `window.__pwned` set by injected script, elements injected from text (img, svg,
 * iframe, b, …) in the document or any shadow root.
 */
import type { Locator, Page } from 'playwright-core';
import { LIMITS, type FieldError } from '../../../shared/domain/idea';
import { lengthHint } from '../../../shared/i18n/length-hint';
import { sv } from '../../../shared/i18n/messages/common';

export type TextField = 'title' | 'description';

export interface FormUnderTest {
  name: 'popup' | 'widget';
  page: Page;
  fill(field: TextField, value: string): Promise<void>;
  value(field: TextField): Promise<string>;
  /** Both text fields in one round trip. */
  values(): Promise<Record<TextField, string>>;
  submit(): Promise<void>;
  /** Resolves once this form's list shows an idea (not the draft being written) whose title text is exactly `title`. */
  waitListed(title: string, timeoutMs?: number): Promise<void>;
  /** The message shown next to `field`: its error, else what its length hint says past the limit; or undefined. */
  errorText(field: TextField): Promise<string | undefined>;
}

/**
 * Our own sentence for a field error, as both forms show it (shared/i18n/messages/common.ts). A text past its limit is
 * said by the field's hint, by how much (`value`: the field's text), and its refusal not again under it.
 */
export function expectedErrorText(error: FieldError, value: string): string {
  const over = error.code === 'too_long' && (error.field === 'title' || error.field === 'description') ? lengthHint(sv.lengthHint, error.field, value).over : undefined;
  if (over) return over;
  const text = sv.fieldError[error.code];
  if (typeof text === 'string') return text;
  return text(error.field === 'description' ? LIMITS.descriptionMax : LIMITS.titleMax);
}

async function poll(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A field's error, else the part of its hint past the limit (trimmed: it starts with a space), else undefined. */
async function messageNextTo(error: Locator, over: Locator): Promise<string | undefined> {
  if ((await error.count()) > 0) return (await error.textContent()) ?? '';
  return (await over.count()) > 0 ? ((await over.textContent()) ?? '').trim() : undefined;
}

/** The popup page (`popup.html` in a tab). */
export function popupForm(page: Page): FormUnderTest {
  const selector = (field: TextField) => `#${field}`;
  return {
    name: 'popup',
    page,
    fill: (field, value) => page.fill(selector(field), value),
    value: (field) => page.inputValue(selector(field)),
    values: () =>
      page.evaluate(() => ({
        title: (document.getElementById('title') as HTMLInputElement).value,
        description: (document.getElementById('description') as HTMLTextAreaElement).value,
      })),
    submit: () => page.click('button[type=submit]'),
    waitListed: (title, timeoutMs = 10_000) =>
      poll(
        () => page.evaluate((t) => [...document.querySelectorAll('li[data-draft-id]:not([data-state=draft]) .title')].some((el) => el.textContent === t), title),
        timeoutMs,
        `the popup to list ${JSON.stringify(title.slice(0, 80))}`,
      ),
    errorText: (field) => messageNextTo(page.locator(`#${field}-error`), page.locator(`#${field}-hint strong`)),
  };
}

/** One `<idesluss-widget>` on a page (Playwright's CSS locators pierce its shadow root). */
export function widgetForm(page: Page, widget: Locator): FormUnderTest {
  return {
    name: 'widget',
    page,
    fill: (field, value) => widget.locator(`#${field}`).fill(value),
    value: (field) => widget.locator(`#${field}`).inputValue(),
    values: () =>
      widget.evaluate((el) => ({
        title: (el.shadowRoot!.getElementById('title') as HTMLInputElement).value,
        description: (el.shadowRoot!.getElementById('description') as HTMLTextAreaElement).value,
      })),
    submit: () => widget.locator('[part=submit]').click(),
    waitListed: (title, timeoutMs = 10_000) =>
      poll(
        () => widget.evaluate((el, t) => [...el.shadowRoot!.querySelectorAll('li:not(.draft) .title')].some((e) => e.textContent === t), title),
        timeoutMs,
        `the widget to list ${JSON.stringify(title.slice(0, 80))}`,
      ),
    errorText: (field) => messageNextTo(widget.locator(`#${field}-error`), widget.locator(`#${field}-hint strong`)),
  };
}

/** Elements that markup in a string would create if it were ever parsed as HTML. */
// The error summary's own links to the fields (`[data-error-summary] a[href^="#"]`) are ours, not made from text.
const INJECTED =
  'img, svg, math, iframe, frame, object, embed, details, video, audio, marquee, b, i, a[href]:not([data-error-summary] a[href^="#"]), script:not([src]), style:not([data-vite-dev-id])';

export interface Census {
  /** `window.__pwned`, set by every script payload of the corpus. */
  pwned: unknown;
  /** Suspicious elements in the document and every open shadow root. */
  injected: number;
}

/** Counts what injected markup would have left behind, in the document and all shadow roots. */
export async function census(page: Page): Promise<Census> {
  return page.evaluate((selector) => {
    let injected = 0;
    const visit = (root: Document | ShadowRoot) => {
      injected += root.querySelectorAll(selector).length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return { pwned: (window as unknown as { __pwned?: unknown }).__pwned, injected };
  }, INJECTED);
}
