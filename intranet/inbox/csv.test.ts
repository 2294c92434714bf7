import { describe, expect, it } from 'vitest';
import { csvField, ideasToCsv, neutraliseFormula, spreadsheetLabels, toCsv } from './csv';

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

describe('CSV for Excel with Swedish settings', () => {
  it('separates with ";" and names columns, kinds, statuses and languages for people, times in Stockholm time, still formula-safe', () => {
    const idea = {
      id: 'a1', title: '=1+1; två', description: '', kind: 'good-example', status: 'in-review', anonymous: true, lang: 'en',
      createdAt: '2026-11-27T08:00:00.000Z', updatedAt: '2026-07-01T22:30:00.000Z',
    } as const;
    const labels = spreadsheetLabels('sv');
    const [header, row] = ideasToCsv([{ idea, authorName: 'Anna' } as never], () => undefined, labels).replace('\ufeff', '').split('\r\n');
    expect(header).toBe('"Id";"Rubrik";"Beskrivning";"Typ";"Status";"Utmaningens id";"Utmaning";"Från";"Anonym";"Källans adress";"Källans rubrik";"Citat från källan";"Språk";"Inkom";"Senast ändrad"');
    expect(row).toBe(`"a1";"'=1+1; två";"";"Gott exempel";"Under bedömning";"";"";"";"ja";"";"";"";"Engelska";"2026-11-27 09:00";"2026-07-02 00:30"`); // Stockholm time, summer time too
  });
});
