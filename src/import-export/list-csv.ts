// The recommendation list as readers see it, as CSV for a spreadsheet: what each item is, its headline
// status and since when, who says so, its next deadline and how it stands, whether it is overdue or
// stale, and a link to its page. This is not the import format (GET /api/v1/export/recommendations.csv),
// which editors round-trip losslessly; this one is for reading, so cells a spreadsheet would run as a
// formula are neutralised.

import type { RecommendationListItem } from '../recommendations/dto/recommendation.response';

/** The columns, in order; the header row uses these names. */
export const LIST_CSV_COLUMNS = [
  'slug',
  'title',
  'kind',
  'status',
  'statusSince',
  'statusAssessor',
  'nextDeadline',
  'nextDeadlineDue',
  'nextDeadlineState',
  'daysLate',
  'overdue',
  'stale',
  'reviewedOn',
  'responsible',
  'source',
  'topics',
  'url',
] as const;

export type ListCsvColumn = (typeof LIST_CSV_COLUMNS)[number];

/**
 * A cell a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return)
 * gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text and never run it
 * (the OWASP advice for CSV injection). Every other cell is left as it is.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export interface ListCsvContext {
  /** The public base URL, without a trailing slash. */
  baseUrl: string;
  /** Who the headline status is by (the tracker's editors), as a name. */
  headlineAssessor: string;
  /** The view's date and record instant, carried into each item link so it opens the same view. */
  asOf?: string;
  knownAt?: string;
}

/** One list item as a CSV row, in LIST_CSV_COLUMNS order, formulas neutralised. */
export function toListCsvRow(item: RecommendationListItem, context: ListCsvContext): string[] {
  const next = item.nextDeadline;
  const query = new URLSearchParams();
  if (context.asOf) query.set('asOf', context.asOf);
  if (context.knownAt) query.set('knownAt', context.knownAt);
  const qs = query.toString();
  const values: Record<ListCsvColumn, string | number | boolean | null> = {
    slug: item.slug,
    title: item.title,
    kind: item.kind,
    status: item.status,
    statusSince: item.statusAsOf,
    // An item never assessed has no headline entry: nobody says "not assessed".
    statusAssessor: item.statusAsOf === null ? null : context.headlineAssessor,
    nextDeadline: next?.label ?? null,
    nextDeadlineDue: next?.due ?? null,
    nextDeadlineState: next?.state ?? null,
    daysLate: next?.daysLate ?? null,
    overdue: item.overdue,
    stale: item.stale,
    reviewedOn: item.reviewedOn,
    responsible: item.responsible?.title ?? null,
    source: item.source.title,
    topics: item.topics.join(';'),
    url: `${context.baseUrl}/recommendations/${encodeURIComponent(item.slug)}${qs ? `?${qs}` : ''}`,
  };
  return LIST_CSV_COLUMNS.map((column) => {
    const value = values[column];
    return value === null || value === undefined ? '' : neutraliseFormula(String(value));
  });
}
