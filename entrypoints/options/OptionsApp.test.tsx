// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { ResolvedSettings } from '../../shared/config/settings';
import { ApiError } from '../../shared/api';
import { messagesFor } from '../../shared/i18n';
import { ext } from '../lib/ext';
import { sendToBackground } from '../lib/messaging';
import { OptionsApp } from './OptionsApp';

const access = vi.hoisted(() => ({ granted: true, generic: false }));
/** When set, the intranet's answer to `GET /me` is this error instead of a person. */
const meFails = vi.hoisted(() => ({ with: undefined as unknown }));
vi.mock('../lib/ext', () => ({
  // An organisation's build: its fixed hosts, one of them with a host name outside ASCII (stored as punycode).
  // `access.generic`: a generic build instead, which asks for the host permission when an address is saved.
  ext: {
    runtime: { getManifest: () => (access.generic ? { optional_host_permissions: ['https://*/*'] } : { host_permissions: ['http://127.0.0.1/*', 'https://xn--intrant-bxa.kommun.se/*'] }) },
    permissions: { request: vi.fn(async () => false), contains: vi.fn(async () => access.granted) },
  },
}));
vi.mock('../lib/settings-store', () => ({ saveSettings: vi.fn(async () => undefined) }));
vi.mock('../lib/messaging', () => ({ sendToBackground: vi.fn(async () => undefined) }));
// The intranet's answer to the address check (the real one: tests/integration/address-check.test.ts).
vi.mock('../lib/intranet-api', () => ({
  createIntranetApi: () => ({
    me: async () => {
      if (meFails.with) throw meFails.with;
      return { id: 'u1', name: 'Anna <b>Andersson</b>', roles: [] };
    },
  }),
}));

const resolved: ResolvedSettings = {
  settings: { intranetUrl: 'http://127.0.0.1:8787', language: 'sv' },
  locked: { intranetUrl: false, language: false },
  refused: [],
} as ResolvedSettings;

/** Renders the page as main.tsx does: the same component, re-rendered with the new language's messages. */
function draw(root: HTMLElement, lang: 'sv' | 'en') {
  render(<OptionsApp resolved={resolved} t={messagesFor(lang)} />, root);
}

const rendered = () => new Promise((resolve) => setTimeout(resolve, 30));
const submit = (root: HTMLElement) => root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));

