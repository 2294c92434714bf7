/**
 * The periodic sync trigger. MV3 service workers are killed when idle, so timers cannot be trusted:
 * an alarm (0.5 min, the shortest Chrome allows) wakes the worker. It is re-created at every worker
 * start, because an update or a browser restart may have dropped it (DESIGN section 6).
 */
import { ext } from '../lib/ext';

export const SYNC_ALARM = 'idesluss-sync';

/** Creates the sync alarm unless it already exists with the right period. */
export async function ensureSyncAlarm(): Promise<void> {
  const existing = await ext.alarms.get(SYNC_ALARM);
  if (existing?.periodInMinutes === 0.5) return;
  await ext.alarms.create(SYNC_ALARM, { periodInMinutes: 0.5, delayInMinutes: 0.5 });
}

/** Registers the alarm listener; call synchronously in `main` so a waking worker hears it. */
export function onSyncAlarm(run: () => void): void {
  ext.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) run();
  });
}
