/** Sync: public surface of shared/sync (the engine, its policy functions and its single flight). */
export { SyncEngine, META, type RunResult, type SyncEngineDeps, type SyncState } from './sync-engine';
export { BACKOFF, fullJitter, isOutage, paceDelay, planAfterSuccess, retryDelay, type Random } from './backoff';
export { classifyError, classifyStatus } from './classify';
export { createSingleFlight, type LocksLike, type SingleFlight } from './single-flight';
