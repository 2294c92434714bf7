/**
 * CSV export of the inbox: RFC 4180 (every field quoted, quotes doubled, CRLF line ends), UTF-8
 * with a byte-order mark so spreadsheet programs read å, ä and ö. Safe against formula injection
 * (OWASP): a cell that a spreadsheet would read as a formula gets a leading apostrophe.
 */
import type { StoredIdea } from '../db/ideas-repo';

// = + - @ (also their full-width forms), or tab, CR, LF first; leading spaces do not hide them.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/** Neutralises a cell a spreadsheet program would evaluate. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: always quoted, inner quotes doubled, formula-safe. */
export function csvField(value: string): string {
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}

/** Rows of fields → CSV text with CRLF line ends (and a BOM when `bom`). */
export function toCsv(rows: readonly (readonly string[])[], bom = true): string {
  return (bom ? '\ufeff' : '') + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const CSV_HEADER = [
  'id', 'title', 'description', 'kind', 'status', 'challengeId', 'challenge', 'author',
  'anonymous', 'sourceUrl', 'sourceTitle', 'sourceQuote', 'lang', 'createdAt', 'updatedAt',
] as const;

/** The inbox's ideas as CSV; anonymous ideas carry no author name. */
export function ideasToCsv(ideas: readonly StoredIdea[], challengeTitle: (id: string) => string | undefined): string {
  const rows = ideas.map(({ idea, authorName }) => [
    idea.id,
    idea.title,
    idea.description,
    idea.kind,
    idea.status,
    idea.challengeId ?? '',
    idea.challengeId ? (challengeTitle(idea.challengeId) ?? '') : '',
    idea.anonymous ? '' : authorName,
    idea.anonymous ? 'true' : 'false',
    idea.source?.url ?? '',
    idea.source?.title ?? '',
    idea.source?.quote ?? '',
    idea.lang,
    idea.createdAt,
    idea.updatedAt,
  ]);
  return toCsv([[...CSV_HEADER], ...rows]);
}
