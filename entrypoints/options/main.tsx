/**
 * Composition root of the options page: read the settings (managed, local, build default), pick
 * the language, render. Re-renders when IT's or the user's settings change.
 */
import { render } from 'preact';
import { effectiveLang } from '../../shared/config/settings';
import { messagesFor } from '../../shared/i18n';
import { loadSettings, onSettingsChanged } from '../lib/settings-store';
import { OptionsApp } from './OptionsApp';

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const draw = async (fast = false) => {
    const resolved = await loadSettings({ fast });
    const lang = effectiveLang(resolved.settings.language, navigator.language);
    const t = messagesFor(lang);
    document.documentElement.lang = lang;
    document.title = t.options.pageTitle;
    // Remount (fresh form state) only when what IT decided changes, not when the user saves.
    const policy = JSON.stringify({ locked: resolved.locked, refused: resolved.refused, managed: resolved.locked.intranetUrl ? resolved.settings.intranetUrl : '' });
    render(<OptionsApp key={policy} resolved={resolved} t={t} />, root);
  };
  onSettingsChanged(() => void draw());
  // The last known policy at once, then the real one (Chromium's first policy read can take seconds).
  await draw(true);
  await draw();
}

void start();
