// Whether the tracker's own headline status is out of date: not reviewed within STALE_AFTER_DAYS.

import { addDays, daysBetween, isIsoDate, localDateOf } from '../../common/time/local-date';

function assertStaleAfterDays(staleAfterDays: number): void {
  if (!Number.isInteger(staleAfterDays) || staleAfterDays < 0) {
    throw new RangeError(`staleAfterDays must be a non-negative integer: ${staleAfterDays}`);
  }
}

/**
 * Whether a headline status last reviewed on `statusAsOf` is stale at `now`: more than
 * `staleAfterDays` local calendar days old. Never assessed (null) is stale: readers should know
 * nobody has looked.
 */
export function isStale(statusAsOf: string | null, now: Date, staleAfterDays: number, timeZone: string): boolean {
  assertStaleAfterDays(staleAfterDays);
  if (statusAsOf === null) return true;
  if (!isIsoDate(statusAsOf)) throw new RangeError(`Invalid statusAsOf date: ${JSON.stringify(statusAsOf)}`);
  return daysBetween(statusAsOf, localDateOf(now, timeZone)) > staleAfterDays;
}

/**
 * The earliest review date that is still fresh at `now`: a non-null `statusAsOf` is stale exactly
 * when `statusAsOf < staleCutoff(...)`, so a query can filter with one string comparison (plus
 * `IS NULL` for never assessed).
 */
export function staleCutoff(now: Date, staleAfterDays: number, timeZone: string): string {
  assertStaleAfterDays(staleAfterDays);
  return addDays(localDateOf(now, timeZone), -staleAfterDays);
}
