/**
 * CSV export of the inbox: RFC 4180 (every field quoted, quotes doubled, CRLF line ends), UTF-8
 * with a byte-order mark so spreadsheet programs read å, ä and ö. Safe against formula injection
 * (OWASP): a cell that a spreadsheet would read as a formula gets a leading apostrophe.
 */
import type { IdeaKind, IdeaStatus, Lang } from '../../shared/domain/idea';
import { en as commonEn, sv as commonSv } from '../../shared/i18n/messages/common';
import type { StoredIdea } from '../db/ideas-repo';
import type { PageLang } from '../pages/lang';
import { pageMessages } from '../pages/messages';

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

/**
 * Rows of fields → CSV text with CRLF line ends (and a BOM when `bom`). `separator` `;` is what
 * Excel expects with Swedish regional settings, where `,` is the decimal comma.
 */
export function toCsv(rows: readonly (readonly string[])[], bom = true, separator: ',' | ';' = ','): string {
  return (bom ? '\ufeff' : '') + rows.map((row) => row.map(csvField).join(separator)).join('\r\n') + '\r\n';
}

export const CSV_HEADER = [
  'id', 'title', 'description', 'kind', 'status', 'challengeId', 'challenge', 'author',
  'anonymous', 'sourceUrl', 'sourceTitle', 'sourceQuote', 'lang', 'createdAt', 'updatedAt',
] as const;

/**
 * For people rather than programs (`?for=excel`): `;`-separated, with column names, kinds and
 * statuses in the page's language, and times in the intranet's time zone in a form a spreadsheet
 * reads as a date (the plain export keeps ISO 8601 in UTC, for programs). Same columns otherwise.
 */
export interface SpreadsheetLabels {
  header: Record<(typeof CSV_HEADER)[number], string>;
  kind: Record<IdeaKind, string>;
  status: Record<IdeaStatus, string>;
  lang: Record<Lang, string>;
  yes: string;
  no: string;
}

/** The labels of `?for=excel` in the page's language. */
export function spreadsheetLabels(lang: PageLang): SpreadsheetLabels {
  const t = pageMessages(lang).inbox;
  const common = lang === 'en' ? commonEn : commonSv;
  return { header: t.csvColumns, kind: common.kind, status: common.status, lang: t.languages, yes: t.yes, no: t.no };
}

const LOCAL_TIME = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' });

/** A stored ISO time as a spreadsheet's cell: the intranet's local time (Stockholm), in a form read as a date ("2026-11-29 18:54"). */
export function spreadsheetTime(iso: string): string {
  return LOCAL_TIME.format(new Date(iso));
}

/** `;` for Excel with Swedish settings (`labels`), else `,`. */
export const csvSeparator = (labels?: SpreadsheetLabels): ',' | ';' => (labels ? ';' : ',');

/** The header row: English column ids, or with `labels` the column names in the page's language. */
export function csvHeader(labels?: SpreadsheetLabels): string[] {
  return labels ? CSV_HEADER.map((k) => labels.header[k]) : [...CSV_HEADER];
}

/** One idea's row; an anonymous idea carries no author name. Codes, or with `labels` names and local times. */
export function ideaCells({ idea, authorName }: StoredIdea, challengeTitle: (id: string) => string | undefined, labels?: SpreadsheetLabels): string[] {
  return [
    idea.id,
    idea.title,
    idea.description,
    labels ? labels.kind[idea.kind] : idea.kind,
    labels ? labels.status[idea.status] : idea.status,
    idea.challengeId ?? '',
    idea.challengeId ? (challengeTitle(idea.challengeId) ?? '') : '',
    idea.anonymous ? '' : authorName,
    labels ? (idea.anonymous ? labels.yes : labels.no) : String(idea.anonymous),
    idea.source?.url ?? '',
    idea.source?.title ?? '',
    idea.source?.quote ?? '',
    labels ? labels.lang[idea.lang] : idea.lang,
    labels ? spreadsheetTime(idea.createdAt) : idea.createdAt,
    labels ? spreadsheetTime(idea.updatedAt) : idea.updatedAt,
  ];
}

/**
 * The inbox's ideas as one CSV string, BOM and header included. The route streams instead (`csv-stream.ts`), a chunk
 * of rows at a time; this whole-file form is what its tests compare the stream with, byte for byte.
 */
export function ideasToCsv(ideas: readonly StoredIdea[], challengeTitle: (id: string) => string | undefined, labels?: SpreadsheetLabels): string {
  const rows = ideas.map((stored) => ideaCells(stored, challengeTitle, labels));
  return toCsv([csvHeader(labels), ...rows], true, csvSeparator(labels));
}
