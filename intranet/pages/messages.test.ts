import { describe, expect, it } from 'vitest';
import { pageMessages } from './messages';

describe('the intranet pages’ text', () => {
  it('says an idea is sent when the computer is connected, as the popup and the widget do, not when "you" are', () => {
    expect(pageMessages('sv').demo.intro).toMatch(/skickas när datorn är ansluten\.$/);
    expect(pageMessages('en').demo.intro).toMatch(/sent when the computer is online\.$/);
  });
});