describe('OptionsApp: messages follow the language in effect', () => {
  it('says "saved" in the language just saved', async () => {
    const root = document.createElement('div');
    draw(root, 'sv');
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('.status')!.textContent).toBe('Inställningarna är sparade.'));
    draw(root, 'en');
    await vi.waitFor(() => expect(root.querySelector('.status')!.textContent).toBe('The settings are saved.'));
  });

  it('checks the saved address and says what it found, as text, in the language in effect; typing clears it', async () => {
    const root = document.createElement('div');
    draw(root, 'sv');
    submit(root);
    const found = () => root.querySelector('#address-check');
    await vi.waitFor(() => expect(found()!.getAttribute('data-address-check')).toBe('signed-in'));
    expect(found()!.textContent).toBe('Intranätet svarar på adressen, och du är inloggad som Anna <b>Andersson</b>.');
    draw(root, 'en');
    await vi.waitFor(() => expect(found()!.textContent).toBe('The intranet responds at this address, and you are signed in as Anna <b>Andersson</b>.'));
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'http://127.0.0.1:8788';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(found()!.textContent).toBe(''));
  });

  it('keeps what the check found as the save comes back from storage, and forgets it when IT sets another address', async () => {
    const root = document.createElement('div');
    const mine: ResolvedSettings = { settings: { intranetUrl: undefined, language: 'sv' }, locked: { intranetUrl: false, language: false }, refused: [] };
    render(<OptionsApp resolved={mine} t={messagesFor('sv')} />, root);
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'http://127.0.0.1:8787';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    submit(root);
    const found = () => root.querySelector('#address-check')!;
    await vi.waitFor(() => expect(found().getAttribute('data-address-check')).toBe('signed-in'));
    // storage.onChanged: the page is drawn again with the address just saved.
    render(<OptionsApp resolved={{ ...mine, settings: { ...mine.settings, intranetUrl: 'http://127.0.0.1:8787' } }} t={messagesFor('sv')} />, root);
    await rendered();
    expect(found().getAttribute('data-address-check')).toBe('signed-in');
    // IT sets another address while the page is open: "du är inloggad som …" was about the one before.
    render(<OptionsApp resolved={{ ...mine, settings: { ...mine.settings, intranetUrl: 'https://it.kommun.se' }, locked: { intranetUrl: true, language: false } }} t={messagesFor('sv')} />, root);
    await vi.waitFor(() => expect(found().textContent).toBe(''));
  });

  it('shows the address as stored after a save, also when that is the address stored already', async () => {
    const root = document.createElement('div');
    draw(root, 'sv');
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = ' http://127.0.0.1:8787/ ';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    submit(root);
    await vi.waitFor(() => expect(root.querySelector<HTMLInputElement>('#intranet-url')!.value).toBe('http://127.0.0.1:8787'));
  });

  it('shows a host name in its own letters after a save, and stores its ASCII form', async () => {
    const { saveSettings } = await import('../lib/settings-store');
    const root = document.createElement('div');
    draw(root, 'sv');
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'https://intranät.kommun.se/';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    submit(root);
    await vi.waitFor(() => expect(root.querySelector<HTMLInputElement>('#intranet-url')!.value).toBe('https://intranät.kommun.se'));
    expect(saveSettings).toHaveBeenLastCalledWith(expect.objectContaining({ intranetUrl: 'https://xn--intrant-bxa.kommun.se' }));
  });

  it('signed out: offers the sign-in page the 401 names, or else the intranet\'s usual one, in a tab of its own', async () => {
    const link = (root: HTMLElement) => root.querySelector<HTMLAnchorElement>('a[data-sign-in]');
    try {
      for (const [problem, page] of [[{ signInUrl: 'https://login.example/sso' }, 'https://login.example/sso'], [undefined, 'http://127.0.0.1:8787/login']] as const) {
        meFails.with = new ApiError({ kind: 'http', method: 'GET', url: 'http://127.0.0.1:8787/api/idesluss/v1/me', status: 401, problem });
        const root = document.createElement('div');
        draw(root, 'sv');
        submit(root);
        await vi.waitFor(() => expect(root.querySelector('#address-check')!.getAttribute('data-address-check')).toBe('signed-out'));
        expect(link(root)!.href).toBe(page);
        expect(link(root)!.textContent).toBe('Logga in på intranätet');
        expect(link(root)!.target).toBe('_blank');
      }
      meFails.with = undefined;
      const root = document.createElement('div');
      draw(root, 'sv');
      submit(root);
      await vi.waitFor(() => expect(root.querySelector('#address-check')!.getAttribute('data-address-check')).toBe('signed-in'));
      expect(link(root)).toBeNull(); // signed in: nothing to sign in to
    } finally {
      meFails.with = undefined;
    }
  });

  it('does not check an address it may not reach: the access notice says what is missing, not "no answer"', async () => {
    access.granted = false;
    try {
      const root = document.createElement('div');
      draw(root, 'sv');
      submit(root);
      await vi.waitFor(() => expect(root.querySelector('.status')!.textContent).toBe('Inställningarna är sparade.'));
      await vi.waitFor(() => expect(root.querySelector('#address-check')!.textContent).toBe(''));
      expect(root.querySelector('#address-check')!.hasAttribute('data-address-check')).toBe(false);
    } finally {
      access.granted = true;
    }
  });

  it('shows an error in the new language after a switch', async () => {
    const root = document.createElement('div');
    draw(root, 'sv');
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'nope';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toMatch(/^Fel: Det här är ingen fullständig webbadress/));
    draw(root, 'en');
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toMatch(/^Error: This is not a full web address/));
  });

  it('the permission message, too', async () => {
    const root = document.createElement('div');
    draw(root, 'en');
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'https://intranet.example.com';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toContain('can only send ideas to http://127.0.0.1, https://intranät.kommun.se'));
    draw(root, 'sv');
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toContain('kan bara skicka idéer till http://127.0.0.1'));
  });
});

describe('OptionsApp: a generic build asking for the permission', () => {
  it('no longer shows, or says again, the last refusal while the browser asks', async () => {
    access.generic = true;
    let answer: (granted: boolean) => void = () => undefined;
    vi.mocked(ext.permissions.request).mockImplementationOnce(() => new Promise<boolean>((resolve) => (answer = resolve)));
    try {
      const root = document.createElement('div');
      draw(root, 'sv');
      const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
      const type = (value: string) => {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      type('http://intranat.kommun.se');
      await rendered();
      submit(root);
      await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')?.textContent).toContain('https://'));
      type('https://intranat.kommun.se');
      await rendered();
      submit(root); // the browser's prompt is open now
      await rendered();
      expect(ext.permissions.request).toHaveBeenCalled();
      expect(root.querySelector('#intranet-url-error')).toBeNull();
      answer(true);
      await vi.waitFor(() => expect(root.textContent).toContain(messagesFor('sv').options.saved));
    } finally {
      access.generic = false;
    }
  });
});

describe('OptionsApp: the "saved" notice', () => {
  it('shows once stored, without waiting for the worker, and goes as soon as the form changes again', async () => {
    vi.mocked(sendToBackground).mockImplementationOnce(() => new Promise(() => undefined)); // a worker that takes its time
    const root = document.createElement('div');
    draw(root, 'sv');
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('.status')!.textContent).toBe('Inställningarna är sparade.'));
    const language = root.querySelector<HTMLSelectElement>('#language')!;
    language.value = 'en';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await rendered();
    expect(root.querySelector('.status')!.textContent).toBe('');
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('.status')!.textContent).toBe('Inställningarna är sparade.'));
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'garbage';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    expect(root.querySelector('.status')!.textContent).toBe('');
  });
});

