/**
 * The inbox's CSV export as a stream (docs/adr/033-inbox-paging-in-sql.md, "The export streams"). Building the whole
 * file at once held the one event loop, which also answers every employee's sync, for most of a second at 50,000
 * ideas, and made one string of 20 MB. Here the BOM and the header row come first, then the rows a chunk at a time
 * (../chunked-stream.ts). The bytes are those `ideasToCsv` builds for the same ideas.
 *
 * Consistency: the ids, in order, are read once when the export starts; each chunk's rows are read when it is sent.
 * Ideas are never deleted, so every id still has its idea then. A status changed during an export may show either
 * value, and such an idea keeps the place (and the place in a status filter) that the id list gave it; ideas added
 * during an export are not in it.
 */
import type { StoredIdea } from '../db/ideas-repo';
import { CHUNK_ROWS, chunkedStream } from '../chunked-stream';
import { csvField, csvHeader, csvSeparator, ideaCells, type SpreadsheetLabels } from './csv';

/** Ideas per chunk at most (`chunkedStream` also ends a chunk at about 256 KB of text: large ideas make short chunks). */
export const EXPORT_CHUNK = CHUNK_ROWS;

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
 * would build it whole, `chunk` ideas at most to a chunk (../chunked-stream.ts).
 */
export function csvExportStream(source: ExportSource, labels?: SpreadsheetLabels, chunk = EXPORT_CHUNK, chars?: number): ReadableStream<Uint8Array> {
  const separator = csvSeparator(labels);
  const line = (cells: readonly string[]) => `${cells.map(csvField).join(separator)}\r\n`;
  const title = (id: string) => source.challengeTitles.get(id);
  return chunkedStream({ ...source, idOf: (stored) => stored.idea.id }, { head: `\ufeff${line(csvHeader(labels))}`, row: (stored) => line(ideaCells(stored, title, labels)), tail: '' }, { rows: chunk, chars });
}
