/**
 * The widget's messages: its own area (shared/i18n/messages/widget.ts) plus the common names of
 * kinds, states and field errors. Imported directly, not through the catalogue index, so the
 * bundle carries only what the widget shows (both languages, per the budget).
 */
import type { Lang } from '../shared/domain/idea';
import { en as commonEn, sv as commonSv } from '../shared/i18n/messages/common';
import { en as widgetEn, sv as widgetSv } from '../shared/i18n/messages/widget';

/** The widget's area plus the common kinds, states, statuses and field errors. */
export type WidgetMessages = typeof widgetSv & typeof commonSv;

// Named imports, not `import * as` indexed by language: that would build module namespace objects.
const catalogs: Record<Lang, WidgetMessages> = { sv: { ...commonSv, ...widgetSv }, en: { ...commonEn, ...widgetEn } };

/** Every message the widget shows, in `lang`. */
export function widgetMessages(lang: Lang): WidgetMessages {
  return catalogs[lang];
}

/** Why the form cannot save: an `api-base` that is no address is the page's fault, said before what to do. */
export function failedText(m: WidgetMessages, failed: 'storage' | 'api-base'): string {
  return failed === 'api-base' ? `${m.badApiBase} ${m.saveFailed}` : m.saveFailed;
}

const locale = (lang: Lang) => (lang === 'sv' ? 'sv-SE' : 'en-GB');

/** A time of day for people ("14:05"), through Intl. */
export function timeOf(epochMs: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { timeStyle: 'short' }).format(epochMs);
}

/**
 * "Nästa försök kl. 14:05", or "Nästa försök lördag kl. 09:00" when the try is on another day than
 * `now`. A weekday, not "i morgon": the widget has no clock, so its text is only redrawn when
 * something changes, and "i morgon" shown at 23:50 would still be there, wrong, the next morning.
 * No wait is longer than 24 hours (`retryAfterMaxMs` in shared/sync/backoff.ts), so a weekday is
 * never ambiguous.
 */
export function nextTryText(m: WidgetMessages, epochMs: number, lang: Lang, now = Date.now()): string {
  const day = new Date(epochMs).toDateString() === new Date(now).toDateString() ? '' : new Intl.DateTimeFormat(locale(lang), { weekday: 'long' }).format(epochMs);
  return m.nextTry(timeOf(epochMs, lang), day);
}
