// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { ResolvedSettings } from '../../shared/config/settings';
import { messagesFor } from '../../shared/i18n';
import { sendToBackground } from '../lib/messaging';
import { OptionsApp } from './OptionsApp';

vi.mock('../lib/ext', () => ({ ext: { runtime: { getManifest: () => ({ host_permissions: ['http://127.0.0.1/*'] }) }, permissions: { request: vi.fn(async () => false) } } }));
vi.mock('../lib/settings-store', () => ({ saveSettings: vi.fn(async () => undefined) }));
vi.mock('../lib/messaging', () => ({ sendToBackground: vi.fn(async () => undefined) }));

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
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toMatch(/^Error: This is not a complete web address/));
  });

  it('the permission message, too', async () => {
    const root = document.createElement('div');
    draw(root, 'en');
    const input = root.querySelector<HTMLInputElement>('#intranet-url')!;
    input.value = 'https://intranet.example.com';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered();
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toContain('can only send ideas to http://127.0.0.1'));
    draw(root, 'sv');
    await vi.waitFor(() => expect(root.querySelector('#intranet-url-error')!.textContent).toContain('kan bara skicka idéer till http://127.0.0.1'));
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
