/**
 * What both search engines share: the document indexed per recommendation, and how a reader's text
 * becomes words. Each engine (sqlite/search.ts: FTS5; postgres/search.ts: tsvector) turns these words
 * into its own query, so both find the same items for the same text.
 */

/** The document indexed for one recommendation, by field (weighted by each engine). */
export interface SearchDocument {
  id: number;
  title: string;
  text: string;
  names: string;
  context: string;
}

/**
 * Words dropped from a query when other words remain: a reader types "the mayor's promise on foot
 * pursuits", and requiring "the" and "on" would only lose results.
 */
const STOP_WORDS = new Set(
  'a an and are as at be by did does for from has have how in is it its of on or that the to was were what when which who why will with'.split(
    ' ',
  ),
);

/**
 * A reader's text as the words every match must contain, each word as its letter-and-digit parts
 * ("G03-07" is ["G03", "07"]: a phrase); undefined when it has no letter or digit. Nothing but letters
 * and digits survives, so no input can be read as either engine's query syntax.
 */
export function searchWords(q: string): string[][] | undefined {
  const words = q
    .normalize('NFKC')
    .split(/\s+/u)
    .map((w) => w.split(/[^\p{L}\p{N}]+/u).filter((part) => part !== ''))
    .filter((parts) => parts.length > 0);
  const meaningful = words.filter((parts) => !(parts.length === 1 && STOP_WORDS.has(parts[0].toLowerCase())));
  const kept = meaningful.length > 0 ? meaningful : words;
  return kept.length === 0 ? undefined : kept;
}
