import { describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage } from './persist';

describe('requestPersistentStorage', () => {
  it('asks only when not yet persisted, and never throws', async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistentStorage({ persist, persisted: async () => true })).toBe('granted');
    expect(persist).not.toHaveBeenCalled();
    expect(await requestPersistentStorage({ persist, persisted: async () => false })).toBe('granted');
    expect(await requestPersistentStorage({ persist: async () => false })).toBe('denied');
    expect(await requestPersistentStorage({ persist: () => Promise.reject(new Error('no')) })).toBe('denied');
    expect(await requestPersistentStorage({})).toBe('unsupported');
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
  });
});
