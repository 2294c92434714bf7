import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';

const stored = hashPassword('demo');

describe('verifyPassword', () => {
  it('accepts the right password (NFC-equivalent too) and refuses wrong ones', async () => {
    expect(await verifyPassword('demo', stored)).toBe(true);
    expect(await verifyPassword('fel', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    const cafe = hashPassword('Cafe\u0301');
    expect(await verifyPassword('Café', cafe)).toBe(true);
  });

  it('refuses malformed stored values instead of throwing', async () => {
    for (const bad of ['', 'demo', 'bcrypt$1$2$3$c2FsdA$aGFzaA', 'scrypt$16384$8$1$c2FsdA$', 'scrypt$1000$8$1$c2FsdA$aGFzaA']) {
      expect(await verifyPassword('demo', bad)).toBe(false);
    }
  });

  it('no password matches the dummy hash used for unknown users', async () => {
    expect(await verifyPassword('demo', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
  });

  it('does not block the event loop: a timer set first fires before parallel verifications finish', async () => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => {
      order.push('timer');
      resolve();
    }, 0));
    const checks = Promise.all(Array.from({ length: 4 }, () => verifyPassword('fel', stored))).then((results) => {
      order.push('verified');
      return results;
    });
    expect(await checks).toEqual([false, false, false, false]);
    await timer;
    expect(order).toEqual(['timer', 'verified']);
  });
});
