import { describe, expect, it } from 'vitest';
import { pageMessages } from './messages';

describe('the intranet pages’ text', () => {
  it('says an idea goes once it is sent and the computer is connected, not when "you" are, nor while it is typed', () => {
    expect(pageMessages('sv').demo.intro).toMatch(/när du skickar den går den fram så snart datorn är ansluten\.$/);
    expect(pageMessages('en').demo.intro).toMatch(/once you send it, it goes through as soon as the computer is online\.$/);
  });
});
