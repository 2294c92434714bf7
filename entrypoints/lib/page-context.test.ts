// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPageContext } from './page-context';

/** When each `executeScript` call answers (ms after the popup asked), and with what; `never` for a frame that never answers. */
const answers = vi.hoisted(() => ({ main: 0, frames: 0 as number | 'never', frameQuote: 'Markerat i ramen' }));
vi.mock('./ext', () => ({
  ext: {
    scripting: {
      executeScript: ({ target }: { target: { allFrames?: boolean } }) => {
        const after = (ms: number, value: unknown) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
        if (!target.allFrames) return after(answers.main, [{ frameId: 0, result: { url: 'https://sida.example/', title: 'Sida med ram', quote: '' } }]);
        if (answers.frames === 'never') return new Promise(() => undefined);
        return after(answers.frames, [{ frameId: 0, result: '' }, { frameId: 7, result: answers.frameQuote }]);
      },
    },
    tabs: { get: async () => ({ url: 'https://sida.example/', title: 'Sida med ram' }) },
  },
}));

afterEach(() => vi.useRealTimers());

/** Reads the context with a fake clock; resolves with it and the time it took. */
async function timedRead(): Promise<{ quote: string | undefined; ms: number }> {
  vi.useFakeTimers();
  const started = Date.now();
  let done: { quote: string | undefined; ms: number } | undefined;
  void readPageContext(1).then((context) => (done = { quote: context?.quote, ms: Date.now() - started }));
  while (!done) await vi.advanceTimersByTimeAsync(10);
  return done;
}

describe('readPageContext: a selection in an embedded document', () => {
  it('is taken when the frames answer soon after a slow main frame (a busy computer)', async () => {
    Object.assign(answers, { main: 800, frames: 900 });
    expect(await timedRead()).toMatchObject({ quote: 'Markerat i ramen' });
  });

  it('is not waited for longer than 300 ms after the main frame when a frame never answers', async () => {
    Object.assign(answers, { main: 50, frames: 'never' });
    const { quote, ms } = await timedRead();
    expect(quote).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(350);
    expect(ms).toBeLessThanOrEqual(360);
  });
});
