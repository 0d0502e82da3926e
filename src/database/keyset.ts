/** The SQL of keyset pages: "after the last row's key", for lists ordered by (one column, then slug). */
import type { PageWindow } from '../common/pagination/keyset-page';

/**
 * The condition and parameters that keep the rows after `window.after` (a [value, slug] key), for
 * a list ordered by `column` (never NULL: COALESCE it) ascending or descending, then by `slug`;
 * `TRUE` on the first page.
 */
export function afterKey(window: PageWindow | undefined, column: string, slug: string, descending = false) {
  if (!window?.after) return { sql: '1 = 1', params: [] as unknown[] };
  const [value, last] = window.after;
  return {
    sql: `(${column} ${descending ? '<' : '>'} ? OR (${column} = ? AND ${slug} > ?))`,
    params: [value, value, last] as unknown[],
  };
}

/** `LIMIT ?` and its parameter: the window's size, or no limit without a window. */
export function windowLimit(window: PageWindow | undefined) {
  return window ? { sql: 'LIMIT ?', params: [window.take] as unknown[] } : { sql: '', params: [] as unknown[] };
}