describe('OptionsApp: nothing typed is lost', () => {
  const typeUrl = async (root: HTMLElement, value: string) => {
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    return input;
  };

  it('keeps the address being typed, and the focus, when IT locks the language meanwhile', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const unlocked: ResolvedSettings = { settings: { intranetUrl: undefined, language: 'browser' }, locked: { intranetUrl: false, language: false }, refused: [] };
    render(<OptionsApp resolved={unlocked} t={messagesFor('sv')} />, root);
    const input = await typeUrl(root, 'https://intranat.kommun.se/idesluss-pilot');
    // storage.onChanged('managed'): main.tsx draws again with IT's new decision.
    render(<OptionsApp resolved={{ ...unlocked, settings: { ...unlocked.settings, language: 'sv' }, locked: { intranetUrl: false, language: true } }} t={messagesFor('sv')} />, root);
    // The effect that follows IT runs after a paint: wait for it (a fixed wait failed on a busy machine), then check.
    await vi.waitFor(() => expect(root.querySelector<HTMLSelectElement>('#language')!.value).toBe('sv'));
    expect(root.querySelector<HTMLInputElement>('#intranet-url')!.value).toBe('https://intranat.kommun.se/idesluss-pilot');
    expect(document.activeElement).toBe(input);
    // IT then locks the address too: the field shows IT's value, which is what is in effect.
    render(<OptionsApp resolved={{ settings: { intranetUrl: 'https://it.kommun.se', language: 'sv' }, locked: { intranetUrl: true, language: true }, refused: [] }} t={messagesFor('sv')} />, root);
    await vi.waitFor(() => expect(root.querySelector<HTMLInputElement>('#intranet-url')!.value).toBe('https://it.kommun.se'));
    root.remove();
  });

  it('says so when the browser refuses to save (a storage write, a permission it cannot grant), and keeps the text', async () => {
    const { saveSettings } = await import('../lib/settings-store');
    vi.mocked(saveSettings).mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const root = document.createElement('div');
    draw(root, 'sv');
    await typeUrl(root, 'http://127.0.0.1:8788');
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toMatch(/^Fel: Inställningarna kunde inte sparas/));
    expect(root.querySelector<HTMLInputElement>('#intranet-url')!.value).toBe('http://127.0.0.1:8788');
    expect(root.querySelector('.status')!.textContent).toBe('');
  });

  it('renders the alert anew for a second failure with the same sentence, so it is said again', async () => {
    const root = document.createElement('div');
    draw(root, 'sv');
    await typeUrl(root, 'nope');
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')).not.toBeNull());
    const first = root.querySelector('#intranet-url-error');
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')).not.toBe(first));
    expect(root.querySelector('#intranet-url-error')!.textContent).toBe(first!.textContent);
  });
});

describe('OptionsApp: the language on its own', () => {
  it('follows the language in effect when IT lifts its lock, so a save does not store IT’s as the user’s', async () => {
    const { saveSettings } = await import('../lib/settings-store');
    vi.mocked(saveSettings).mockClear();
    const root = document.createElement('div');
    const lockedEn: ResolvedSettings = { settings: { intranetUrl: 'http://127.0.0.1:8787', language: 'en' }, locked: { intranetUrl: false, language: true }, refused: [] };
    render(<OptionsApp resolved={lockedEn} t={messagesFor('en')} />, root);
    await rendered();
    // IT removes its language policy: the user's own choice, Swedish, is in effect again.
    render(<OptionsApp resolved={{ ...lockedEn, settings: { ...lockedEn.settings, language: 'sv' }, locked: { intranetUrl: false, language: false } }} t={messagesFor('sv')} />, root);
    await vi.waitFor(() => expect(root.querySelector<HTMLSelectElement>('#language')!.value).toBe('sv'));
    submit(root);
    await vi.waitFor(() => expect(saveSettings).toHaveBeenCalled());
    expect(vi.mocked(saveSettings).mock.calls.at(-1)![0]).toMatchObject({ language: 'sv' });
  });

  it('is saved without an address (a generic build before one is set), and when the address is refused', async () => {
    const { saveSettings } = await import('../lib/settings-store');
    vi.mocked(saveSettings).mockClear();
    const root = document.createElement('div');
    const none: ResolvedSettings = { settings: { intranetUrl: undefined, language: 'browser' }, locked: { intranetUrl: false, language: false }, refused: [] };
    render(<OptionsApp resolved={none} t={messagesFor('sv')} />, root);
    await rendered();
    const choose = async (value: string) => {
      const select = root.querySelector<HTMLSelectElement>('#language')!;
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await rendered();
    };
    await choose('en');
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('.status')!.textContent).toBe('Inställningarna är sparade.'));
    expect(vi.mocked(saveSettings).mock.calls).toEqual([[{ language: 'en' }]]);
    expect(root.querySelector('#intranet-url-error')).toBeNull();
    // An address that is no address: it is refused and said, and the language chosen with it is still saved.
    await choose('sv');
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'nope';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')).not.toBeNull());
    expect(vi.mocked(saveSettings).mock.calls.at(-1)).toEqual([{ language: 'sv' }]);
    expect(root.querySelector('.status')!.textContent).toBe('Språket är sparat, men inte adressen.');
  });
});
