// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPageContext } from './page-context';

/**
 * The page as `executeScript` finds it: when each call answers (ms after the popup asked; `never` for a frame that
 * never answers), the main frame's selection and whether its focus is in a frame, and each frame's selection.
 */
const page = vi.hoisted(() => ({
  main: 0,
  frames: 0 as number | 'never',
  quote: '',
  focusInFrame: false,
  frameReads: [] as Array<{ text: string; focused: boolean }>,
}));
vi.mock('./ext', () => ({
  ext: {
    scripting: {
      executeScript: ({ target }: { target: { allFrames?: boolean } }) => {
        const after = (ms: number, value: unknown) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
        const main = { url: 'https://sida.example/', title: 'Sida med ram', quote: page.quote, focusInFrame: page.focusInFrame };
        if (!target.allFrames) return after(page.main, [{ frameId: 0, result: main }]);
        if (page.frames === 'never') return new Promise(() => undefined);
        return after(page.frames, [{ frameId: 0, result: { text: page.quote, focused: false } }, ...page.frameReads.map((result, i) => ({ frameId: i + 7, result }))]);
      },
    },
    tabs: { get: async () => ({ url: 'https://sida.example/', title: 'Sida med ram' }) },
  },
}));

afterEach(() => vi.useRealTimers());

/** Reads the context with a fake clock; resolves with its quote and the time it took. */
async function timedRead(): Promise<{ quote: string | undefined; ms: number }> {
  vi.useFakeTimers();
  const started = Date.now();
  let done: { quote: string | undefined; ms: number } | undefined;
  void readPageContext(1).then((context) => (done = { quote: context?.quote, ms: Date.now() - started }));
  while (!done) await vi.advanceTimersByTimeAsync(10);
  return done;
}

const inFrame = (text: string, focused = false) => ({ text, focused });

describe('readPageContext: a selection in an embedded document', () => {
  it('is taken when the frames answer soon after a slow main frame (a busy computer)', async () => {
    Object.assign(page, { main: 800, frames: 900, quote: '', focusInFrame: false, frameReads: [inFrame('Markerat i ramen')] });
    expect(await timedRead()).toMatchObject({ quote: 'Markerat i ramen' });
  });

  it('is not waited for longer than 300 ms after the main frame when a frame never answers', async () => {
    Object.assign(page, { main: 50, frames: 'never', quote: '', focusInFrame: false, frameReads: [] });
    const { quote, ms } = await timedRead();
    expect(quote).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(350);
    expect(ms).toBeLessThanOrEqual(360);
  });

  it('of the frame with the focus wins over an older one in the page or in another frame', async () => {
    Object.assign(page, { main: 10, frames: 20, quote: 'Äldre på sidan', focusInFrame: true, frameReads: [inFrame('Äldre i ram A'), inFrame('Nyss i ram B', true)] });
    expect(await timedRead()).toMatchObject({ quote: 'Nyss i ram B' });
  });

  it('gives way to the page\'s own when the focus is not in a frame, and to the first frame\'s when the page has none', async () => {
    Object.assign(page, { main: 10, frames: 20, quote: 'På sidan', focusInFrame: false, frameReads: [inFrame('I ram A'), inFrame('I ram B')] });
    expect(await timedRead()).toMatchObject({ quote: 'På sidan' });
    // The focus in a frame that cannot tell (another origin), or that has no selection: the page's, then the first.
    Object.assign(page, { quote: '', focusInFrame: true });
    expect(await timedRead()).toMatchObject({ quote: 'I ram A' });
  });
});
