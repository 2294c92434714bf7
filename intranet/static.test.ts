import { describe, expect, it } from 'vitest';
import { pickEncoding } from './static';

describe('pickEncoding', () => {
  it('takes brotli before gzip, and neither unless offered', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, identity; q=0.5')).toBe('gzip');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
  });

  it('honours a weight of zero, which refuses an encoding', () => {
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('br; q=0.0, gzip;q=0')).toBeUndefined();
    expect(pickEncoding('BR;Q=0.5')).toBe('br');
  });
});
