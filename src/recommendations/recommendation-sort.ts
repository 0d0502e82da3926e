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
