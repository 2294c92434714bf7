/**
 * The popup's sync status before an intranet is configured: there is no engine to bind the shared
 * SyncStatusModel to, so only `online` is live and "send now" opens the settings.
 */
import { signal } from '@preact/signals-core';
import type { SyncStatusModel } from '../../shared/models/types';
import { navigatorOnlineSource } from '../../shared/models/sync-status';
import { ext } from './ext';

/** A SyncStatusModel for a popup with no intranet configured. */
export function createUnconfiguredSyncStatus(): SyncStatusModel {
  const source = navigatorOnlineSource();
  const online = signal(source.get());
  const stop = source.subscribe((value) => (online.value = value));
  return {
    online,
    paused: signal(undefined),
    accountSwitch: signal(undefined),
    signInUrl: signal(undefined),
    syncing: signal(false),
    nextAttemptAt: signal(undefined),
    lastSentAt: signal(undefined),
    sendNow: () => ext.runtime.openOptionsPage(),
    sendAsSignedIn: () => ext.runtime.openOptionsPage(),
    dispose: stop,
  };
}
