import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { IdeaSource, Lang } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';
import { Banners } from './Banners';
import { DraftList } from './DraftList';
import { IdeaForm } from './IdeaForm';
import { StartAnother } from './StartAnother';
import { itemTitle } from './item-text';
import { useAnnouncer, useConnectionNews, useStateChanges } from './use-announcements';
import type { DeletedDraftMemory } from '../../shared/models/deleted-draft';

export interface AppProps {
  editor: EditorModel;
  drafts: DraftsModel;
  sync: SyncStatusModel;
  t: Messages;
  lang: Lang;
  signInUrl: string | undefined;
  /** The extension may not reach the configured intranet (../lib/host-access.ts). */
  noAccess?: boolean;
  /** Keeps the last delete's undo across popup openings (docs/adr/020). */
  deletedDrafts?: DeletedDraftMemory;
  /** True while the background fetches this device's first challenge list. */
  fetchingChallenges?: ReadonlySignal<boolean>;
  /** The page the popup is about, for a new idea begun in it. */
  pageSource?: IdeaSource;
}

/** The popup: notices, the form, the list of this computer's ideas, and a live region. */
export function App(props: AppProps) {
  const { editor, drafts, sync, t, lang, signInUrl, noAccess = false, deletedDrafts, fetchingChallenges, pageSource } = props;
  const p = t.popup;
  /** The idea this popup submitted last: "waiting to be sent" shows while it waits, not after. */
  const [submitted, setSubmitted] = useState<string | undefined>(undefined);
  const { announcements, announce } = useAnnouncer();
  const { celebrate, clearCelebration } = useStateChanges(drafts, t, announce);
  useConnectionNews(sync, t, announce);

  // The editor model itself asks the background to sync (its onSubmitted dependency) and has
  // already started the next draft (IdeaForm submits with `next`).
  const onSubmitted = (id: string) => {
    clearCelebration();
    setSubmitted(id);
  };
  const submittedIdea = drafts.drafts.value.find((d) => d.id === submitted);
  const state = submittedIdea?.state;
  // Said right after a submit, naming the idea, so that it does not read as being about the next one being written
  // below it; it stays while that one is typed (taking it away would move the form up under the typing). A submit the
  // form refuses (the next, empty one) ends it with the errors it shows, for good: no notice comes back above them.
  const waiting = state === 'queued' || state === 'sending';
  const refused = editor.fieldErrors.value.length > 0;
  useEffect(() => {
    if (refused) setSubmitted(undefined);
  }, [refused]);
  const beginNext = () => {
    clearCelebration();
    setSubmitted(undefined);
  };
  // While sync waits for another account (docs/adr/016), the notice says as whom the idea will go.
  const waitsFor = sync.accountSwitch.value?.previous.name;
  const focusForm = () => {
    clearCelebration();
    setSubmitted(undefined);
    document.getElementById('title')?.focus();
  };

  return (
    <main class="page popup">
      <Banners sync={sync} t={t} signInUrl={signInUrl} noAccess={noAccess} celebrate={celebrate} />
      <h1 id="form-heading">{p.heading}</h1>
      <StartAnother editor={editor} t={t} pageSource={pageSource} announce={announce} onStarted={beginNext} />
      {/* Without an address or access, or signed out, the banner above says why ideas wait: "it is sent anyway" would contradict it. */}
      {waiting && !refused && !celebrate && signInUrl !== undefined && !noAccess && sync.paused.value !== 'auth' && <p class="notice" role="status" data-banner="queued">{waitsFor ? t.queuedForAccount(waitsFor) : p.queuedNotice(itemTitle(submittedIdea!, t, true))}</p>}
      <IdeaForm editor={editor} drafts={drafts} t={t} lang={lang} onSubmitted={onSubmitted} onChange={clearCelebration} fetchingChallenges={fetchingChallenges?.value} />
      <DraftList
        drafts={drafts} editor={editor} sync={sync} t={t} lang={lang} configured={signInUrl !== undefined} noAccess={noAccess}
        onEdit={focusForm} announce={announce} deletedDrafts={deletedDrafts}
      />
      <div class="visually-hidden" aria-live="polite">
        {announcements.map((a) => <p key={a.key}>{a.text}</p>)}
      </div>
    </main>
  );
}
