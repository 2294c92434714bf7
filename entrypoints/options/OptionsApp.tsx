import { useEffect, useRef, useState } from 'preact/hooks';
import { checkIntranetUrl, hostPatternFor, type LanguageSetting, type ResolvedSettings, type SettingErrorCode, type SettingKey } from '../../shared/config/settings';
import { readableUrl } from '../../shared/config/readable-url';
import type { Messages } from '../../shared/i18n';
import { fixedOrigins, manifestHosts, requestHostAccess } from '../lib/host-access';
import { saveSettings } from '../lib/settings-store';
import { sendToBackground } from '../lib/messaging';
import { AccessNotice } from './AccessNotice';
import { addressCheckText, useAddressCheck } from './address-check';

/** Why the address was not saved: a check's code, or the host permission's answer. */
type OptionsError = { code: SettingErrorCode } | { code: 'permission-denied' } | { code: 'not-permitted'; origins: string } | { code: 'save-failed' };

/** The sentence for `error` in the language of `t`. */
function errorText(error: OptionsError, t: Messages): string {
  const o = t.options;
  if (error.code === 'permission-denied') return o.permissionDenied;
  if (error.code === 'not-permitted') return o.notPermitted(error.origins);
  if (error.code === 'save-failed') return o.saveFailed;
  return o.error[error.code];
}

export interface OptionsAppProps {
  resolved: ResolvedSettings;
  t: Messages;
}

/**
 * The options form: intranet address and language. Managed (policy) values are shown locked;
 * refused policy values are listed with the reason; a bad address is refused with a clear message
 * next to the field, and nothing typed is lost.
 */
