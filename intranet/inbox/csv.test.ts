import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, toCsv } from './csv';

describe('CSV', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx', '  =cmd', '＝1', '=HYPERLINK("x")'])('neutralises %j', (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it.each(['Idé', 'a=b', '1-2', 'e-post', '', "'already"])('leaves %j alone', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });

  it('quotes every field and doubles inner quotes (RFC 4180)', () => {
    expect(csvField('säg "hej", då\r\nrad 2')).toBe('"säg ""hej"", då\r\nrad 2"');
    expect(toCsv([['a', 'b'], ['1', '=2']], false)).toBe('"a","b"\r\n"1","\'=2"\r\n');
    expect(toCsv([['å']]).startsWith('\ufeff')).toBe(true);
  });
});
