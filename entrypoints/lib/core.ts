/**
 * The shared core as the popup uses it: one change-notices object, the draft store over the
 * extension origin's IndexedDB (the same database the background worker syncs from), and the
 * signals-core models the views bind to. The popup has its own SyncEngine for the shared
 * SyncStatusModel and "send now"; Web Locks keep it and the worker's engine from sending at once.
 */
import type { Lang } from '../../shared/domain/idea';
import { systemClock } from '../../shared/domain/clock';
import { createDraftsModel } from '../../shared/models/drafts-model';
import { createEditorModel } from '../../shared/models/editor-model';
import { createSyncStatusModel, navigatorOnlineSource } from '../../shared/models/sync-status';
import type { DraftsModel, EditorModel, SyncStatusModel } from '../../shared/models/types';
import { createChangeNotices, openDraftStore, requestPersistentStorage, type DraftStore } from '../../shared/storage';
import { SyncEngine } from '../../shared/sync';
import type { HostAccess } from './host-access';
import { createIntranetApi } from './intranet-api';
import { createUnconfiguredSyncStatus } from './popup-sync-status';

export interface ExtensionCore {
  store: DraftStore;
  editor: EditorModel;
  drafts: DraftsModel;
  sync: SyncStatusModel;
}

export interface CoreOptions {
  lang: Lang;
  /** The configured intranet, or undefined (drafts are still saved). */
  intranetUrl: string | undefined;
  /**
   * Whether the extension may reach it (./host-access.ts), asked beside the store's opening. Without
   * access the popup gets no engine: its "send now" would meet a 401 and pause the worker's sync.
   */
  access?: Promise<HostAccess | undefined>;
  /** After a submit: the popup asks the background worker to sync now (it outlives the popup). */
  onSubmitted(id: string): void;
}

/** Opens the store and creates the models for the popup. */
export async function openExtensionCore(options: CoreOptions): Promise<ExtensionCore> {
  const notices = createChangeNotices();
  const store = await openDraftStore({ notices });
  void requestPersistentStorage();
  const editor = createEditorModel({ store, clock: systemClock, notices, onSubmitted: options.onSubmitted, lang: () => options.lang });
  const drafts = createDraftsModel({ store, notices });
  await drafts.refresh();
  const online = navigatorOnlineSource();
  const reachable = (await options.access) ?? 'granted';
  const sync = options.intranetUrl && reachable === 'granted'
    ? createSyncStatusModel({
        engine: new SyncEngine({ store, api: createIntranetApi(options.intranetUrl), clock: systemClock, notices, online: online.get }),
        online,
        notices,
      })
    : createUnconfiguredSyncStatus();
  return { store, editor, drafts, sync };
}
