// When a deadline closes and what its state is at a given moment: overdue, days late, days
// remaining, met late. Pure rules; the service and the repository only feed them stored fields.

import { addDays, asOfInstant, daysBetween, isIsoDate, localDateOf, startOfLocalDay } from '../../common/time/local-date';

export const DEADLINE_PRECISIONS = ['day', 'month', 'quarter', 'year'] as const;
export type DeadlinePrecision = (typeof DEADLINE_PRECISIONS)[number];

/**
 * - `open`: not settled; overdue once past its close.
 * - `met` (on time or late, by `metOn`), `partly_met` (some of what was promised was done by the
 *   close; the note says what), `missed` (optionally done later anyway, on `fulfilledOn`),
 *   `extended` (replaced by another deadline), `withdrawn`.
 * - `unknown`: the close has passed and nobody has established the outcome. Never overdue, never
 *   counted late: not knowing is not a finding that it was missed.
 */
export const DEADLINE_STATES = ['open', 'met', 'partly_met', 'missed', 'extended', 'withdrawn', 'unknown'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** States whose date of fulfilment is `metOn`. */
export const MET_STATES: readonly DeadlineState[] = ['met', 'partly_met'];

/** A `due` value understood as the period of calendar days it names. */
export interface DuePeriod {
  precision: DeadlinePrecision;
  /** First calendar day of the period. */
  firstDay: string;
  /** Last calendar day of the period: the promise is kept if done on or before it. */
  lastDay: string;
}

/** What a deadline looks like at one evaluation instant. */
export interface DeadlineAssessment {
  state: DeadlineState;
  overdue: boolean;
  daysLate: number | null;
  daysRemaining: number | null;
  metLate: boolean | null;
  /** For a missed deadline done later anyway: the date it was done (as of the evaluation date). */
  fulfilledOn: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

function lastDayOfMonth(year: string, month: number): string {
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  return ['31', '30', '29', '28'].map((day) => prefix + day).find(isIsoDate) ?? `${prefix}28`;
}

function period(precision: DeadlinePrecision, firstDay: string, lastDay: string): DuePeriod | null {
  // A period must end before the last representable day, so that its close (the next day) exists.
  return isIsoDate(firstDay) && isIsoDate(lastDay) && lastDay < '9999-12-31' ? { precision, firstDay, lastDay } : null;
}

/**
 * Reads a deadline's `due` value: `YYYY-MM-DD` (day), `YYYY-MM` (month), `YYYY-Qn` (quarter, n 1–4)
 * or `YYYY` (year), and returns the calendar days it covers; null when malformed or not a real date.
 */
export function parseDue(due: string): DuePeriod | null {
  if (typeof due !== 'string') return null;
  if (DAY.test(due)) return period('day', due, due);
  let m = MONTH.exec(due);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return period('month', `${m[1]}-${m[2]}-01`, lastDayOfMonth(m[1], month));
  }
  m = QUARTER.exec(due);
  if (m) {
    const quarter = Number(m[2]);
    const firstMonth = (quarter - 1) * 3 + 1;
    const first = `${m[1]}-${String(firstMonth).padStart(2, '0')}-01`;
    return period('quarter', first, lastDayOfMonth(m[1], firstMonth + 2));
  }
  m = YEAR.exec(due);
  if (m) return period('year', `${m[1]}-01-01`, `${m[1]}-12-31`);
  return null;
}

/**
 * The instant a deadline closes: the end of the last day of its period in `timeZone`, which is the
 * start of the next local day ("May 2021" in Chicago closes 2021-06-01T05:00Z).
 * @throws RangeError when `due` is malformed or written for a different precision, or the zone is
 * unknown.
 */
export function closesAt(due: string, precision: DeadlinePrecision, timeZone: string): Date {
  const parsed = parseDue(due);
  if (!parsed) throw new RangeError(`Invalid due value: ${JSON.stringify(due)}`);
  if (parsed.precision !== precision) {
    throw new RangeError(`Due value ${JSON.stringify(due)} is a ${parsed.precision}, not a ${precision}`);
  }
  return startOfLocalDay(addDays(parsed.lastDay, 1), timeZone);
}

/**
 * The state a deadline had on `asOf`. Without `asOf`, the stored state. With it, a deadline settled
 * after `asOf` was still open then. The settling date is `settledOn`, or for a met deadline `metOn`
 * when `settledOn` is missing; with neither, nothing says when it settled, so the stored state
 * stands rather than inventing an "open" past.
 */
export function deadlineStateAsOf(
  d: { state: DeadlineState; settledOn: string | null; metOn: string | null },
  asOf: string | undefined,
): DeadlineState {
  if (asOf === undefined || d.state === 'open') return d.state;
  if (!isIsoDate(asOf)) throw new RangeError(`Invalid asOf date: ${JSON.stringify(asOf)}`);
  const settledOn = d.settledOn ?? (MET_STATES.includes(d.state) ? d.metOn : null);
  return settledOn !== null && settledOn > asOf ? 'open' : d.state;
}

/** The last calendar day of a `due` value's period, or null when it is malformed. */
export function lastDayOf(due: string): string | null {
  return parseDue(due)?.lastDay ?? null;
}

/**
 * Evaluates a deadline at `now`, or at the end of local day `asOf` when given.
 *
 * - `overdue`: open and strictly past the close (at the close instant itself it is not yet).
 * - `daysLate`: whole local days from the close to the evaluation instant, for an overdue or
 *   missed deadline (0 during the first day after the period). For one met late it counts the day
 *   it was met as a whole day, as `asOf` does: met on the first day after the period is 1 day late.
 * - `daysRemaining`: local days from the evaluation instant to the close, for an open deadline not
 *   yet closed. The close is a local midnight, so on the last day of the period it is 1, and 0 only
 *   at the close instant (which is what `asOf` = last day evaluates to).
 * - `metLate`: for a met (or partly met) deadline with a known `metOn`, whether it was met after
 *   the last day of the period.
 * - A missed deadline with `fulfilledOn` on or before the evaluation date was done late anyway:
 *   `daysLate` is then fixed (counted as for a late `metOn`) and stops growing.
 * - `unknown` is never overdue and has no day counts; before its close it is simply open.
 */
export function assessDeadline(
  d: { closesAt: Date; state: DeadlineState; metOn: string | null; settledOn: string | null; fulfilledOn?: string | null },
  at: { now: Date; asOf?: string; timeZone: string },
): DeadlineAssessment {
  const instant = asOfInstant(at.asOf, at.now, at.timeZone);
  let state = deadlineStateAsOf(d, at.asOf);
  // An outcome nobody established is still just open before the close: it only becomes "not
  // known" once the close has passed.
  if (state === 'unknown' && instant.getTime() <= d.closesAt.getTime()) state = 'open';
  // The close is a local midnight, so its local date is the first day after the period.
  const closeDate = localDateOf(d.closesAt, at.timeZone);
  const instantDate = localDateOf(instant, at.timeZone);
  const result: DeadlineAssessment = {
    state,
    overdue: false,
    daysLate: null,
    daysRemaining: null,
    metLate: null,
    fulfilledOn: null,
  };

  switch (state) {
    case 'open':
      if (instant.getTime() > d.closesAt.getTime()) {
        result.overdue = true;
        result.daysLate = Math.max(0, daysBetween(closeDate, instantDate));
      } else {
        result.daysRemaining = Math.max(0, daysBetween(instantDate, closeDate));
      }
      break;
    case 'missed':
      if (d.fulfilledOn && d.fulfilledOn <= instantDate) {
        // Done later anyway: late by a fixed number of days, counted as a late met date is.
        result.fulfilledOn = d.fulfilledOn;
        result.daysLate = Math.max(0, daysBetween(closeDate, d.fulfilledOn) + 1);
      } else {
        // A deadline can be marked missed before the evaluation instant reaches the close (asOf
        // earlier than the close, or a premature editor call); it is then late by nothing yet.
        result.daysLate = Math.max(0, daysBetween(closeDate, instantDate));
      }
      break;
    case 'met':
    case 'partly_met':
      if (d.metOn !== null) {
        result.metLate = d.metOn >= closeDate;
        if (result.metLate) result.daysLate = daysBetween(closeDate, d.metOn) + 1;
      }
      break;
    case 'extended':
    case 'withdrawn':
    case 'unknown':
      break;
  }
  return result;
}
