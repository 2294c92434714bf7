import { describe, expect, it, vi } from 'vitest';
import { createChangeNotices, type ChangeNotice } from './change-notices';

describe('change notices', () => {
  it('tells local listeners at once and other instances over BroadcastChannel', async () => {
    const a = createChangeNotices('notices-test');
    const b = createChangeNotices('notices-test');
    const local = vi.fn();
    a.subscribe(local);
    const remote = new Promise<ChangeNotice>((resolve) => b.subscribe(resolve));
    a.post(['x', 'y']);
    expect(local).toHaveBeenCalledWith({ kind: 'drafts', ids: ['x', 'y'] });
    expect(await remote).toEqual({ kind: 'drafts', ids: ['x', 'y'] });
    a.close();
    b.close();
  });

  it('works without BroadcastChannel, stops after unsubscribe and close, ignores foreign messages', () => {
    const notices = createChangeNotices('n', () => undefined);
    const listener = vi.fn();
    const stop = notices.subscribe(listener);
    notices.post(['1'], 'meta');
    stop();
    notices.post(['2']);
    expect(listener.mock.calls).toEqual([[{ kind: 'meta', ids: ['1'] }]]);

    let onMessage: ((event: MessageEvent) => void) | undefined;
    const fake = { postMessage: vi.fn(), close: vi.fn(), addEventListener: (_: 'message', fn: (e: MessageEvent) => void) => (onMessage = fn) };
    const other = createChangeNotices('n', () => fake);
    const heard = vi.fn();
    other.subscribe(heard);
    onMessage!({ data: { kind: 'drafts', ids: [1] } } as MessageEvent);
    onMessage!({ data: '<script>' } as MessageEvent);
    onMessage!({ data: { kind: 'drafts', ids: ['ok'] } } as MessageEvent);
    expect(heard.mock.calls).toEqual([[{ kind: 'drafts', ids: ['ok'] }]]);
    other.close();
    expect(fake.close).toHaveBeenCalled();
    other.post(['late']);
    expect(fake.postMessage).not.toHaveBeenCalled();
  });
});
