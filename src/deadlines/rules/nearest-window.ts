/**
 * Which deadlines a capped calendar carries: the `cap` closing nearest to an instant, from both sides
 * of it, as one contiguous window of the (closes_at, id) order, so the rows can then be read in that
 * order a page at a time.
 */

/** A deadline's place in close order: its close instant (ISO) and id. */
export type CloseKey = [closesAt: string, id: number];

export interface Window {
  /** The first and last keys of the window in close order (both included). */
  first: CloseKey;
  last: CloseKey;
  count: number;
}

/**
 * The window of the `cap` deadlines nearest to `instant` (ms), given the keys closing at or after it
 * in ascending order and those closing before it in descending order (each at least `cap` long when
 * there are that many). Ties in distance go to the upcoming deadline. null when both are empty.
 */
export function nearestWindow(upcoming: CloseKey[], past: CloseKey[], instant: number, cap: number): Window | null {
  const distance = (k: CloseKey) => Math.abs(Date.parse(k[0]) - instant);
  let u = 0;
  let p = 0;
  while (u + p < cap && (u < upcoming.length || p < past.length)) {
    if (p >= past.length || (u < upcoming.length && distance(upcoming[u]) <= distance(past[p]))) u++;
    else p++;
  }
  if (u + p === 0) return null;
  return { first: p > 0 ? past[p - 1] : upcoming[0], last: u > 0 ? upcoming[u - 1] : past[0], count: u + p };
}
