/**
 * Composition root of the options page: read the settings (managed, local, build default), pick
 * the language, render. Re-renders when IT's or the user's settings change.
 */
import { render } from 'preact';
import { effectiveLang } from '../../shared/config/settings';
import { messagesFor } from '../../shared/i18n';
import { loadSettings, onSettingsChanged } from '../lib/settings-store';
import { rememberEarlyLabels } from '../popup/early-title';
import { OptionsApp } from './OptionsApp';

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const draw = async (fast = false) => {
    const resolved = await loadSettings({ fast });
    const lang = effectiveLang(resolved.settings.language, navigator.language);
    const t = messagesFor(lang);
    document.documentElement.lang = lang;
    document.title = t.options.pageTitle;
    // The popup's static field (shown before its bundle runs) takes its language from here too, so
    // the first popup after a switch is not labelled in the old language.
    rememberEarlyLabels(lang, t);
    // The same form, never remounted: what the user typed and the focus survive IT's changes
    // (OptionsApp follows the settings only in fields the user has not touched or IT has locked).
    render(<OptionsApp resolved={resolved} t={t} />, root);
  };
  onSettingsChanged(() => void draw());
  // The last known policy at once, then the real one (Chromium's first policy read can take seconds).
  await draw(true);
  await draw();
}

void start();
