/**
 * A response body of many rows, built a chunk at a time (docs/adr/033-inbox-paging-in-sql.md, "The export streams").
 * The one event loop also answers every employee's sync: a body built whole holds it for as long as the rows take
 * (55 MB and most of a second for 2,000 ideas at their limits), and past V8's longest string it cannot be built at all.
 * Here the ids are read once, up front; then each chunk's rows are read from SQLite only when the response pulls it,
 * after a turn of the event loop, so requests that came meanwhile are answered between chunks. A chunk ends after
 * `rows` rows or once its text reaches `chars`, whichever comes first: large rows make short chunks.
 *
 * Consistency: ideas are never deleted, so every id still has its row when its chunk is read; a status changed during
 * the stream may show either value, and ideas added meanwhile are not in it.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** What a stream reads: its ids once, then the rows of a few ids at a time. */
export interface ChunkedSource<T> {
  /** Every id, in the body's order. */
  ids: readonly string[];
  /** The rows with these ids, in their order. */
  fetch(ids: readonly string[]): T[];
  /** A row's id: a chunk cut short by its size goes on after the last id written, even past an id without a row. */
  idOf(item: T): string;
}

/** How the rows become text: what comes before them, each row (with its index in the body), what comes after. */
export interface ChunkedFormat<T> {
  head: string;
  row(item: T, index: number): string;
  tail: string;
}

/** At most this many rows to a chunk: about 270 KB of CSV and a few milliseconds of the event loop for typical ideas. */
export const CHUNK_ROWS = 500;
/** A chunk ends once its text is this long (UTF-16 code units): about 14 ms of the loop at the latest, whatever the rows. */
export const CHUNK_CHARS = 256 * 1024;
/** Rows read from SQLite at a time while a chunk fills: a chunk cut short by `chars` has read at most this many too many. */
const READ_ROWS = 50;

/**
 * The rows of `source` as a UTF-8 byte stream for a response. It reads nothing ahead of its reader (SQLite is read at
 * the pace of the socket's backpressure), and a cancelled download (the browser closed) reads no further chunk.
 */
export function chunkedStream<T>(
  source: ChunkedSource<T>,
  format: ChunkedFormat<T>,
  { rows = CHUNK_ROWS, chars = CHUNK_CHARS, onEnd }: { rows?: number; chars?: number; onEnd?: () => void } = {},
): ReadableStream<Uint8Array> {
  if (!Number.isInteger(rows) || rows < 1 || !(chars > 0)) throw new RangeError(`chunk of ${rows} rows, ${chars} characters`);
  const encoder = new TextEncoder();
  /** The next id to read, and how many rows are in the body so far. */
  let next = 0;
  let written = 0;
  let cancelled = false;
  let endedOnce = false;
  const ended = () => {
    if (!endedOnce) onEnd?.();
    endedOnce = true;
  };
  /** The text of the next chunk's rows, from `next` on. */
  const nextChunk = (): string => {
    const end = Math.min(source.ids.length, next + rows);
    let text = '';
    while (next < end && text.length < chars) {
      const ids = source.ids.slice(next, Math.min(end, next + READ_ROWS));
      let after = next + ids.length; // past every id read, also those without a row (never: ideas are not deleted)
      for (const item of source.fetch(ids)) {
        if (text.length >= chars) {
          after = next + ids.indexOf(source.idOf(item)); // the rest goes in the next chunk, from this row's id on
          break;
        }
        text += format.row(item, written++);
      }
      next = after;
    }
    return text;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format.head) controller.enqueue(encoder.encode(format.head));
      },
      async pull(controller) {
        if (next >= source.ids.length) {
          if (format.tail) controller.enqueue(encoder.encode(format.tail));
          controller.close();
          return ended();
        }
        // A turn of the event loop first: the requests that arrived while the last chunk was read and sent go first.
        await nextTurn();
        if (cancelled) return;
        // A failure here comes after the headers: the body ends short (the connection is reset), and
        // @hono/node-server logs the error. An errored stream is not cancelled: it has ended here.
        try {
          controller.enqueue(encoder.encode(nextChunk()));
        } catch (error) {
          ended();
          throw error;
        }
      },
      cancel() {
        cancelled = true;
        ended();
      },
    },
    // Pull only when the response asks for more: SQLite is read at the pace the body goes.
    { highWaterMark: 0 },
  );
}
