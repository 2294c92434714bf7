/**
 * The extension's two settings — the intranet address and the UI language — and the rules that
 * guard them (DESIGN sections 9 and 12). Pure functions: the options page, the background and the
 * build (`wxt.config.ts`) all check values here, whether typed by a user, pushed by IT through
 * `storage.managed`, or given at build time through `IDESLUSS_INTRANET`.
 */
import { langFromTag, LIMITS, type Lang } from '../domain/idea';
import { isCleanText } from '../domain/validation';

/** `browser` follows the browser's UI language. */
export const LANGUAGE_SETTINGS = ['browser', 'sv', 'en'] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** The settings the extension runs with. `intranetUrl` is undefined until someone configures it. */
export interface Settings {
  intranetUrl: string | undefined;
  language: LanguageSetting;
}

export type SettingKey = keyof Settings;

/** Why a value was refused; the options page turns each code into a sentence. */
export type SettingErrorCode =
  | 'wrong_type'
  | 'empty'
  | 'too_long'
  | 'not_a_url'
  | 'unsafe_scheme'
  | 'insecure_remote'
  | 'has_credentials'
  | 'has_query'
  | 'invalid_language';

export type CheckResult<T> = { ok: true; value: T } | { ok: false; code: SettingErrorCode };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where the Ideas API lives under the intranet address (DESIGN section 7). */
const API_PATH = '/api/idesluss/v1';

/** True for hosts where plain http is acceptable: this computer only. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Checks an intranet address: an absolute https URL, or http on localhost/127.0.0.1/[::1] only; no
 * user name or password, no query or fragment. Returns it normalised (origin plus path, without a
 * trailing slash or the API's own path), so `https://intranät.se/`, `https://xn--intrant-bxa.se`
 * and `https://intranät.se/api/idesluss/v1` compare equal.
 */
export function checkIntranetUrl(value: unknown): CheckResult<string> {
  if (typeof value !== 'string') return { ok: false, code: 'wrong_type' };
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, code: 'empty' };
  if (trimmed.length > LIMITS.sourceUrlMax) return { ok: false, code: 'too_long' };
  if (!isCleanText(trimmed)) return { ok: false, code: 'not_a_url' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, code: 'not_a_url' };
  }
  // `localhost:8787` or `intranat.kommun.se:443` parses as a URL whose scheme is the host name: the
  // person left out `https://`, which "only https:// addresses" would not tell them.
  if (/^[^/:]+:\d+([/?#]|$)/.test(trimmed)) return { ok: false, code: 'not_a_url' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, code: 'unsafe_scheme' };
  // A browser's URL parser keeps a comma, a quote or an exclamation mark in a host name (Chromium a
  // space too, as %20), which no host name has: a typo, not an intranet to ask permission for.
  if (!/^([\w-]+\.)*[\w-]+\.?$|^\[[\da-f:.]+\]$/i.test(url.hostname)) return { ok: false, code: 'not_a_url' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, code: 'insecure_remote' };
  if (url.username !== '' || url.password !== '') return { ok: false, code: 'has_credentials' };
  if (url.search !== '' || url.hash !== '' || trimmed.includes('?') || trimmed.includes('#')) return { ok: false, code: 'has_query' };
  const path = url.pathname.replace(/\/+$/, '');
  // The API's own address (what a widget's `api-base` names) stands for the intranet it is under.
  const intranetPath = path.toLowerCase().endsWith(API_PATH) ? path.slice(0, -API_PATH.length) : path;
  return { ok: true, value: `${url.origin}${intranetPath}` };
}

/** Checks a language setting: `browser`, `sv` or `en`. */
export function checkLanguage(value: unknown): CheckResult<LanguageSetting> {
  if (typeof value !== 'string') return { ok: false, code: 'wrong_type' };
  return (LANGUAGE_SETTINGS as readonly string[]).includes(value)
    ? { ok: true, value: value as LanguageSetting }
    : { ok: false, code: 'invalid_language' };
}

/** The Ideas API base under an intranet address (DESIGN section 7). */
export function apiBaseFor(intranetUrl: string): string {
  return `${intranetUrl}${API_PATH}`;
}

/** The guessed sign-in page, opened when sync is paused for authentication and the 401 named none (ADR 014). */
export function signInUrlFor(intranetUrl: string): string {
  return `${new URL(intranetUrl).origin}/login`;
}

/**
 * The host-permission match pattern for an intranet address. Chrome's patterns carry no port and
 * then match every port, so `http://127.0.0.1:8787` gives `http://127.0.0.1/*`.
 */
export function hostPatternFor(intranetUrl: string): string {
  const url = new URL(intranetUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The UI language for a setting, given the browser's language tag. */
export function effectiveLang(setting: LanguageSetting, browserTag: string | undefined): Lang {
  if (setting !== 'browser') return setting;
  return langFromTag(browserTag);
}

/** A value that was present but refused, and where it came from. */
export interface RefusedSetting {
  key: SettingKey;
  source: 'managed' | 'local';
  code: SettingErrorCode;
}

/** Settings with where each came from: managed values are locked in the options page. */
export interface ResolvedSettings {
  settings: Settings;
  locked: Record<SettingKey, boolean>;
  refused: RefusedSetting[];
}

/** Raw values as read from `storage.managed` and `storage.local`: anything, until checked. */
export type RawSettings = Partial<Record<SettingKey, unknown>> | undefined;

/**
 * Resolves the settings in order of precedence: a valid managed (policy) value, else a valid
 * user value, else the build's default. Hostile or malformed values never take effect; they are
 * reported in `refused` so the options page can say why.
 */
export function resolveSettings(managed: RawSettings, local: RawSettings, buildDefaultUrl: string | undefined): ResolvedSettings {
  const refused: RefusedSetting[] = [];
  const pick = <T>(key: SettingKey, check: (v: unknown) => CheckResult<T>): { value: T | undefined; locked: boolean } => {
    for (const [source, raw] of [['managed', managed], ['local', local]] as const) {
      const value = raw?.[key];
      // An empty policy string (a blank ADMX field) means "not set", not a bad address for the user to fix.
      if (value === undefined || value === null || (source === 'managed' && typeof value === 'string' && value.trim() === '')) continue;
      const result = check(value);
      if (result.ok) return { value: result.value, locked: source === 'managed' };
      refused.push({ key, source, code: result.code });
    }
    return { value: undefined, locked: false };
  };
  const url = pick('intranetUrl', checkIntranetUrl);
  const language = pick('language', checkLanguage);
  const fallback = buildDefaultUrl === undefined ? undefined : checkIntranetUrl(buildDefaultUrl);
  return {
    settings: {
      intranetUrl: url.value ?? (fallback?.ok ? fallback.value : undefined),
      language: language.value ?? 'browser',
    },
    locked: { intranetUrl: url.locked, language: language.locked },
    refused,
  };
}
