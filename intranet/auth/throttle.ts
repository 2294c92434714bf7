/**
 * Sign-in throttling along the lines of OWASP's guidance: failures are counted per (username,
 * client address) pair, per client address and per username, each over a sliding window. A client
 * that failed too often for one name, or too often at all, gets 429 with `Retry-After`; somebody
 * else (another address) who knows the right password is not locked out by it.
 *
 * Trade-off of the per-username cap: it is what slows guessing spread over many addresses, but it
 * also lets such a spread-out attacker lock the real user out. It is therefore set far above what a
 * person mistyping reaches (100 against 10 per pair) and lasts only one window.
 *
 * Addresses: an IPv6 client usually owns a whole /64, so IPv6 addresses count per /64 prefix.
 * Clients behind one NAT (or one /64) share the per-address count. In memory (a restart forgets
 * it) and bounded: when too many keys are tracked, the least recently failing keys that block
 * nobody are forgotten first, active lockouts last.
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { fromTrustedProxy, peerAddress, plainAddress } from '../proxy';

/** Handle of one try that `begin` counted as failed up front. */
export interface LoginAttempt {
  /** The password was right: takes the up-front failure back and clears the pair's failures. */
  succeeded(): void;
}

export interface LoginThrottle {
  /** Seconds this client must wait before trying `username` again, or 0 when a try is allowed now. */
  retryAfter(username: string, address: string | undefined): number;
  /**
   * Counts a try as failed before its password is checked (the check is async), so tries sent in
   * parallel cannot all pass the limits at once; call `succeeded()` on the result when it was right.
   */
  begin(username: string, address: string | undefined): LoginAttempt;
}

/** Limits of the throttle; the defaults suit the intranet's sign-in. */
export interface LoginThrottleLimits {
  windowMs: number;
  /** Failures for one username from one address (a person mistyping stays far below). */
  perPair: number;
  /** Failures from one address under any names. */
  perAddress: number;
  /** Failures for one username from all addresses together (see the trade-off above). */
  perUsername: number;
  /** Keys tracked per count before the least useful ones are forgotten. */
  maxEntries: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  windowMs: 15 * 60 * 1000,
  perPair: 10,
  perAddress: 50,
  perUsername: 100,
  maxEntries: 10_000,
};

/**
 * The client's address: the TCP connection's remote address, unless that is one of
 * `trustedProxies` (IDESLUSS_TRUSTED_PROXIES; the same rule as for the public origin, ../proxy.ts);
 * then the rightmost X-Forwarded-For entry that is not a trusted proxy, since each proxy appends the
 * address it saw and only those entries can be believed — any client can forge the rest. Without the setting, every client behind a reverse
 * proxy would share the proxy's address, and the per-address limit would lock everyone out at
 * once. Undefined when the request did not come through @hono/node-server (`app.request` in a test).
 */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string> = new Set()): string | undefined {
  const socket = peerAddress(c);
  if (!socket || !fromTrustedProxy(c, trustedProxies)) return socket;
  const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map(plainAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i]!)) return hops[i];
  return socket;
}

/** Parses IDESLUSS_TRUSTED_PROXIES: comma-separated proxy addresses (IPv4-mapped IPv6 as IPv4). */
export function parseTrustedProxies(value: string | undefined): ReadonlySet<string> {
  return new Set((value ?? '').split(',').map(plainAddress).filter(Boolean));
}

/** The key an address is counted under: IPv4 as is (also IPv4-mapped IPv6), IPv6 by its /64 prefix. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = address.split('%')[0]!.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1]!;
  if (isIP(plain) !== 6) return plain.slice(0, 100);
  const [head = '', tail] = plain.split('::');
  const parts = (s: string) => (s ? s.split(':') : []);
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const gap = tail === undefined ? 0 : 8 - width(parts(head)) - width(parts(tail));
  const groups = [...parts(head), ...Array<string>(gap).fill('0'), ...parts(tail ?? '')];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** Creates a throttle over an injected clock (epoch milliseconds). */
export function createLoginThrottle(now: () => number, limits: Partial<LoginThrottleLimits> = {}): LoginThrottle {
  const { windowMs, perPair, perAddress, perUsername, maxEntries } = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  type Count = { limit: number; failures: Map<string, number[]> };
  const newCount = (limit: number): Count => ({ limit, failures: new Map() });
  const pairs = newCount(perPair);
  const addresses = newCount(perAddress);
  const usernames = newCount(perUsername);
  /** Each count with the key this try is counted under. */
  const keyed = (username: string, address: string | undefined) => {
    const name = username.trim().toLowerCase().slice(0, 100);
    const client = addressKey(address);
    return [[pairs, `${name}\n${client}`], [addresses, client], [usernames, name]] as const;
  };
  const recent = (list: number[] | undefined) => (list ?? []).filter((t) => t > now() - windowMs);
  /** Lists are in time order, so the `limit`-th newest failure tells whether the key is blocked. */
  const oldestBlocking = (list: number[] | undefined, limit: number) => {
    const t = list && list.length >= limit ? list[list.length - limit]! : undefined;
    return t !== undefined && t > now() - windowMs ? t : undefined;
  };

  /**
   * Forgets keys beyond `maxEntries` (except `keep`, the one just counted): the least recently
   * failing keys that block nobody first (Map order is the order of last failures), then the
   * oldest lockouts, so a flood of made-up names cannot lift a lockout while room remains.
   */
  const prune = ({ limit, failures }: Count, keep: string) => {
    for (const [key, list] of failures) {
      if (failures.size <= maxEntries) return;
      if (key !== keep && oldestBlocking(list, limit) === undefined) failures.delete(key);
    }
    for (const key of failures.keys()) {
      if (failures.size <= maxEntries) return;
      if (key !== keep) failures.delete(key);
    }
  };

  return {
    retryAfter(username, address) {
      let wait = 0;
      for (const [{ limit, failures }, key] of keyed(username, address)) {
        const since = oldestBlocking(failures.get(key), limit);
        if (since !== undefined) wait = Math.max(wait, since + windowMs - now());
      }
      return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : 0;
    },
    begin(username, address) {
      const counted = keyed(username, address);
      const at = now();
      for (const [count, key] of counted) {
        const list = [...recent(count.failures.get(key)), at].slice(-count.limit);
        count.failures.delete(key); // re-insert: the Map stays ordered by last failure
        count.failures.set(key, list);
        prune(count, key);
      }
      return {
        succeeded() {
          const [[, pairKey], ...others] = counted;
          pairs.failures.delete(pairKey);
          for (const [{ failures }, key] of others) {
            const list = failures.get(key) ?? [];
            const index = list.lastIndexOf(at);
            if (index >= 0) list.splice(index, 1);
          }
        },
      };
    },
  };
}
