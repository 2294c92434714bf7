import { describe, expect, it } from 'vitest';
import { isAllowedHost, parseAllowedHosts } from './host-check';

const none = parseAllowedHosts(undefined);

describe('isAllowedHost', () => {
  it('allows IP literals and localhost with its subdomains without configuration', () => {
    for (const host of ['127.0.0.1', '10.1.2.3', '[::1]', '[fe80::1]', 'localhost', 'localhost.', 'app.localhost']) {
      expect(isAllowedHost(host, none), host).toBe(true);
    }
  });

  it('refuses any other name without configuration, the ones DNS rebinding uses among them', () => {
    for (const host of ['evil.example', 'localhost.evil.example', 'notlocalhost', '127.0.0.1.nip.io', 'intranet.test']) {
      expect(isAllowedHost(host, none), host).toBe(false);
    }
  });

  it('allows listed names exactly, a leading dot for a name and its subdomains, and * for any', () => {
    const listed = parseAllowedHosts(' Intranet.LAN , .kommun.example,');
    expect(isAllowedHost('intranet.lan', listed)).toBe(true);
    expect(isAllowedHost('www.intranet.lan', listed)).toBe(false);
    expect(isAllowedHost('kommun.example', listed)).toBe(true);
    expect(isAllowedHost('intra.kommun.example', listed)).toBe(true);
    expect(isAllowedHost('a.b.kommun.example', listed)).toBe(true);
    expect(isAllowedHost('evilkommun.example', listed)).toBe(false);
    expect(isAllowedHost('evil.example', parseAllowedHosts('intranet.lan,*'))).toBe(true);
  });
});
