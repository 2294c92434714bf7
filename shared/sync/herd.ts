/**
 * The herd simulation (docs/adr/004-sync-backoff.md): 42,000 clients, each submitting ideas at a
 * steady rate, a total outage of the intranet, then recovery. It runs on a simulated clock with an
 * event queue instead of 42,000 engines, but every decision about *when* a client sends is made by
 * the engine's own functions: `retryDelay` after a failure, `planAfterSuccess` after a success,
 * and the engine's rule that a queue waits behind its head. It counts requests per 10-second bucket,
 * with the `GET /me` that starts each run that sends (./account-check.ts: it stands in for the
 * send when it fails, so a failed try is still one request).
 */
import { fullJitter, planAfterSuccess, retryDelay, type Random } from './backoff';

export interface HerdOptions {
  clients: number;
  /** Ideas per client per hour (Poisson). */
  ideasPerClientHour: number;
  /** Steady operation before the outage. */
  warmupMs: number;
  outageMs: number;
  /** Observation after recovery. */
  afterMs: number;
  bucketMs: number;
  random: Random;
  /** `engine`: the engine's schedule; `plain`: textbook full jitter per attempt, no pacing (for comparison). */
  policy: 'engine' | 'plain';
}

export const HERD_DEFAULTS: Omit<HerdOptions, 'random'> = {
  clients: 42_000,
  ideasPerClientHour: 6,
  warmupMs: 20 * 60_000,
  outageMs: 10 * 60_000,
  afterMs: 60 * 60_000,
  bucketMs: 10_000,
  policy: 'engine',
};

export interface HerdFigures {
  policy: HerdOptions['policy'];
  /** Mean requests per bucket over the steady part of the warm-up. */
  steadyPerBucket: number;
  /** Highest bucket after recovery. */
  peakAfterRecovery: number;
  peakAfterRecoveryAtS: number;
  /** Highest bucket during the outage (requests that failed, never reaching the intranet). */
  peakDuringOutage: number;
  ratio: number;
  /** Seconds after recovery until every idea from before and during the outage was delivered. */
  drainedAfterS: number;
  requests: number;
}

interface Client {
  queued: number;
  /** Of `queued`, ideas submitted before the intranet came back. */
  backlog: number;
  /** Failures of the head's current streak. */
  failures: number;
  pacingUntil: number;
  /** The one pending wake-up (send attempt), or undefined when idle. */
  wakeAt: number | undefined;
  /** The pending send continues a run that has asked `GET /me` already. */
  inRun: boolean;
}

type Event = { at: number; client: number; kind: 'idea' | 'send' };

/** Runs the simulation and returns its figures. Deterministic for a deterministic `random`. */
export function simulateHerd(options: HerdOptions): HerdFigures {
  return new HerdRun(options).run();
}

/** One simulation: clients, the event queue and the request counts per bucket. */
class HerdRun {
  private readonly clients: Client[];
  private readonly events = new EventQueue();
  private readonly buckets = new Map<number, number>();
  private readonly outageStart: number;
  private readonly outageEnd: number;
  private readonly perMs: number;
  private drainedAt: number;
  private requests = 0;

  constructor(private readonly options: HerdOptions) {
    this.outageStart = options.warmupMs;
    this.outageEnd = this.outageStart + options.outageMs;
    this.drainedAt = this.outageEnd;
    this.perMs = options.ideasPerClientHour / 3_600_000;
    this.clients = Array.from({ length: options.clients }, () => ({ queued: 0, backlog: 0, failures: 0, pacingUntil: 0, wakeAt: undefined, inRun: false }));
  }

  run(): HerdFigures {
    const end = this.outageEnd + this.options.afterMs;
    for (let i = 0; i < this.options.clients; i++) this.events.push({ at: this.nextIdea(0), client: i, kind: 'idea' });
    for (let event = this.events.pop(); event && event.at <= end; event = this.events.pop()) {
      if (event.kind === 'idea') this.onIdea(event.at, event.client);
      else if (event.at === this.clients[event.client]!.wakeAt) this.onSend(event.at, event.client);
    }
    const { outageStart, outageEnd, drainedAt, requests } = this;
    return figures(this.options, this.buckets, { outageStart, outageEnd, drainedAt, requests });
  }

