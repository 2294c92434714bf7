// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { messagesFor } from '../../shared/i18n';
import { sendToBackground } from '../lib/messaging';
import { AccessNotice } from './AccessNotice';

const browser = { granted: false, manifest: {} as Record<string, unknown> };
vi.mock('../lib/ext', () => ({
  ext: {
    runtime: { getManifest: () => browser.manifest },
    permissions: {
      contains: vi.fn(async () => browser.granted),
      request: vi.fn(async () => (browser.granted = true)),
    },
  },
}));
vi.mock('../lib/messaging', () => ({ sendToBackground: vi.fn(async () => undefined) }));

describe('AccessNotice: the address in effect, when the extension may not reach it', () => {
  it('a generic build asks for access with a button, naming the host in its own letters, then tells the worker', async () => {
    browser.granted = false;
    browser.manifest = { optional_host_permissions: ['https://*/*'] };
    const root = document.body.appendChild(document.createElement('div'));
    const address = document.body.appendChild(Object.assign(document.createElement('input'), { id: 'intranet-url' }));
    // Stored in ASCII, as the URL parser keeps it; named as people write it.
    render(<AccessNotice intranetUrl="https://xn--intrant-bxa.kommun.se" t={messagesFor('sv')} />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('Tillägget har inte tillgång till https://intranät.kommun.se än'));
    const said = root.querySelector('[data-access-outcome]');
    root.querySelector('button')!.focus();
    root.querySelector('button')!.click();
    // The notice and its button go: said in the live region that was there all along, focus to the address (WCAG 2.4.3, 4.1.3).
    await vi.waitFor(() => expect(root.textContent).toBe('Tillägget har nu tillgång till https://intranät.kommun.se.'));
    expect(root.querySelector('[data-access-outcome]')).toBe(said);
    expect(document.activeElement).toBe(address);
    expect(sendToBackground).toHaveBeenCalledWith({ type: 'settings-changed' });
    root.remove();
    address.remove();
  });

  it('says so when the person refuses the browser’s question, and keeps the button to ask again', async () => {
    browser.granted = false;
    browser.manifest = { optional_host_permissions: ['https://*/*'] };
    const { ext } = await import('../lib/ext');
    vi.mocked(ext.permissions.request as unknown as () => Promise<boolean>).mockResolvedValueOnce(false);
    const root = document.createElement('div');
    render(<AccessNotice intranetUrl="https://intranat.kommun.se" t={messagesFor('sv')} />, root);
    await vi.waitFor(() => expect(root.querySelector('button')).not.toBeNull());
    root.querySelector('button')!.click();
    await vi.waitFor(() => expect(root.querySelector('[data-access-outcome]')!.textContent).toBe(messagesFor('sv').options.permissionDenied));
    expect(root.querySelector('button')).not.toBeNull();
    // Refused again: the same sentence is put in anew, so a screen reader says it again.
    const first = root.querySelector('[data-access-outcome] span');
    vi.mocked(ext.permissions.request as unknown as () => Promise<boolean>).mockResolvedValueOnce(false);
    root.querySelector('button')!.click();
    await vi.waitFor(() => expect(root.querySelector('[data-access-outcome] span')).not.toBe(first));
    expect(root.querySelector('[data-access-outcome]')!.textContent).toBe(messagesFor('sv').options.permissionDenied);
  });

  it('an organisation build for another intranet says which addresses it serves, in English too', async () => {
    browser.granted = false;
    browser.manifest = { host_permissions: ['https://intranat.kommun.se/*'] };
    const root = document.createElement('div');
    render(<AccessNotice intranetUrl="https://nytt.kommun.se/" t={messagesFor('en')} />, root);
    await vi.waitFor(() =>
      expect(root.textContent).toBe('This version of the extension can only send ideas to https://intranat.kommun.se, not to https://nytt.kommun.se. Your ideas will wait on this computer. Ask IT support for a version for https://nytt.kommun.se.'),
    );
    expect(root.querySelector('button')).toBeNull();
  });

  it('says nothing when access is granted', async () => {
    browser.granted = true;
    const root = document.createElement('div');
    render(<AccessNotice intranetUrl="https://intranat.kommun.se" t={messagesFor('sv')} />, root);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(root.textContent).toBe('');
  });
});

describe('releaseHostAccess: one intranet origin at a time', () => {
  it('gives back a generic build\'s access to the previous address, never a fixed host, nor the same host', async () => {
    const { ext } = await import('../lib/ext');
    const remove = vi.fn(async () => true);
    Object.assign(ext.permissions, { remove });
    const { releaseHostAccess } = await import('../lib/host-access');
    browser.manifest = { host_permissions: ['http://127.0.0.1/*'], optional_host_permissions: ['https://*/*'] };
    expect(await releaseHostAccess('https://gammalt.kommun.se', 'https://nytt.kommun.se/')).toBe(true);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://gammalt.kommun.se/*'] });
    remove.mockClear();
    expect(await releaseHostAccess('http://127.0.0.1:8787', 'https://nytt.kommun.se')).toBe(false);
    expect(await releaseHostAccess('https://nytt.kommun.se:8443', 'https://nytt.kommun.se')).toBe(false);
    expect(remove).not.toHaveBeenCalled();
  });
});
