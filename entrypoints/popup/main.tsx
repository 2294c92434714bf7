/**
 * Composition root of the popup: settings → language → the shared models over the extension's
 * IndexedDB → which draft to show → render. The popup is killed the moment it loses focus, so
 * autosave is flushed on `pagehide` and `visibilitychange`, and nothing else is kept in memory.
 */
// Installs the Preact integration: components re-render when a signal they read changes.
import { signal } from '@preact/signals';
import { render } from 'preact';
import { effectiveLang, signInUrlFor } from '../../shared/config/settings';
import { isUnwritten, sameSource } from '../../shared/domain/idea';
import { messagesFor } from '../../shared/i18n';
import { StorageError } from '../../shared/storage';
import { openExtensionCore } from '../lib/core';
import { hostAccess } from '../lib/host-access';
import { journalCreatedDraft, recordKeystroke, replayJournal } from '../lib/keystroke-journal';
import { draftAbout, takeDraftToOpen } from '../lib/open-draft';
import { readPageContext, targetTabId } from '../lib/page-context';
import { sendToBackground } from '../lib/messaging';
import { loadSettings } from '../lib/settings-store';
import { App } from './App';
import { applyEarlyTitle, focusTitle, forgetEarlyEntry, rememberEarlyLabels, replayEarlyEntries, takeEarlyTitle, whenNotComposing } from './early-title';
import { createDeletedDraftMemory } from '../../shared/models/deleted-draft';

/** How long the challenge field may say it is fetching the first list before it offers "Ingen utmaning" (ADR 030). */
const FETCHING_MS = 3_000;

/** The messages; the browser's language until the settings are read. */
let t = messagesFor(effectiveLang('browser', navigator.language));

/**
 * The popup could not start (no IndexedDB, a failing extension API): says so plainly instead of a
 * form that would lose text. popup.html's static title field stays, with anything typed into it, to
 * be copied; the message goes beside it (no second `main` or `h1`).
 */
function showStartFailure(error: unknown): void {
  // The user reads our sentence for the storage error's code; the raw error goes to the console.
  console.error('Idésluss: the popup could not start', error);
  const reason = t.storage.error[error instanceof StorageError ? error.code : 'unknown'];
  render(<div class="page popup"><p class="error" role="alert">{t.popup.saveFailed(reason)}</p></div>, document.getElementById('app')!);
}

