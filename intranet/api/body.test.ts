import { describe, expect, it } from 'vitest';
import { readJsonBody } from './body';

/** A request whose body sends `first` and then nothing more, as a client trickling it would. */
function trickling(first: string): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
  return new Request('http://intra.example/api/idesluss/v1/ideas/x', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
}

describe('readJsonBody', () => {
  it('gives up on a body that has not all come within the deadline (408), so it holds no in-flight place for minutes', async () => {
    const started = Date.now();
    expect(await readJsonBody(trickling('{"title":'), 65_536, 50)).toMatchObject({ ok: false, status: 408, slug: 'body-timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads a body that comes in time', async () => {
    const request = new Request('http://intra.example/x', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"title":"Idé"}' });
    expect(await readJsonBody(request, 65_536, 50)).toEqual({ ok: true, value: { title: 'Idé' } });
  });
});