export function OptionsApp({ resolved, t }: OptionsAppProps) {
  const o = t.options;
  const { settings, locked, refused } = resolved;
  // The field shows a host name in its own letters (`intranät.kommun.se`); the stored form is ASCII.
  const [url, setUrl] = useState(readableUrl(settings.intranetUrl ?? ''));
  const [language, setLanguage] = useState<LanguageSetting>(settings.language);
  // What went wrong or right, not the sentence: it is rendered in the language in effect now
  // (the language saved with this very form may have changed it).
  const [error, setError] = useState<OptionsError | undefined>();
  /** What the last save stored: everything, or the language alone (the address refused beside it). */
  const [saved, setSaved] = useState<false | 'all' | 'language'>(false);
  // Each failed save renders its alert anew, so a screen reader says it again even when the
  // sentence is the same as last time.
  const [attempt, setAttempt] = useState(0);
  // IT's values can change while the page is open (and a policy read slower than main.tsx's
  // POLICY_WAIT_MS can differ from the copy shown meanwhile). The page stays mounted: a field the
  // user has not touched follows the settings, a field IT has just locked shows IT's value, and
  // anything else the user typed stays, with the focus where it was.
  // Refs, not state: the effects run after a paint, when a fast typist may already have typed.
  const urlEdited = useRef(false);
  const languageEdited = useRef(false);
  const check = useAddressCheck();
  /** The address the last check was run for (a save's). */
  const checkedFor = useRef<string | undefined>(undefined);
  const shown = useRef({ url: settings.intranetUrl, urlLocked: locked.intranetUrl, language: settings.language, languageLocked: locked.language });
  useEffect(() => {
    const before = shown.current;
    shown.current = { url: settings.intranetUrl, urlLocked: locked.intranetUrl, language: settings.language, languageLocked: locked.language };
    if (before.url !== settings.intranetUrl || before.urlLocked !== locked.intranetUrl) {
      if (locked.intranetUrl) urlEdited.current = false;
      if (!urlEdited.current) {
        setUrl(readableUrl(settings.intranetUrl ?? ''));
        // "You are signed in as …" was about the address shown before, unless it is this one coming back from the save.
        if (settings.intranetUrl !== checkedFor.current) check.clear();
      }
    }
    // The language follows too, unless the user chose one: also when IT lifts its lock, or a save would store IT's.
    if (before.language !== settings.language || before.languageLocked !== locked.language) {
      if (locked.language) languageEdited.current = false;
      if (!languageEdited.current) setLanguage(settings.language);
    }
  }, [settings.intranetUrl, locked.intranetUrl, settings.language, locked.language]);
  const urlRef = useRef<HTMLInputElement>(null);
  const label: Record<SettingKey, string> = { intranetUrl: o.intranetUrl, language: o.language };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    // The last refusal goes at once: not shown, nor said again, while the browser asks for the permission.
    setError(undefined);
    setAttempt((n) => n + 1);
    try {
      await save();
    } catch {
      // The browser refused the permission request outright (an address outside the build's optional
      // host patterns) or the storage write failed: say so, keep the text.
      setError({ code: 'save-failed' });
      urlRef.current?.focus();
    }
  };

  /**
   * The address could not be saved (`why`): the language still is, when the user may set it, so that choosing a
   * language does not wait for an address (a generic build before one is set) or a permission the user refused.
   */
  const refuseAddress = async (why: OptionsError) => {
    if (!locked.language && language !== settings.language) {
      await saveSettings({ language });
      languageEdited.current = false;
      setSaved('language'); // said beside the address's error: a person who chose a language knows it is kept
      void sendToBackground({ type: 'settings-changed' }).catch(() => undefined);
    }
    setError(why);
    urlRef.current?.focus();
  };

  const save = async () => {
    const values: { intranetUrl?: string; language?: LanguageSetting } = {};
    // No address typed, and none stored (a generic build before one is set): the language alone is saved.
    if (!locked.intranetUrl && (url.trim() !== '' || settings.intranetUrl)) {
      const checked = checkIntranetUrl(url);
      if (!checked.ok) return refuseAddress({ code: checked.code });
      values.intranetUrl = checked.value;
      // An organisation's build holds a fixed host permission; a generic build asks now, inside the
      // click (permissions.request needs the user gesture, so nothing async may run before it).
      const { fixed, optional } = manifestHosts();
      if (!fixed.includes(hostPatternFor(checked.value))) {
        const granted = optional && (await requestHostAccess(checked.value));
        if (!granted) return refuseAddress(optional ? { code: 'permission-denied' } : { code: 'not-permitted', origins: fixedOrigins(fixed) });
      }
    }
    if (!locked.language) values.language = language;
    await saveSettings(values);
    setError(undefined);
    urlEdited.current = languageEdited.current = false; // the fields now follow what was stored (normalised)
    // Shown normalised now: when the stored value did not change ("…/" saved over "…"), no settings
    // change comes back to do it.
    if (values.intranetUrl !== undefined) setUrl(readableUrl(values.intranetUrl));
    setSaved('all');
    if (values.intranetUrl !== undefined) {
      checkedFor.current = values.intranetUrl;
      check.run(values.intranetUrl);
    }
    // The worker applies them in the background (it may first wait seconds for the managed policy
    // after a browser start): "saved" does not wait for it.
    void sendToBackground({ type: 'settings-changed' }).catch(() => undefined);
  };

  return (
    <main class="page options">
      <h1>{o.heading}</h1>
      {locked.intranetUrl && locked.language && <p>{o.allLocked}</p>}
      <AccessNotice intranetUrl={settings.intranetUrl} t={t} />
      {refused.length > 0 && (
        <div class="notice warning" role="alert">
          <ul>
          {refused.map((r) => (
            <li key={`${r.source}-${r.key}`}>
              {(r.source === 'managed' ? o.refusedManaged : o.refusedLocal)(label[r.key], o.error[r.code])}
            </li>
          ))}
          </ul>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <div class="field">
          <label for="intranet-url">{o.intranetUrl}</label>
          <input
            id="intranet-url"
            ref={urlRef}
            type="url"
            inputMode="url"
            autocomplete="url"
            spellcheck={false}
            value={url}
            readOnly={locked.intranetUrl}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={`intranet-url-help${locked.intranetUrl ? ' intranet-url-locked' : ''}${error ? ' intranet-url-error' : ''}`}
            onInput={(e) => {
              setUrl(e.currentTarget.value);
              urlEdited.current = true;
              setSaved(false); // "saved" is about what the form held then, not now
              check.clear();
            }}
          />
          <p id="intranet-url-help" class="hint">{o.intranetHelp}</p>
          {locked.intranetUrl && <p id="intranet-url-locked" class="locked">{o.locked}</p>}
          {error && (
            <p id="intranet-url-error" key={attempt} class="error" role="alert">
              {o.errorPrefix} {errorText(error, t)}
            </p>
          )}
        </div>
        <div class="field">
          <label for="language">{o.language}</label>
          <select
            id="language"
            value={language}
            disabled={locked.language}
            aria-describedby={locked.language ? 'language-locked' : undefined}
            onChange={(e) => {
              setLanguage(e.currentTarget.value as LanguageSetting);
              languageEdited.current = true;
              setSaved(false);
            }}
          >
            <option value="browser">{o.languageBrowser}</option>
            <option value="sv" lang="sv">{o.languageSv}</option>
            <option value="en" lang="en">{o.languageEn}</option>
          </select>
          {locked.language && <p id="language-locked" class="locked">{o.locked}</p>}
        </div>
        <button type="submit" disabled={locked.intranetUrl && locked.language}>{o.save}</button>
        <p class="status" role="status">{saved === 'language' ? o.languageSaved : saved ? o.saved : ''}</p>
        <p id="address-check" class="status" role="status" data-address-check={check.state?.kind}>{addressCheckText(check.state, t)}</p>
        {check.state?.kind === 'signed-out' && check.state.signInUrl && (
          // Opens in a tab of its own: the options page may be shown inside chrome://extensions.
          <p><a href={check.state.signInUrl} target="_blank" rel="noopener noreferrer" data-sign-in>{t.popup.signIn}</a></p>
        )}
      </form>
    </main>
  );
}
