/**
 * Composition root of the options page: read the settings (managed, local, build default), pick
 * the language, render. Re-renders when IT's or the user's settings change.
 */
import { render } from 'preact';
import { effectiveLang, type ResolvedSettings } from '../../shared/config/settings';
import { messagesFor } from '../../shared/i18n';
import { loadSettings, onSettingsChanged } from '../lib/settings-store';
import { rememberEarlyLabels } from '../popup/early-title';
import { OptionsApp } from './OptionsApp';

/**
 * How long the page waits for IT's policy before it shows the last known copy instead: only for a
 * policy read that never answers (Chromium's first one after a browser start takes 2–5 s).
 */
export const POLICY_WAIT_MS = 10_000;

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const draw = (resolved: ResolvedSettings) => {
    const lang = effectiveLang(resolved.settings.language, navigator.language);
    const t = messagesFor(lang);
    document.documentElement.lang = lang;
    document.title = t.options.pageTitle;
    // The popup's static field (shown before its bundle runs) takes its language from here too, so
    // the first popup after a switch is not labelled in the old language.
    rememberEarlyLabels(lang, t);
    // index.html's wordless busy state goes with the first draw.
    if (root.hasAttribute('aria-busy')) {
      root.removeAttribute('aria-busy');
      root.replaceChildren();
    }
    // The same form, never remounted: what the user typed and the focus survive IT's changes
    // (OptionsApp follows the settings only in fields the user has not touched or IT has locked).
    render(<OptionsApp resolved={resolved} t={t} />, root);
  };
  onSettingsChanged(() => void loadSettings().then(draw, () => undefined));
  // No words until IT's policy is read: it may choose the page's language (and lock its fields). Drawn
  // from the copy the last read left, the page showed an earlier language, then switched, when IT had
  // changed the policy since; the popup, which must take keys at once, uses that copy (its next one
  // follows the read made here). Meanwhile index.html shows a busy state without text.
  // A read that fails (storage refusing) draws the last known copy rather than leaving the busy state for good.
  const policy = loadSettings().catch(() => loadSettings({ fast: true }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const lastKnown = new Promise<ResolvedSettings>((resolve) => {
    timer = setTimeout(() => resolve(loadSettings({ fast: true })), POLICY_WAIT_MS);
  });
  const first = await Promise.race([policy, lastKnown]);
  clearTimeout(timer);
  draw(first);
  const read = await policy;
  if (read !== first) draw(read);
}

void start();