async function start(): Promise<void> {
  // The page's context needs no settings: ask for it at once, beside the settings and the store.
  const pageContext = targetTabId(location.search).then(readPageContext);
  const { settings } = await loadSettings({ fast: true });
  const lang = effectiveLang(settings.language, navigator.language);
  t = messagesFor(lang);
  document.documentElement.lang = lang;
  document.title = t.appName;
  rememberEarlyLabels(lang, t);

  // Asked beside the store's opening: one call into the browser, not in the way of the first key.
  const access = settings.intranetUrl ? hostAccess(settings.intranetUrl).catch(() => undefined) : Promise.resolve(undefined);
  const [opened, source] = await Promise.all([
    openExtensionCore({ lang, intranetUrl: settings.intranetUrl, access, onSubmitted: () => void sendToBackground({ type: 'submitted' }) }).then(
      (core) => ({ core }),
      (error: unknown) => ({ error }),
    ),
    pageContext,
  ]);
  if ('error' in opened) {
    // No IndexedDB (blocked upgrade, storage disabled).
    showStartFailure(opened.error);
    return;
  }
  const { core } = opened;
  const { editor, drafts, sync } = core;
  journalCreatedDraft(editor); // for the popup's life
  const popupOpened = sendToBackground({ type: 'popup-opened' });
  // The background refreshes the challenges when a popup opens. With no list from this intranet yet (the first popup,
  // or the first after an address change, which stores an empty list at time 0), the form shows the field as fetching
  // until that refresh has ended and the list is re-read, instead of adding the field when the list comes. Read here,
  // beside the reads below, not in the shared drafts model: the widget, which always shows the field, would carry it.
  const noListYet = settings.intranetUrl === undefined ? Promise.resolve(false) : core.store.getChallenges().then((cache) => !cache?.fetchedAt, () => false);

  // First, text a popup closed mid-save left in the journal goes back into its own draft, since
  // this popup's first keystroke overwrites the journal. If that save fails, the text is only on
  // screen: the popup keeps showing it.
  const handedOver = await takeDraftToOpen(core.store);
  const replayed = await replayJournal(editor, Math.max(0, ...drafts.drafts.value.map((d) => d.updatedAt)) || undefined);
  // Which draft: one the context menu just made; else the one about the selection the user made on
  // the page (a new one, unless the popup was closed and opened again on the same selection); else
  // the draft being written; else a new one with the page attached.
  if (replayed === 'unsaved') {
    // The save error is on screen with the text and its copy advice.
  } else if (handedOver) await editor.open(handedOver);
  else if (source?.quote) {
    const same = draftAbout(drafts.drafts.value, source);
    if (same) await editor.open(same.id);
    else editor.startNew({ source });
  } else {
    if (replayed === 'none') await editor.open();
    if (!editor.draftId.value) editor.startNew(source ? { source } : {});
    // A draft left with nothing written in it (typed, then cleared) is about this page now, not the
    // page an earlier popup opened on: its old address and title would go with the idea unseen.
    else if (isUnwritten(editor.content.value) && !sameSource(editor.content.value.source, source)) {
      editor.update({ source });
      recordKeystroke(editor); // the journal follows every update (../lib/keystroke-journal.ts)
    }
    // Text typed into the static field of a popup closed before its hand-over (ADR 008).
    await replayEarlyEntries(editor, localStorage, recordKeystroke);
  }

  // Autosave runs on every input; the journal (../lib/keystroke-journal.ts) covers the popup being
  // destroyed mid-write, and pagehide/visibilitychange push the saver to finish what it can.
  const flush = () => void editor.flush().catch(() => undefined);
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });

  const noAccess = ((await access) ?? 'granted') !== 'granted'; // settled: the core waited for it
  // Without access to the intranet, or signed out, nothing will come (the banner says why): no field waiting for a list.
  const fetchingChallenges = signal(!noAccess && sync.paused.peek() !== 'auth' && (await noListYet)); // settled: read before the drafts above
  if (fetchingChallenges.value) {
    // At most FETCHING_MS: the background's answer waits for the whole refresh (up to the engine's 60 s request timeout,
    // maybe after a refresh already under way, when the intranet does not answer). A list that comes later still fills the field, which is already in place.
    const atMost = new Promise((resolve) => setTimeout(resolve, FETCHING_MS));
    void Promise.race([popupOpened.then(() => drafts.refresh()), atMost]).catch(() => undefined).finally(() => {
      fetchingChallenges.value = false;
    });
  }
  // From here to the focus, one task: keys typed into the static field are all in `early`, and the
  // next key goes to the real field. A composition (IME, a dead key) in progress is let finish first.
  await whenNotComposing();
  const early = takeEarlyTitle();
  // Not applied over a failed save's text: the static field's text then stays in its entry, for a later popup.
  const applied = applyEarlyTitle(editor, early, source ? { source } : {});
  if (applied) recordKeystroke(editor);
  if (applied || !early?.text) forgetEarlyEntry(early);
  render(
    <App
      editor={editor}
      drafts={drafts}
      sync={sync}
      t={t}
      lang={lang}
      signInUrl={settings.intranetUrl ? signInUrlFor(settings.intranetUrl) : undefined}
      noAccess={noAccess}
      deletedDrafts={createDeletedDraftMemory(core.store)}
      fetchingChallenges={fetchingChallenges}
      pageSource={source}
    />,
    document.getElementById('app')!,
  );
  focusTitle(applied ? early : undefined); // refused: the static field's caret is not this draft's
}

void start().catch(showStartFailure);
