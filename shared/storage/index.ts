/**
 * The storage layer's public API: import from `shared/storage`, not from its files.
 */
export type { DraftChange, DraftStore, UpdateManyOptions, WriteOptions } from './types';
export { openDraftStore, IdbDraftStore, type OpenDraftStoreOptions } from './draft-store';
export { StorageError, toStorageError, type StorageErrorCode } from './errors';
export { CHANGE_CHANNEL, createChangeNotices, type ChangeKind, type ChangeListener, type ChangeNotice, type ChangeNotices, type ChannelLike } from './change-notices';
export { requestPersistentStorage, type PersistApi, type PersistResult } from './persist';
export { DB_NAME, DB_VERSION, type IdeslussDB } from './schema';
