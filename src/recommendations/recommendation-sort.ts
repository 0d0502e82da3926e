/** The orders of the recommendation list (API `sort`, the dashboard's table headers). */

/** The orders a list can have; `-` first is descending. */
export const RECOMMENDATION_SORTS = [
  'slug',
  'relevance',
  'status',
  '-status',
  'date',
  '-date',
  'deadline',
  '-deadline',
  'title',
  '-title',
] as const;
export type RecommendationSort = (typeof RECOMMENDATION_SORTS)[number];

/**
 * The list's order: `sort` when the query names one, else relevance when searching (`q`) and slug
 * otherwise; a common search (src/database/search-plan.ts) is not ranked, so it is in slug order too.
 */
export function listSort(query: { sort?: RecommendationSort; q?: string }, commonSearch = false): RecommendationSort {
  return query.sort ?? (query.q !== undefined && !commonSearch ? 'relevance' : 'slug');
}

/**
 * What a list cursor is bound to (its fingerprint, common/pagination/cursor.ts): every filter of the
 * validated query and the order, but not the page size or the cursor itself.
 */
export function cursorScope<Query extends { cursor?: string; limit?: number; sort?: RecommendationSort; q?: string }>(
  query: Query,
  commonSearch = false,
): Record<string, unknown> {
  const { cursor: _cursor, limit: _limit, sort: _sort, ...filters } = query;
  return { ...filters, sort: listSort(query, commonSearch) };
}