  private nextIdea(now: number): number {
    return now - Math.log(1 - this.options.random()) / this.perMs;
  }

  private schedule(id: number, at: number, inRun = false): void {
    this.clients[id]!.wakeAt = at;
    this.clients[id]!.inRun = inRun;
    this.events.push({ at, client: id, kind: 'send' });
  }

  private count(now: number): void {
    this.requests += 1;
    const bucket = Math.floor(now / this.options.bucketMs);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
  }

  private onIdea(now: number, id: number): void {
    const client = this.clients[id]!;
    this.events.push({ at: this.nextIdea(now), client: id, kind: 'idea' });
    client.queued += 1;
    if (now < this.outageEnd) client.backlog += 1;
    // A submit triggers a run; the run waits if the head of the queue is backing off or paced.
    if (client.wakeAt === undefined) this.schedule(id, now);
  }

  /** One request: fails during the outage (the engine's retryDelay), else delivers the oldest idea. */
  private onSend(now: number, id: number): void {
    const client = this.clients[id]!;
    const { random, policy } = this.options;
    client.wakeAt = undefined;
    this.count(now);
    if (now >= this.outageStart && now < this.outageEnd) {
      client.failures += 1;
      this.schedule(id, now + (policy === 'engine' ? retryDelay(client.failures, random) : fullJitter(client.failures - 1, random)));
      return;
    }
    if (policy === 'engine' && !client.inRun) this.count(now); // the run's `GET /me` answered: the send follows
    const failures = client.failures;
    client.failures = 0;
    client.queued -= 1;
    if (client.backlog > 0) {
      client.backlog -= 1; // FIFO per client: the delivered idea is the oldest one
      if (now >= this.outageEnd) this.drainedAt = now;
    }
    if (client.queued === 0) return;
    if (policy === 'plain') return this.schedule(id, now);
    const plan = planAfterSuccess(now, failures, client.pacingUntil, random);
    client.pacingUntil = plan.pacingUntil;
    this.schedule(id, plan.nextAt ?? now, plan.nextAt === undefined);
  }
}

function figures(options: HerdOptions, buckets: Map<number, number>, t: { outageStart: number; outageEnd: number; drainedAt: number; requests: number }): HerdFigures {
  const size = options.bucketMs;
  let steadySum = 0;
  let steadyCount = 0;
  let peak = 0;
  let peakAt = 0;
  let outagePeak = 0;
  for (let b = 0; b * size < options.warmupMs + options.outageMs + options.afterMs; b++) {
    const start = b * size;
    const count = buckets.get(b) ?? 0;
    if (start >= options.warmupMs / 2 && start + size <= t.outageStart) {
      steadySum += count;
      steadyCount += 1;
    } else if (start >= t.outageStart && start < t.outageEnd) {
      outagePeak = Math.max(outagePeak, count);
    } else if (start >= t.outageEnd && count > peak) {
      peak = count;
      peakAt = (start - t.outageEnd) / 1000;
    }
  }
  const steady = steadySum / steadyCount;
  return {
    policy: options.policy,
    steadyPerBucket: Math.round(steady * 10) / 10,
    peakAfterRecovery: peak,
    peakAfterRecoveryAtS: peakAt,
    peakDuringOutage: outagePeak,
    ratio: Math.round((peak / steady) * 100) / 100,
    drainedAfterS: Math.round((t.drainedAt - t.outageEnd) / 1000),
    requests: t.requests,
  };
}

/** A binary min-heap of events by time. */
class EventQueue {
  private heap: Event[] = [];

  push(event: Event): void {
    const heap = this.heap;
    heap.push(event);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  pop(): Event | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.at < heap[m]!.at) m = l;
        if (r < heap.length && heap[r]!.at < heap[m]!.at) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  }
}

