import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress, createLoginThrottle, type LoginThrottle } from './throttle';

function setup(limits: Parameters<typeof createLoginThrottle>[1] = {}) {
  const clock = { now: Date.parse('2026-11-26T08:00:00Z') };
  const throttle = createLoginThrottle(() => clock.now, limits);
  return { clock, throttle };
}

/** `times` wrong passwords for `username` from `address`. */
const failN = (throttle: LoginThrottle, times: number, username: string, address: string) => {
  for (let i = 0; i < times; i++) throttle.begin(username, address);
};

describe('createLoginThrottle', () => {
  it('blocks one client after 10 failures for a name, but not another client with the right password', () => {
    const { throttle } = setup();
    failN(throttle, 9, 'ivan', '10.0.0.66');
    expect(throttle.retryAfter('ivan', '10.0.0.66')).toBe(0);
    throttle.begin('ivan', '10.0.0.66');
    expect(throttle.retryAfter('Ivan ', '10.0.0.66')).toBe(15 * 60);
    expect(throttle.retryAfter('ivan', '10.0.0.7')).toBe(0);
    expect(throttle.retryAfter('anna', '10.0.0.66')).toBe(0);
  });

  it('blocks an address after 50 failures under any names, for every name', () => {
    const { throttle } = setup();
    for (let i = 0; i < 50; i++) failN(throttle, 1, `made-up-${i}`, '10.0.0.66');
    expect(throttle.retryAfter('anna', '10.0.0.66')).toBeGreaterThan(0);
    expect(throttle.retryAfter('anna', '10.0.0.7')).toBe(0);
  });

  it('caps a name at 100 failures from all addresses together (distributed guessing)', () => {
    const { throttle } = setup();
    for (let i = 0; i < 99; i++) failN(throttle, 1, 'ivan', `10.0.${i}.1`);
    expect(throttle.retryAfter('ivan', '10.9.9.9')).toBe(0);
    failN(throttle, 1, 'ivan', '10.0.99.1');
    expect(throttle.retryAfter('ivan', '10.9.9.9')).toBeGreaterThan(0);
    expect(throttle.retryAfter('anna', '10.9.9.9')).toBe(0);
  });

  it('counts down Retry-After and lets the client try again once the window has passed', () => {
    const { clock, throttle } = setup();
    failN(throttle, 10, 'anna', '10.0.0.66');
    clock.now += 5 * 60 * 1000;
    expect(throttle.retryAfter('anna', '10.0.0.66')).toBe(10 * 60);
    clock.now += 10 * 60 * 1000 + 1;
    expect(throttle.retryAfter('anna', '10.0.0.66')).toBe(0);
  });

  it('counts a try as failed before its result, so parallel tries cannot pass the limit together', () => {
    const { throttle } = setup();
    for (let i = 0; i < 10; i++) {
      expect(throttle.retryAfter('anna', '10.0.0.66')).toBe(0);
      throttle.begin('anna', '10.0.0.66'); // still verifying
    }
    expect(throttle.retryAfter('anna', '10.0.0.66')).toBeGreaterThan(0);
  });

  it('a right password clears the pair and takes back its own up-front failure only', () => {
    const { throttle } = setup();
    failN(throttle, 9, 'anna', '10.0.0.66');
    throttle.begin('anna', '10.0.0.66').succeeded();
    failN(throttle, 9, 'anna', '10.0.0.66');
    expect(throttle.retryAfter('anna', '10.0.0.66')).toBe(0);
    for (let i = 0; i < 31; i++) failN(throttle, 1, `x${i}`, '10.0.0.66'); // 49 failures from this address
    throttle.begin('anna', '10.0.0.66').succeeded();
    expect(throttle.retryAfter('bertil', '10.0.0.66')).toBe(0);
    failN(throttle, 1, 'y', '10.0.0.66');
    expect(throttle.retryAfter('bertil', '10.0.0.66')).toBeGreaterThan(0);
  });

  it('keeps a lockout through 20,000 failures under made-up names from many addresses', () => {
    const { throttle } = setup();
    failN(throttle, 10, 'ivan', '10.0.0.66');
    for (let i = 0; i < 20_000; i++) failN(throttle, 1, `made-up-${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(throttle.retryAfter('ivan', '10.0.0.66')).toBeGreaterThan(0);
  });

  it('stays bounded: forgets the least recent keys that block nobody first, then the oldest lockouts', () => {
    const { clock, throttle } = setup({ perPair: 2, perAddress: 1000, perUsername: 1000, maxEntries: 3 });
    failN(throttle, 2, 'locked', '10.0.0.1');
    failN(throttle, 1, 'once', '10.0.0.1');
    clock.now += 1000;
    for (let i = 0; i < 5; i++) failN(throttle, 1, `other-${i}`, '10.0.0.1');
    failN(throttle, 1, 'once', '10.0.0.1'); // its first failure was forgotten: 1 of 2 again
    expect(throttle.retryAfter('once', '10.0.0.1')).toBe(0);
    expect(throttle.retryAfter('locked', '10.0.0.1')).toBeGreaterThan(0);
    for (const name of ['b', 'c', 'd']) failN(throttle, 2, name, '10.0.0.1'); // only lockouts left
    expect(throttle.retryAfter('locked', '10.0.0.1')).toBe(0);
    expect(throttle.retryAfter('d', '10.0.0.1')).toBeGreaterThan(0);
  });
});

describe('addressKey', () => {
  it.each([
    [undefined, 'unknown'],
    ['10.1.2.3', '10.1.2.3'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%j → %j', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('clientAddress', () => {
  it('is undefined when the request did not come through @hono/node-server', async () => {
    const app = new Hono().get('/', (c) => c.text(String(clientAddress(c))));
    expect(await (await app.request('/')).text()).toBe('undefined');
  });
});
