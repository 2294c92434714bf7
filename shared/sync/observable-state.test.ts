/**
 * The state views follow (./observable-state.ts), as the SyncEngine's SyncState uses it.
 */
import { describe, expect, it } from 'vitest';
import { ObservableState } from './observable-state';

class Counter extends ObservableState<{ count: number; label: string }> {
  constructor() {
    super({ count: 0, label: 'start' });
  }

  set(patch: Partial<{ count: number; label: string }>): void {
    this._setState(patch);
  }
}

describe('ObservableState', () => {
  it('merges each change into a new state object and gives it to every listener', () => {
    const counter = new Counter();
    const before = counter.getState();
    const seen: unknown[] = [];
    counter.subscribe((state) => seen.push(state));
    counter.set({ count: 1 });
    expect(counter.getState()).toEqual({ count: 1, label: 'start' });
    expect(counter.getState()).not.toBe(before);
    expect(before).toEqual({ count: 0, label: 'start' });
    expect(seen).toEqual([{ count: 1, label: 'start' }]);
    expect(seen[0]).toBe(counter.getState());
  });

  it('stops calling a listener once unsubscribed', () => {
    const counter = new Counter();
    const seen: number[] = [];
    const stop = counter.subscribe((state) => seen.push(state.count));
    counter.set({ count: 1 });
    stop();
    counter.set({ count: 2 });
    expect(seen).toEqual([1]);
  });

  it('calls the listeners subscribed when a change began, even if one unsubscribes another or subscribes a new one', () => {
    const counter = new Counter();
    const seen: string[] = [];
    const stops: (() => void)[] = [];
    stops.push(
      counter.subscribe(() => {
        seen.push('a');
        stops[1]!();
        counter.subscribe(() => seen.push('late'));
      }),
    );
    stops.push(counter.subscribe(() => seen.push('b')));
    counter.set({ count: 1 });
    expect(seen).toEqual(['a', 'b']);
  });
});
