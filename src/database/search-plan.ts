/**
 * How a search is run, decided by how common its words are. Relevance order (bm25 on SQLite,
 * ts_rank on PostgreSQL) has to score every match before it can return the first page, so its cost
 * grows with the number of matches: for words that most items contain ("foot pursuit" in the
 * generated 1,000,000-item database), that is the whole table. Such a search is *common*: it walks
 * the list in its order (by slug unless `sort` says otherwise) and tests each item's document, so a
 * page costs about (page size ÷ share of items matching) tests whatever the table's size. A rarer
 * search reads every match from the full-text index, which is then cheap, and ranks them.
 *
 * The share is estimated from the newest SEARCH_SAMPLE items (by id): exact when there are no more
 * items than that. The same rule runs on both engines, each counting its own matches.
 */

/** How many of the newest items (by id) the estimate tests. */
export const SEARCH_SAMPLE = 2000;

/** A search is common when at least this share of the items match it (and enough of them, below). */
export const COMMON_SHARE = 1 / 20;

/** What the estimate saw: `matched` of the `sampled` newest items match, of about `total` items. */
export interface SearchEstimate {
  sampled: number;
  matched: number;
  /** The highest item id: the number of items, or a little more after deletions. */
  total: number;
}

/** About how many items match: the sample's share of the whole; exact when the sample is every item. */
export function estimatedMatches(e: SearchEstimate): number {
  if (e.sampled === 0) return 0;
  if (e.sampled >= e.total) return e.matched;
  return Math.round((e.matched / e.sampled) * e.total);
}

/** Whether the estimate counted every item (so `estimatedMatches` is a count, not an estimate). */
export function isExactEstimate(e: SearchEstimate): boolean {
  return e.sampled >= e.total;
}

/**
 * Whether a search is common: at least COMMON_SHARE of the items match it, and at least `minMatches`
 * of them (SEARCH_COMMON_MATCHES): below that, ranking every match is cheap enough.
 */
export function isCommonSearch(e: SearchEstimate, minMatches: number): boolean {
  return e.sampled > 0 && e.matched / e.sampled >= COMMON_SHARE && estimatedMatches(e) >= minMatches;
}

/**
 * Whether a filter that `matched` of `total` items pass is common the same way (at least COMMON_SHARE
 * of them, and at least `minMatches`): then walking the list in its order and testing each item costs
 * about page size ÷ share, less than gathering every match.
 */
export function isCommonShare(share: { matched: number; total: number }, minMatches: number): boolean {
  return share.total > 0 && share.matched / share.total >= COMMON_SHARE && share.matched >= minMatches;
}

/** SQL with its `?` values, in order. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** A reader's text as each engine's SQL (sqlite/search.ts, postgres/search.ts). */
export interface SearchQuery {
  /** A sub-query of every matching recommendation as rows (id, score), a lower score ranking higher. */
  ranked: SqlPart;
  /** A condition: the recommendation `r` matches (tested item by item when the search is common). */
  test: SqlPart;
  /** A query of one row, `n`: how many recommendations with an id above `id` match (the estimate's sample). */
  countAbove(id: number): SqlPart;
}
