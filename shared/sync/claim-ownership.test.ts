/**
 * Claims without Web Locks (a widget on a plain-http intranet page): another tab may take a claim
 * for an orphan only after a claim's whole lifetime (./transitions.ts `claimLifetimeMs`), and a
 * claimant whose claim was taken cannot overwrite the new one (`whileClaimed`). Found by a review:
 * before, two tabs could send one idea at once, and an edit made in between was marked sent unsent.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createIdeasApi } from '../api/client';
import type { DraftRecord } from '../domain/draft';
import type { DraftStore } from '../storage/types';
import { claim, sendClaimed } from './attempt';
import { commitSent, recoverOrphans } from './queue-ops';
import { claimLifetimeMs, recoverSending, toSending } from './transitions';
import { FakeClock } from './testing/fake-clock';
import { createRig, openTestStore, queueIdeas, type Rig } from './testing/harness';

const T = 60_000;
const ticks = async (n = 50) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** An API whose PUTs hang until aborted or released; counts PUTs in flight at once. */
function hangingApi(rig: Rig, tab: string, seen: { inFlight: number; max: number; pending: { tab: string; release: () => void }[] }) {
  return createIdeasApi({
    baseUrl: 'https://intra.example/api/idesluss/v1',
    clientName: 'idesluss-test/0.1.0',
    now: () => rig.clock.now(),
    fetch: (url, init) => {
      if (init?.method !== 'PUT') return rig.server.handle(new Request(url, init));
      const request = new Request(url, init);
      seen.inFlight += 1;
      seen.max = Math.max(seen.max, seen.inFlight);
      return new Promise<Response>((resolve, reject) => {
        const done = () => (seen.inFlight -= 1);
        seen.pending.push({ tab, release: () => void rig.server.handle(request).then((r) => (done(), resolve(r))) });
        init.signal!.addEventListener('abort', () => (done(), reject(new DOMException('aborted', 'AbortError'))));
      });
    },
  });
}

async function twoTabs(timeoutB: number) {
  const rig = createRig({ rate: 0 });
  const factory = new IDBFactory();
  const tabA = await openTestStore(factory);
  const tabB = await openTestStore(factory, tabA.name);
  const [x] = await queueIdeas(tabA, rig.clock, 1);
  // The claim's strict commit takes 5 ms in tab A: its request's timer starts that much later.
  const slowA: DraftStore = Object.create(tabA);
  slowA.update = async (id, change, options) => {
    const record = await tabA.update(id, change, options);
    rig.clock.advance(5);
    return record;
  };
  const seen = { inFlight: 0, max: 0, pending: [] as { tab: string; release: () => void }[] };
  const common = { locks: null, createChannel: () => undefined, onError: () => undefined } as const;
  const a = rig.engine(slowA, { ...common, api: hangingApi(rig, 'A', seen), lockName: 'tab-a', requestTimeoutMs: T });
  const b = rig.engine(tabB, { ...common, api: hangingApi(rig, 'B', seen), lockName: 'tab-b', requestTimeoutMs: timeoutB });
  void a.start().catch(() => undefined);
  await ticks();
  expect(seen.inFlight).toBe(1);
  await b.start(); // B opens while A sends: the claim is fresh, B plans to look again later
  await b.whenIdle();
  return { rig, tabA, x: x!, a, b, seen };
}

describe('claims without Web Locks', () => {
  it('a second tab does not take a claim while its owner may still be sending: never two requests at once', async () => {
    const { rig, tabA, x, a, b, seen } = await twoTabs(T);
    for (let i = 0; i < 6 && rig.clock.pending > 0; i++) {
      rig.clock.fireNext();
      await ticks();
    }
    expect(seen.max).toBe(1);
    expect((await tabA.get(x.id))!.state).not.toBe('needs-attention');
    a.dispose();
    b.dispose();
  });

  it("a claim taken over is not overwritten by its first owner's late result, failed or delivered", async () => {
    const rig = createRig({ rate: 0 });
    const store = await openTestStore(new IDBFactory());
    const [x, y] = await queueIdeas(store, rig.clock, 2);
    // While A's request is out, tab B takes the claim for an orphan and claims the idea again.
    const takeOver = async (id: string) => {
      rig.clock.advance(1_000);
      await store.update(id, (r) => recoverSending(r, rig.clock.now()));
      return (await store.update(id, (r) => toSending(r, rig.clock.now())))!;
    };
    const taken = new Map<string, DraftRecord>();
    const api = createIdeasApi({
      baseUrl: 'https://intra.example/api/idesluss/v1',
      clientName: 'idesluss-test/0.1.0',
      now: () => rig.clock.now(),
      fetch: async (url, init) => {
        const id = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
        if (init?.method === 'PUT') taken.set(id, await takeOver(id));
        return id === x!.id ? new Response(null, { status: 503 }) : rig.server.handle(new Request(url, init));
      },
    });
    const deps = { store, api, now: () => rig.clock.now(), random: () => 0.5, withTimeout: <R>(run: (s: AbortSignal) => Promise<R>) => run(new AbortController().signal) };

    const failed = await sendClaimed(deps, (await claim(store, x!, rig.clock.now()))!);
    expect(failed).toMatchObject({ outcome: 'retry', record: undefined });
    expect(await store.get(x!.id)).toEqual(taken.get(x!.id)); // before: queued, attempts 1, open to a take-back

    const claimedY = (await claim(store, y!, rig.clock.now()))!;
    const delivered = await sendClaimed(deps, claimedY);
    expect(delivered.outcome).toBe('delivered');
    if (delivered.outcome !== 'delivered') return;
    await commitSent({ store, now: () => rig.clock.now(), random: () => 0.5 }, [{ record: claimedY, idea: delivered.idea }], [], { ignoreBackoff: true, claimUpTo: 0 }, {});
    expect(await store.get(y!.id)).toEqual(taken.get(y!.id)); // before: sent, whatever B was sending
  });

  it("recovering orphans leaves a row another tab has recovered and claimed again since it was listed", async () => {
    const factory = new IDBFactory();
    const tabB = await openTestStore(factory);
    const tabC = await openTestStore(factory, tabB.name);
    const [x] = await queueIdeas(tabB, new FakeClock(), 1);
    await claim(tabB, x!, 1_000); // a tab that claimed it long ago, and died
    const now = 1_000_000;
    const listing: DraftStore = Object.create(tabB);
    listing.listByState = async (state) => {
      const rows = await tabB.listByState(state);
      // Between B's listing and B's write, tab C recovers it and claims it again.
      await tabC.update(x!.id, (r) => recoverSending(r, now - 10));
      await claim(tabC, (await tabC.get(x!.id))!, now - 5);
      return rows;
    };
    await recoverOrphans({ store: listing, now: () => now, random: () => 0.5 }, now - claimLifetimeMs(T));
    expect(await tabB.get(x!.id)).toMatchObject({ state: 'sending', updatedAt: now - 5 }); // before: queued under C
  });
});
