// @vitest-environment happy-dom
/**
 * The options page's start (main.tsx): IT's policy may choose the page's language, and Chromium's first policy read
 * after a browser start takes 2–5 s. The page must not show the language of the copy an earlier read left, then switch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedSettings } from '../../shared/config/settings';

/** The copy the last policy read left (IT's earlier policy: Swedish), and IT's policy as read now (English). */
const lastKnown: ResolvedSettings = {
  settings: { intranetUrl: 'https://intranat.kommun.se', language: 'sv' },
  locked: { intranetUrl: false, language: true },
  refused: [],
};
const policyNow: ResolvedSettings = {
  settings: { intranetUrl: 'https://intranat.kommun.se', language: 'en' },
  locked: { intranetUrl: false, language: true },
  refused: [],
};

const read = vi.hoisted(() => ({ answer: (_: ResolvedSettings) => {}, fail: (_: Error) => {}, fastReads: 0 }));
vi.mock('../lib/settings-store', () => ({
  // `fast`: the copy, at once; else the real read, answered when the test says.
  loadSettings: vi.fn(({ fast = false }: { fast?: boolean } = {}) => {
    if (fast) {
      read.fastReads++;
      return Promise.resolve(lastKnown);
    }
    return new Promise<ResolvedSettings>((resolve, reject) => {
      read.answer = resolve;
      read.fail = reject;
    });
  }),
  onSettingsChanged: vi.fn(() => () => undefined),
  saveSettings: vi.fn(async () => undefined),
}));
vi.mock('../lib/ext', () => ({
  ext: {
    runtime: { getManifest: () => ({ host_permissions: ['https://intranat.kommun.se/*'] }) },
    permissions: { contains: vi.fn(async () => true), request: vi.fn(async () => false) },
  },
}));
vi.mock('../lib/messaging', () => ({ sendToBackground: vi.fn(async () => undefined) }));

/** The page as index.html gives it, before main.tsx runs. */
function openPage(): HTMLElement {
  const html = readFileSync(join(process.cwd(), 'entrypoints/options/index.html'), 'utf8');
  const page = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = page.documentElement.lang;
  document.body.replaceChildren(document.importNode(page.getElementById('app')!, true));
  return document.getElementById('app')!;
}

const earlyLabels = () => JSON.parse(localStorage.getItem('idesluss:popup-early') ?? 'null') as { lang: string } | null;
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

beforeEach(() => {
  vi.resetModules();
  localStorage.clear();
  read.fastReads = 0;
});
afterEach(() => vi.useRealTimers());

describe('options page start: the language of IT’s policy from the first word', () => {
  it('shows no text while the policy is read, then the page in the policy’s language', async () => {
    const root = openPage();
    expect(root.textContent).toBe(''); // index.html's busy state has no words
    expect(root.getAttribute('aria-busy')).toBe('true');
    await import('./main');
    await settle();
    // The copy of IT's earlier policy says Swedish: nothing of it is shown, nor given to the popup.
    expect(root.textContent).toBe('');
    expect(document.documentElement.lang).toBe('sv'); // index.html's, untouched
    expect(earlyLabels()).toBeNull();

    read.answer(policyNow);
    await vi.waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Settings'));
    expect(document.documentElement.lang).toBe('en');
    expect(root.getAttribute('aria-busy')).toBeNull();
    expect(root.querySelector('.loading')).toBeNull();
    expect(root.querySelector<HTMLSelectElement>('#language')!.disabled).toBe(true);
    expect(earlyLabels()?.lang).toBe('en');
  });

  it('shows the last known copy when the policy read fails, rather than staying busy', async () => {
    const root = openPage();
    await import('./main');
    await settle();
    read.fail(new Error('storage refused'));
    await vi.waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Inställningar'));
    expect(root.getAttribute('aria-busy')).toBeNull();
  });

  it('shows the last known copy if the policy read has not answered in POLICY_WAIT_MS, then follows the read', async () => {
    vi.useFakeTimers();
    const root = openPage();
    const { POLICY_WAIT_MS } = await import('./main');
    await vi.advanceTimersByTimeAsync(POLICY_WAIT_MS - 1);
    expect(root.textContent).toBe('');
    expect(read.fastReads).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(read.fastReads).toBe(1);
    expect(root.querySelector('h1')?.textContent).toBe('Inställningar');
    expect(document.documentElement.lang).toBe('sv');
    read.answer(policyNow);
    await vi.advanceTimersByTimeAsync(0);
    expect(root.querySelector('h1')?.textContent).toBe('Settings');
  });
});
