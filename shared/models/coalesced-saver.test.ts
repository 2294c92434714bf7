import { describe, expect, it } from 'vitest';
import { CoalescedSaver } from './coalesced-saver';

/** A write that completes only when the test says so. */
function controlledWrites() {
  const calls: { value: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const write = (value: number) => new Promise<void>((resolve, reject) => calls.push({ value, resolve, reject }));
  return { calls, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('CoalescedSaver', () => {
  it('keeps one write in flight and one pending; the last value wins', async () => {
    const { calls, write } = controlledWrites();
    const saver = new CoalescedSaver<number>({ write });
    for (let i = 1; i <= 5; i++) saver.schedule(i);
    await tick();
    expect(calls.map((c) => c.value)).toEqual([5]); // inputs in the same task coalesce before the first write
    saver.schedule(6);
    saver.schedule(7);
    await tick();
    expect(calls.map((c) => c.value)).toEqual([5]); // 6 and 7 wait; only 7 will be written
    calls[0]!.resolve();
    await tick();
    expect(calls.map((c) => c.value)).toEqual([5, 7]);
    const flushed = saver.flush();
    calls[1]!.resolve();
    await flushed;
    expect(saver.busy).toBe(false);
  });

  it('flush rejects while the latest value is unsaved, and retries it', async () => {
    const { calls, write } = controlledWrites();
    const errors: unknown[] = [];
    const saver = new CoalescedSaver<number>({ write, onError: (e) => errors.push(e) });
    saver.schedule(1);
    const first = saver.flush();
    await tick();
    calls[0]!.reject(new Error('full'));
    await expect(first).rejects.toThrow('full');
    expect(errors).toHaveLength(1);
    const second = saver.flush();
    await tick();
    expect(calls.map((c) => c.value)).toEqual([1, 1]);
    calls[1]!.resolve();
    await expect(second).resolves.toBeUndefined();
  });
});
