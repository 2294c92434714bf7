import { describe, expect, it } from 'vitest';
import { createSingleFlight, withMutex, type RunChannel } from './single-flight';
import { createMemoryLocks } from './testing/memory-locks';

async function overlapCount(run: (fn: () => Promise<void>) => Promise<void>): Promise<number> {
  let inside = 0;
  let overlaps = 0;
  const job = async () => {
    inside += 1;
    if (inside > 1) overlaps += 1;
    await new Promise((resolve) => setImmediate(resolve));
    inside -= 1;
  };
  await Promise.all(Array.from({ length: 10 }, () => run(job)));
  return overlaps;
}

describe('single flight', () => {
  it('uses the injected Web Locks implementation and excludes runs', async () => {
    const locks = createMemoryLocks();
    const a = createSingleFlight('sync', { locks });
    const b = createSingleFlight('sync', { locks });
    expect(a.crossContext).toBe(true);
    expect(await overlapCount((fn) => (Math.random() < 0.5 ? a : b).run(fn))).toBe(0);
  });

  it('falls back to an in-process mutex and tells other contexts when a run ends', async () => {
    const posted: unknown[] = [];
    const channel: RunChannel = { postMessage: (m) => posted.push(m), addEventListener: () => undefined, close: () => undefined };
    const flight = createSingleFlight('sync-fallback', { locks: null, createChannel: () => channel });
    expect(flight.crossContext).toBe(false);
    expect(await overlapCount((fn) => flight.run(fn))).toBe(0);
    expect(posted).toContainEqual({ kind: 'run-finished' });
  });

  it('a run that ends after close() keeps its result (the channel is closed by then)', async () => {
    const channel: RunChannel = {
      postMessage: () => {
        throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
      },
      addEventListener: () => undefined,
      close: () => undefined,
    };
    const flight = createSingleFlight('sync-closed', { locks: null, createChannel: () => channel });
    expect(await flight.run(async () => 'sent')).toBe('sent');
  });

  it('keeps the mutex working after a failed run', async () => {
    await expect(withMutex('m', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withMutex('m', async () => 'next')).toBe('next');
  });

  it('hears run-finished notices from other contexts', () => {
    let deliver: ((event: MessageEvent) => void) | undefined;
    const channel: RunChannel = { postMessage: () => undefined, addEventListener: (_t, l) => (deliver = l), close: () => undefined };
    const flight = createSingleFlight('sync-remote', { locks: null, createChannel: () => channel });
    let heard = 0;
    flight.onRemoteRun(() => (heard += 1));
    deliver!({ data: { kind: 'run-finished' } } as MessageEvent);
    deliver!({ data: 'junk' } as MessageEvent);
    expect(heard).toBe(1);
  });
});
