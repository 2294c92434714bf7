import { describe, expect, it } from 'vitest';
import { nextTryText, timeOf, widgetMessages } from './messages';

describe('timeOf and the texts around it', () => {
  it('writes a time of day "kl. 14:05" / "at 14:05", a no-break space keeping "kl." with the time (ADR 031)', () => {
    const at = new Date(2026, 10, 28, 14, 5).getTime();
    expect(widgetMessages('sv').saved(timeOf(at, 'sv'))).toBe('Sparat på den här datorn kl.\u00a014:05');
    expect(widgetMessages('en').saved(timeOf(at, 'en'))).toBe('Saved on this computer at\u00a014:05');
  });
});

describe('nextTryText', () => {
  const at = (day: number, hour: number, minute: number) => new Date(2026, 10, day, hour, minute).getTime();

  it('says a time of day for a try later today', () => {
    expect(nextTryText(widgetMessages('sv'), at(28, 14, 5), 'sv', at(28, 9, 0))).toBe('Nästa försök kl.\u00a014:05');
    expect(nextTryText(widgetMessages('en'), at(28, 14, 5), 'en', at(28, 9, 0))).toBe('Next try at\u00a014:05');
  });

  it('names the weekday for a try on another day: a bare "kl. 09:00" at 23:50 reads as this morning, already gone', () => {
    // 2026-11-29 is a Sunday.
    expect(nextTryText(widgetMessages('sv'), at(29, 9, 0), 'sv', at(28, 23, 50))).toBe('Nästa försök söndag kl.\u00a009:00');
    expect(nextTryText(widgetMessages('en'), at(29, 9, 0), 'en', at(28, 23, 50))).toBe('Next try on Sunday at\u00a009:00');
    // Still right if the page is left open past midnight and the text is not redrawn.
    expect(nextTryText(widgetMessages('sv'), at(29, 9, 0), 'sv', at(29, 8, 0))).toBe('Nästa försök kl.\u00a009:00');
  });
});

