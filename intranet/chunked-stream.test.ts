import { describe, expect, it, vi } from 'vitest';
import { chunkedStream, type ChunkedSource } from './chunked-stream';

interface Row {
  id: string;
}

const json = { head: '[', row: (r: Row, i: number) => `${i > 0 ? ',' : ''}${JSON.stringify(r.id)}`, tail: ']' };
const ids = Array.from({ length: 10 }, (_, i) => `id${i}`);
/** A source whose `missing` ids have no row (`fetch` leaves them out, as SQLite's `IN` does). */
const source = (missing: string[] = []): ChunkedSource<Row> => ({
  ids,
  fetch: (wanted) => wanted.filter((id) => !missing.includes(id)).map((id) => ({ id })),
  idOf: (r) => r.id,
});

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(decoder.decode(chunk));
  return out;
}

describe('chunkedStream', () => {
  it('cuts by rows and by size anywhere without changing the text', async () => {
    const whole = JSON.stringify(ids);
    for (const [rows, chars] of [[1, 1e6], [3, 1e6], [500, 1], [500, 12], [4, 20]] as const) {
      const chunks = await chunksOf(chunkedStream(source(), json, { rows, chars }));
      expect(chunks.join(''), `${rows} rows, ${chars} characters`).toBe(whole);
      expect(chunks.length, `${rows} rows, ${chars} characters`).toBeGreaterThan(2);
    }
    expect(await chunksOf(chunkedStream({ ...source(), ids: [] }, json))).toEqual(['[', ']']);
  });

  it('goes on after the last id written when a chunk is cut by its size, also past an id without a row', async () => {
    const text = (await chunksOf(chunkedStream(source(['id1', 'id4']), json, { chars: 12 }))).join('');
    expect(JSON.parse(text)).toEqual(ids.filter((id) => id !== 'id1' && id !== 'id4'));
  });

  it('says once that it has ended: at its end, at a cancel, or at a failure', async () => {
    const done = vi.fn();
    await chunksOf(chunkedStream(source(), json, { rows: 3, onEnd: done }));
    expect(done).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    const reader = chunkedStream(source(), json, { rows: 3, onEnd: cancelled }).getReader();
    await reader.read();
    await reader.cancel();
    expect(cancelled).toHaveBeenCalledTimes(1);

    const failed = vi.fn();
    const broken: ChunkedSource<Row> = { ...source(), fetch: () => { throw new Error('disk I/O error'); } };
    await expect(chunksOf(chunkedStream(broken, json, { onEnd: failed }))).rejects.toThrow('disk I/O error');
    expect(failed).toHaveBeenCalledTimes(1);
  });
});
