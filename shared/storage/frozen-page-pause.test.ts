import { describe, expect, it } from 'vitest';
import { FrozenPagePause } from './frozen-page-pause';

/** A transaction that finishes when told, or rejects `done` when aborted. */
function fakeTransaction({ committing = false } = {}) {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  done.catch(() => undefined);
  const tx = {
    done,
    aborted: false,
    abort() {
      if (committing) throw new DOMException('committing', 'InvalidStateError');
      tx.aborted = true;
      fail(new DOMException('aborted', 'AbortError'));
    },
    finish: () => finish(),
  };
  return tx;
}

/**
 * Runs, through `pause`, an operation that opens one transaction (after `first`, if given) and waits for it: the first run's is
 * left open (to be aborted), the second's finishes. Resolves with the number of runs.
 */
function runTwice(pause: FrozenPagePause, first?: Promise<void>) {
  const transactions: ReturnType<typeof fakeTransaction>[] = [];
  const result = pause.run(async () => {
    if (first && transactions.length === 0) await first; // without: the transaction opens at once
    const tx = pause.track(fakeTransaction());
    transactions.push(tx);
    if (transactions.length === 2) tx.finish();
    await tx.done;
    return transactions.length;
  });
  return { transactions, result };
}

const settled = async <T>(p: Promise<T>) => {
  let state = 'pending';
  p.then(() => (state = 'resolved'), () => (state = 'rejected'));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return state;
};

describe('FrozenPagePause', () => {
  it('aborts the open transactions at pause, holds the operation, and runs it again at resume', async () => {
    const pause = new FrozenPagePause();
    const { transactions, result } = runTwice(pause);
    pause.pause();
    expect(transactions[0]?.aborted).toBe(true);
    expect(await settled(result)).toBe('pending');
    expect(transactions).toHaveLength(1); // nothing new starts while paused
    pause.resume();
    await expect(result).resolves.toBe(2);
  });

  it('holds an operation asked for while paused, and starts it at resume', async () => {
    const pause = new FrozenPagePause();
    pause.pause();
    let started = false;
    const result = pause.run(async () => {
      started = true;
      return 'ok';
    });
    expect(await settled(result)).toBe('pending');
    expect(started).toBe(false);
    pause.resume();
    await expect(result).resolves.toBe('ok');
  });

  it('does not abort what is committing or finished, and lets it complete', async () => {
    const pause = new FrozenPagePause();
    const committing = pause.track(fakeTransaction({ committing: true }));
    const finished = pause.track(fakeTransaction());
    finished.finish();
    await finished.done;
    const result = pause.run(async () => {
      await committing.done;
      return 'kept';
    });
    pause.pause();
    expect(finished.aborted).toBe(false);
    committing.finish();
    await expect(result).resolves.toBe('kept');
  });

  it('passes on a failure that no pause caused, once', async () => {
    const pause = new FrozenPagePause();
    let runs = 0;
    await expect(
      pause.run(async () => {
        runs++;
        throw new Error('quota');
      }),
    ).rejects.toThrow('quota');
    expect(runs).toBe(1);
  });

  it('aborts a transaction created while paused, and runs its operation again at resume', async () => {
    const pause = new FrozenPagePause();
    let connect!: () => void;
    const connected = new Promise<void>((resolve) => (connect = resolve));
    const { transactions, result } = runTwice(pause, connected); // awaits the connection, say, before its transaction
    pause.pause();
    pause.pause(); // idempotent: one resume ends it
    connect();
    expect(await settled(result)).toBe('pending');
    expect(transactions.map((tx) => tx.aborted)).toEqual([true]);
    pause.resume();
    await expect(result).resolves.toBe(2);
    expect(transactions.map((tx) => tx.aborted)).toEqual([true, false]);
  });
});
