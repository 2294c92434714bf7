/**
 * The inbox's CSV export as a stream (docs/adr/033-inbox-paging-in-sql.md, "The export streams"). Building the whole
 * file at once held the one event loop, which also answers every employee's sync, for most of a second at 50,000
 * ideas, and made one string of 20 MB. Here the BOM and the header row come first, then the rows `EXPORT_CHUNK` ideas
 * at a time: each chunk is read from SQLite only when the response pulls it, and after a turn of the event loop, so the
 * requests that came meanwhile are answered between chunks. The bytes are those `ideasToCsv` builds for the same ideas.
 *
 * Consistency: the ids, in order, are read once when the export starts; each chunk's rows are read when it is sent.
 * Ideas are never deleted, so every id still has its idea then. A status changed during an export may show either
 * value, and such an idea keeps the place (and the place in a status filter) that the id list gave it; ideas added
 * during an export are not in it.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { StoredIdea } from '../db/ideas-repo';
import { csvField, csvHeader, csvSeparator, ideaCells, type SpreadsheetLabels } from './csv';

/** Ideas per chunk: about 270 KB of CSV and a few milliseconds of the event loop each (the ADR has the figures). */
export const EXPORT_CHUNK = 500;

/** What an export reads: its ids once, up front, then the rows of a chunk of them when the chunk is sent. */
export interface ExportSource {
  /** Every id to export, in the export's order. */
  ids: readonly string[];
  /** The ideas with these ids, in their order (`IdeasRepo.byIds`). */
  fetch(ids: readonly string[]): StoredIdea[];
  /** The challenges' titles by id, read once per export rather than once per row. */
  challengeTitles: ReadonlyMap<string, string>;
}

/**
 * The CSV export as a byte stream, for the route's response: UTF-8 with a BOM, as `ideasToCsv(ideas, title, labels)`
 * would build it whole. The stream reads nothing ahead of its reader, so SQLite is read
 * at the pace of the socket's backpressure (a stalled download holds what the TCP buffers take, not the file); a
 * cancelled download (the browser closed) reads no further chunk.
 */
export function csvExportStream(source: ExportSource, labels?: SpreadsheetLabels, chunk = EXPORT_CHUNK): ReadableStream<Uint8Array> {
  if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`export chunk ${chunk}`);
  const encoder = new TextEncoder();
  const separator = csvSeparator(labels);
  const line = (cells: readonly string[]) => `${cells.map(csvField).join(separator)}\r\n`;
  const title = (id: string) => source.challengeTitles.get(id);
  let next = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`\ufeff${line(csvHeader(labels))}`));
      },
      async pull(controller) {
        if (next >= source.ids.length) return controller.close();
        // A turn of the event loop first: the requests that arrived while the last chunk was read and sent go first.
        await nextTurn();
        if (cancelled) return;
        // A failure here comes after the headers: the download ends short (the connection is reset), and
        // @hono/node-server logs the error.
        const ideas = source.fetch(source.ids.slice(next, next + chunk));
        next += chunk;
        controller.enqueue(encoder.encode(ideas.map((stored) => line(ideaCells(stored, title, labels))).join('')));
      },
      cancel() {
        cancelled = true;
      },
    },
    // Pull only when the response asks for more: SQLite is read at the pace the download goes.
    { highWaterMark: 0 },
  );
}
