import { describe, expect, it } from 'vitest';
import { maxInFlightFrom, portFrom } from './env';

describe('portFrom', () => {
  it('takes a port number, 0 for any free port, and 8787 when unset', () => {
    expect(portFrom(undefined)).toEqual({ ok: true, value: 8787 });
    expect(portFrom('0')).toEqual({ ok: true, value: 0 });
    expect(portFrom('65535')).toEqual({ ok: true, value: 65535 });
  });

  it('refuses anything else with a sentence naming PORT', () => {
    // '', ' ', '0x1F90' and '1e3' were read by Number as 0, 0, 8080 and 1000.
    for (const raw of ['abc', '-1', '65536', '80.5', '', ' ', '0x1F90', '1e3', '+80', '123456']) {
      expect(portFrom(raw), raw).toEqual({ ok: false, message: `PORT must be a port number, not "${raw}".` });
    }
  });
});

describe('maxInFlightFrom', () => {
  it('names the variable it read in its refusal', () => {
    const setting = maxInFlightFrom('0', 'IDESLUSS_MAX_INFLIGHT_PER_USER');
    expect(setting.ok).toBe(false);
    if (!setting.ok) expect(setting.message).toBe('IDESLUSS_MAX_INFLIGHT_PER_USER must be a whole number of requests, at least 1, not "0".');
  });

  it('takes a positive whole number, and leaves the default to the server when unset or empty', () => {
    expect(maxInFlightFrom(undefined)).toEqual({ ok: true, value: undefined });
    expect(maxInFlightFrom('')).toEqual({ ok: true, value: undefined });
    expect(maxInFlightFrom('1')).toEqual({ ok: true, value: 1 });
    expect(maxInFlightFrom('512')).toEqual({ ok: true, value: 512 });
  });

  it('refuses what would turn the guard off (NaN) or answer every call with 503 (0), with a sentence naming the variable', () => {
    for (const raw of ['abc', '0', '-5', '2.5', ' ', 'Infinity']) {
      const setting = maxInFlightFrom(raw);
      expect(setting.ok, raw).toBe(false);
      if (!setting.ok) expect(setting.message).toContain(`IDESLUSS_MAX_INFLIGHT must be a whole number of requests, at least 1, not "${raw}"`);
    }
  });
});
