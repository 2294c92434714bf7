/**
 * Sync: public surface of shared/sync (the engine, its policy functions and its single flight, and what the
 * extension's worker and popup call beside the engine). Adapters import from here, not from the files.
 */
export { SyncEngine, META, type RunResult, type SyncEngineDeps, type SyncState } from './sync-engine';
export { BACKOFF, fullJitter, isOutage, paceDelay, planAfterSuccess, retryDelay, type Random } from './backoff';
export { classifyError, classifyStatus } from './classify';
export { createSingleFlight, type LocksLike, type SingleFlight } from './single-flight';
export { markAccountMoved } from './account-check';
export { withClockTimeout } from './attempt';
export { resetSchedules } from './queue-ops';
export { refreshIfDue } from './refresh';
export { sendOrder } from './transitions';
