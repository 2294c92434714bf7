import { describe, expect, it } from 'vitest';
import { DEFAULT_DEV_INTRANET, DEFAULT_GECKO_ID, geckoId, intranetBuild } from './build';
import { apiBaseFor, checkIntranetUrl, checkLanguage, effectiveLang, hostPatternFor, resolveSettings, signInUrlFor } from './settings';

describe('checkIntranetUrl', () => {
  it.each([
    ['https://intranet.stockholm.se', 'https://intranet.stockholm.se'],
    ['  https://intranet.stockholm.se/  ', 'https://intranet.stockholm.se'],
    ['https://intranät.se/idesluss/', 'https://xn--intrant-bxa.se/idesluss'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
    ['HTTPS://Intranet.Example:443/', 'https://intranet.example'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['https://intranat.kommun.se.', 'https://intranat.kommun.se.'],
    ['https://intranat_test.kommun.se', 'https://intranat_test.kommun.se'],
    // The API's own address, as a widget's api-base names it: the intranet it is under.
    ['https://intranat.kommun.se/api/idesluss/v1', 'https://intranat.kommun.se'],
    ['http://localhost:8787/API/Idesluss/v1/', 'http://localhost:8787'],
    ['https://intranat.kommun.se/portal/api/idesluss/v1', 'https://intranat.kommun.se/portal'],
  ])('accepts %j as %j', (input, expected) => {
    expect(checkIntranetUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [42, 'wrong_type'],
    [{ url: 'https://a.se' }, 'wrong_type'],
    [['https://a.se'], 'wrong_type'],
    [null, 'wrong_type'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['intranet', 'not_a_url'],
    ['localhost:8787', 'not_a_url'], // no scheme: parsed as the scheme `localhost:`
    ['intranat.kommun.se:443/ideer', 'not_a_url'],
    ['javascript:alert(1)', 'unsafe_scheme'],
    ['JavaScript:alert(document.cookie)//https://a.se', 'unsafe_scheme'],
    ['data:text/html,<script>alert(1)</script>', 'unsafe_scheme'],
    ['file:///etc/passwd', 'unsafe_scheme'],
    ['ftp://intranet.example', 'unsafe_scheme'],
    ['http://intranet.example', 'insecure_remote'],
    ['http://localhost.evil.example', 'insecure_remote'],
    ['http://127.0.0.2', 'insecure_remote'],
    ['https://user:pass@intranet.example', 'has_credentials'],
    ['https://intranet.example/?next=https://evil.example', 'has_query'],
    ['https://intranet.example/#x', 'has_query'],
    ['https://intra\u202Enet.example', 'not_a_url'],
    // A typo a browser's URL parser keeps in the host name: no host name has these.
    ['https://intranat,kommun.se', 'not_a_url'],
    ['https://intra"nat.se', 'not_a_url'],
    ['https://intranat!.kommun.se', 'not_a_url'],
    ['https://intranat kommun.se', 'not_a_url'],
    [`https://a.se/${'a'.repeat(3000)}`, 'too_long'],
  ])('refuses %j with %s', (input, code) => {
    expect(checkIntranetUrl(input)).toEqual({ ok: false, code });
  });
});

describe('checkLanguage', () => {
  it('accepts browser, sv and en only', () => {
    expect(checkLanguage('sv')).toEqual({ ok: true, value: 'sv' });
    expect(checkLanguage('browser')).toEqual({ ok: true, value: 'browser' });
    expect(checkLanguage('de')).toEqual({ ok: false, code: 'invalid_language' });
    expect(checkLanguage(1)).toEqual({ ok: false, code: 'wrong_type' });
  });

  it('follows the browser only when told to', () => {
    expect(effectiveLang('browser', 'en-GB')).toBe('en');
    expect(effectiveLang('browser', 'fi-FI')).toBe('sv');
    expect(effectiveLang('sv', 'en-US')).toBe('sv');
  });
});

describe('resolveSettings', () => {
  it('prefers a valid managed value and locks it', () => {
    const r = resolveSettings({ intranetUrl: 'https://it.example', language: 'en' }, { intranetUrl: 'https://me.example', language: 'sv' }, undefined);
    expect(r.settings).toEqual({ intranetUrl: 'https://it.example', language: 'en' });
    expect(r.locked).toEqual({ intranetUrl: true, language: true });
    expect(r.refused).toEqual([]);
  });

  it('treats an empty policy string (a blank ADMX field) as not set: no lock, no refusal to explain', () => {
    const r = resolveSettings({ intranetUrl: '  ', language: '' }, { intranetUrl: 'https://me.example', language: 'sv' }, undefined);
    expect(r.settings).toEqual({ intranetUrl: 'https://me.example', language: 'sv' });
    expect(r.locked).toEqual({ intranetUrl: false, language: false });
    expect(r.refused).toEqual([]);
  });

  it('refuses hostile managed values, reports them and falls back to the user value', () => {
    const r = resolveSettings({ intranetUrl: 'javascript:alert(1)', language: 7 }, { intranetUrl: 'https://me.example' }, 'http://127.0.0.1:8787');
    expect(r.settings).toEqual({ intranetUrl: 'https://me.example', language: 'browser' });
    expect(r.locked).toEqual({ intranetUrl: false, language: false });
    expect(r.refused).toEqual([
      { key: 'intranetUrl', source: 'managed', code: 'unsafe_scheme' },
      { key: 'language', source: 'managed', code: 'wrong_type' },
    ]);
  });

  it('falls back to the build default, and to nothing in a generic build', () => {
    expect(resolveSettings(undefined, {}, 'http://127.0.0.1:8787').settings.intranetUrl).toBe('http://127.0.0.1:8787');
    expect(resolveSettings(undefined, { intranetUrl: 'http://evil.example' }, undefined).settings.intranetUrl).toBeUndefined();
  });
});

describe('derived addresses', () => {
  it('builds the API base, the sign-in page and a port-free host pattern', () => {
    expect(apiBaseFor('https://intra.example/x')).toBe('https://intra.example/x/api/idesluss/v1');
    expect(signInUrlFor('https://intra.example/x')).toBe('https://intra.example/login');
    expect(hostPatternFor('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
  });
});

describe('intranetBuild', () => {
  it('defaults to the local reference intranet', () => {
    expect(intranetBuild(undefined)).toEqual({ defaultUrl: DEFAULT_DEV_INTRANET, hostPermissions: ['http://127.0.0.1/*'], optionalHostPermissions: [] });
  });

  it('names only the organisation intranet as a host permission', () => {
    expect(intranetBuild('https://intranat.stockholm.se/')).toEqual({
      defaultUrl: 'https://intranat.stockholm.se',
      hostPermissions: ['https://intranat.stockholm.se/*'],
      optionalHostPermissions: [],
    });
  });

  it('makes a generic build with optional host permissions only', () => {
    const build = intranetBuild('generic');
    expect(build.hostPermissions).toEqual([]);
    expect(build.optionalHostPermissions).toContain('https://*/*');
    expect(build.optionalHostPermissions).not.toContain('<all_urls>');
  });

  it('lets a generic build ask for every address the options page accepts ([::1] too)', () => {
    const { optionalHostPermissions } = intranetBuild('generic');
    for (const address of ['https://intranat.kommun.se', 'http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787']) {
      const checked = checkIntranetUrl(address);
      expect(checked.ok, address).toBe(true);
      const pattern = hostPatternFor(checked.ok ? checked.value : '');
      // `https://*/*` covers any https host; an http one needs its own loopback pattern.
      expect(optionalHostPermissions.includes(pattern) || (pattern.startsWith('https://') && optionalHostPermissions.includes('https://*/*')), pattern).toBe(true);
    }
  });

  it('fails the build on an insecure or hostile address', () => {
    expect(() => intranetBuild('http://intranet.example')).toThrow(/insecure_remote/);
    expect(() => intranetBuild('javascript:alert(1)')).toThrow(/unsafe_scheme/);
    // For whoever builds it, every address the rule lets through is named ([::1] too, as the README says).
    expect(() => intranetBuild('http://intranet.example')).toThrow('http://localhost[:port], http://127.0.0.1[:port], http://[::1][:port]');
  });
});

describe('geckoId', () => {
  it('takes an organisation\'s own Firefox add-on id, in either of Firefox\'s forms, and defaults for development', () => {
    expect(geckoId(undefined)).toBe(DEFAULT_GECKO_ID);
    expect(geckoId(' ')).toBe(DEFAULT_GECKO_ID);
    expect(geckoId(' idesluss@kommun.se ')).toBe('idesluss@kommun.se');
    expect(geckoId('{0f8fad5b-d9cb-469f-a165-70867728950e}')).toBe('{0f8fad5b-d9cb-469f-a165-70867728950e}');
  });

  it('fails the build on an id Firefox would refuse', () => {
    for (const bad of ['idesluss', 'idesluss@', 'a b@kommun.se', 'idesluss+x@kommun.se', '{not-a-guid}', 'x@kommun.se"']) expect(() => geckoId(bad), bad).toThrow(/IDESLUSS_GECKO_ID/);
  });
});
