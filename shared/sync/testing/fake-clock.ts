/**
 * A clock for tests and simulations: time moves only when told, so seven days take milliseconds.
 * Not part of the runtime API.
 */
import type { Clock } from '../../domain/clock';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private current = Date.UTC(2026, 10, 26, 8, 0, 0)) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward without firing anything (the device slept, the worker was gone). */
  advance(ms: number): void {
    this.current += ms;
  }

  /** The time of the earliest pending timer, if any. */
  nextAt(): number | undefined {
    return this.timers.reduce<number | undefined>((min, t) => (min === undefined || t.at < min ? t.at : min), undefined);
  }

  /** Jumps to the earliest timer due no later than `until` and fires it. False when there is none. */
  fireNext(until = Number.POSITIVE_INFINITY): boolean {
    const next = [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
    if (!next || next.at > until) return false;
    this.timers = this.timers.filter((t) => t !== next);
    this.current = Math.max(this.current, next.at);
    next.fn();
    return true;
  }

  get pending(): number {
    return this.timers.length;
  }
}
