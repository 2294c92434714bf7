/**
 * A fetch in front of FakeIdeasServer that injects the faults of the field: connection refused,
 * reset mid-response, response lost after the server stored the write, 500, 503 and 429 with
 * `Retry-After`, and a session that expires (401 until the test signs in again). It records which
 * ids are in flight, so tests can prove no idea is ever sent twice at the same time, and which were
 * sent again after the client had heard them accepted, so they can prove none is ever sent twice.
 * Not part of the runtime API.
 */
import type { FetchLike } from '../../api/client';
import type { FakeIdeasServer } from './fake-server';

export const FAULTS = ['refused', 'reset', 'lost-after-store', '500', '503', '429', '401'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultyFetchOptions {
  /** Probability that a request gets a fault. */
  rate: number;
  random: () => number;
  faults?: readonly Fault[];
  /** When false the network is down: every request is refused. */
  online?: () => boolean;
}

export interface FaultyFetch {
  fetch: FetchLike;
  counts: Map<string, number>;
  /** Set when two requests for the same idea overlapped. */
  overlaps: string[];
  /**
   * Ids PUT again after a 2xx for them reached the client whole: an idea the client knew was taken
   * and sent once more. (A resend after a lost answer is expected; the server answers it 200.)
   */
  resentAfterAccepted: string[];
  requests: number;
}

export function createFaultyFetch(server: FakeIdeasServer, options: FaultyFetchOptions): FaultyFetch {
  const inFlight = new Set<string>();
  const accepted = new Set<string>();
  const result: FaultyFetch = { counts: new Map(), overlaps: [], resentAfterAccepted: [], requests: 0, fetch: undefined as unknown as FetchLike };
  const faults = options.faults ?? FAULTS;
  const count = (what: string) => result.counts.set(what, (result.counts.get(what) ?? 0) + 1);

  result.fetch = async (url, init = {}) => {
    result.requests += 1;
    const id = init.method === 'PUT' ? url.slice(url.lastIndexOf('/') + 1) : undefined;
    if (id !== undefined) {
      if (inFlight.has(id)) result.overlaps.push(id);
      if (accepted.has(id)) result.resentAfterAccepted.push(id);
      inFlight.add(id);
    }
    try {
      await new Promise((resolve) => setImmediate(resolve)); // let other "tabs" interleave
      if (options.online && !options.online()) throw new TypeError('fetch failed: offline');
      const fault = options.random() < options.rate ? faults[Math.floor(options.random() * faults.length)]! : undefined;
      count(fault ?? 'ok');
      const response = await respond(server, new Request(url, init), fault, options.random);
      // Whole and in time: a 2xx the client reads (a reset body or a request it timed out is not one).
      if (id !== undefined && fault === undefined && response.ok && !init.signal?.aborted) accepted.add(id);
      return response;
    } finally {
      if (id !== undefined) inFlight.delete(id);
    }
  };
  return result;
}

async function respond(server: FakeIdeasServer, request: Request, fault: Fault | undefined, random: () => number): Promise<Response> {
  switch (fault) {
    case undefined:
      return server.handle(request);
    case 'refused':
      throw new TypeError('fetch failed: ECONNREFUSED');
    case 'reset': {
      // The connection dies mid-request: half the time before the server saw it, else while the
      // response body streams back.
      if (random() < 0.5) throw new TypeError('fetch failed: ECONNRESET');
      const response = await server.handle(request);
      const body = new ReadableStream({ start: (controller) => controller.error(new TypeError('ECONNRESET')) });
      return new Response(body, { status: response.status, headers: response.headers });
    }
    case 'lost-after-store':
      await server.handle(request);
      throw new TypeError('fetch failed: socket hang up');
    case '500':
      return new Response('Internal error', { status: 500 });
    case '503':
      return new Response(null, { status: 503, headers: { 'retry-after': '5' } });
    case '429':
      return new Response(null, { status: 429, headers: { 'retry-after': '30' } });
    case '401':
      server.signedIn = false;
      return server.handle(request);
  }
}
