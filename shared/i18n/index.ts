/**
 * The typed sv/en message catalogue (DESIGN section 11). Swedish first; a key missing in English
 * fails the type check because every area's `en` is typed as its `sv`.
 *
 * To add an area: create `messages/<area>.ts` exporting `sv` and `en: typeof sv`, then add it below.
 *
 * Not a barrel: the helpers beside this file (`failure-text`, `field-error-text`, `length-hint`) and the
 * area catalogues in `messages/` are imported from their own files, so that the widget, which takes only the
 * common and widget catalogues, never depends on this merged one (docs/adr/007-widget-build-and-budget.md).
 */
import type { Lang } from '../domain/idea';
import * as common from './messages/common';
import * as storage from './messages/storage';
import * as popup from './messages/popup';
import * as options from './messages/options';
import * as widget from './messages/widget';

const catalogs = {
  sv: { ...common.sv, ...storage.sv, ...popup.sv, ...options.sv, widget: widget.sv },
  en: { ...common.en, ...storage.en, ...popup.en, ...options.en, widget: widget.en },
};

/** Every message of one language. */
export type Messages = typeof catalogs.sv;

/** The messages for `lang`. */
export function messagesFor(lang: Lang): Messages {
  return catalogs[lang];
}

/** "om 2 minuter" / "in 2 minutes": when the next try is, relative to now. */
export function formatRelative(targetMs: number, nowMs: number, lang: Lang): string {
  const seconds = Math.round((targetMs - nowMs) / 1000);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}
