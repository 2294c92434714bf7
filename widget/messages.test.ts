import { describe, expect, it } from 'vitest';
import { nextTryText, widgetMessages } from './messages';

describe('nextTryText', () => {
  const at = (day: number, hour: number, minute: number) => new Date(2026, 10, day, hour, minute).getTime();

  it('says a time of day for a try later today', () => {
    expect(nextTryText(widgetMessages('sv'), at(28, 14, 5), 'sv', at(28, 9, 0))).toBe('Nästa försök kl. 14:05');
    expect(nextTryText(widgetMessages('en'), at(28, 14, 5), 'en', at(28, 9, 0))).toBe('Next try at 14:05');
  });

  it('names the weekday for a try on another day: a bare "kl. 09:00" at 23:50 reads as this morning, already gone', () => {
    // 2026-11-29 is a Sunday.
    expect(nextTryText(widgetMessages('sv'), at(29, 9, 0), 'sv', at(28, 23, 50))).toBe('Nästa försök söndag kl. 09:00');
    expect(nextTryText(widgetMessages('en'), at(29, 9, 0), 'en', at(28, 23, 50))).toBe('Next try on Sunday at 09:00');
    // Still right if the page is left open past midnight and the text is not redrawn.
    expect(nextTryText(widgetMessages('sv'), at(29, 9, 0), 'sv', at(29, 8, 0))).toBe('Nästa försök kl. 09:00');
  });
});

