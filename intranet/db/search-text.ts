/**
 * The inbox's text search, in one place: how text is folded for comparison, and the derived column
 * `ideas.search_text` that the search reads in SQL (docs/adr/033-inbox-paging-in-sql.md). SQLite's
 * `lower()` and `LIKE` fold only ASCII letters, not å, ä and ö, so the folding happens here, in
 * JavaScript, once when an idea is written, and once for the needle of each search.
 */

/**
 * Text as compared by the inbox's search: composed (NFC), lower case by Swedish rules. Used for the
 * stored column and for the needle alike; a change here means a migration that recomputes
 * `search_text` for every idea (stored values would otherwise be folded the old way).
 */
export const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase('sv-SE');

/**
 * Between the folded title and the folded description in `search_text`: U+001F, a control character
 * that the idea schema refuses in both (`isCleanText`), so no title or description holds it. A needle
 * that holds it could only match across the two fields, which the search must not do ("a\nb" must not
 * find a title ending in "a" above a description starting with "b"; a new line can be in either).
 */
export const SEARCH_SEPARATOR = '\u001f';

/** The value of `ideas.search_text` for an idea: when one is inserted, and in the migration that added it. */
export const searchTextOf = (title: string, description: string): string =>
  `${fold(title)}${SEARCH_SEPARATOR}${fold(description)}`;

/**
 * The folded needle of a search, or `undefined` when it can match no idea (it holds the separator,
 * so a match would cross from the title into the description).
 */
export function searchNeedle(text: string): string | undefined {
  const needle = fold(text);
  return needle.includes(SEARCH_SEPARATOR) ? undefined : needle;
}
