import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftState } from '../../shared/domain/draft';
import type { Lang } from '../../shared/domain/idea';
import type { Messages } from '../../shared/i18n';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';
import { Banners } from './Banners';
import { DraftList } from './DraftList';
import { IdeaForm } from './IdeaForm';

export interface AppProps {
  editor: EditorModel;
  drafts: DraftsModel;
  sync: SyncStatusModel;
  t: Messages;
  lang: Lang;
  signInUrl: string | undefined;
}

/**
 * Watches the drafts list for state changes while the popup is open: announces each to screen
 * readers and reports when one of them reaches `sent`.
 */
function useStateChanges(drafts: DraftsModel, t: Messages): { announcement: string; celebrate: boolean } {
  const seen = useRef<Map<string, DraftState> | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const [celebrate, setCelebrate] = useState(false);
  const list = drafts.drafts.value;
  useEffect(() => {
    const previous = seen.current;
    seen.current = new Map(list.map((d) => [d.id, d.state]));
    if (!previous) return;
    const changed = list.filter((d) => previous.has(d.id) && previous.get(d.id) !== d.state && d.state !== 'sending');
    if (changed.length === 0) return;
    setAnnouncement(changed.map((d) => t.popup.stateChanged(d.content.title || t.popup.untitled, t.state[d.state])).join('. '));
    if (changed.some((d) => d.state === 'sent')) setCelebrate(true);
  }, [list, t]);
  return { announcement, celebrate };
}

/** The popup: notices, the form, the list of this computer's ideas, and a live region. */
export function App(props: AppProps) {
  const { editor, drafts, sync, t, lang, signInUrl } = props;
  const p = t.popup;
  const [queued, setQueued] = useState(false);
  const { announcement, celebrate } = useStateChanges(drafts, t);

  // The editor model itself asks the background to sync (its onSubmitted dependency).
  const onSubmitted = () => {
    setQueued(true);
    editor.startNew();
  };
  const focusForm = () => {
    setQueued(false);
    document.getElementById('title')?.focus();
  };

  return (
    <main class="page popup">
      <Banners sync={sync} t={t} signInUrl={signInUrl} celebrate={celebrate} />
      <h1 id="form-heading">{p.heading}</h1>
      {queued && !celebrate && <p class="notice" role="status" data-banner="queued">{p.queuedNotice}</p>}
      <IdeaForm editor={editor} drafts={drafts} t={t} onSubmitted={onSubmitted} />
      <DraftList drafts={drafts} editor={editor} sync={sync} t={t} lang={lang} onEdit={focusForm} />
      <div class="visually-hidden" aria-live="polite">{announcement}</div>
    </main>
  );
}
