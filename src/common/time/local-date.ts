// Calendar dates ("YYYY-MM-DD" strings) and their relation to instants in a named time zone.
// Every rule that says "as of a date" or "end of a day" goes through here, so that daylight saving
// time, skipped midnights and leap days are handled in exactly one place.

const MS_PER_DAY = 86_400_000;
const MS_PER_SECOND = 1_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in each month of a common year; February is corrected for leap years in {@link daysInMonth}. */
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * A per-zone Intl.DateTimeFormat with these options, built once per zone: building one is far
 * slower than using one, and startOfLocalDay calls it ~18 times per answer. Calendar and digits are
 * pinned so a host locale can never change the parts read back; V8's Gregorian calendar is
 * proleptic, which matches Date.UTC arithmetic for old dates.
 */
export function zoneFormatter(options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): (timeZone: string) => Intl.DateTimeFormat {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', { ...options, timeZone });
      formatters.set(timeZone, formatter);
    }
    return formatter;
  };
}

const formatterFor = zoneFormatter({
  era: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  }
}

function assertIsoDate(date: string, name = 'date'): void {
  if (!isIsoDate(date)) {
    throw new RangeError(`Invalid ${name} (expected a real YYYY-MM-DD date): ${JSON.stringify(date)}`);
  }
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid instant');
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1];
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Invalid date: ${JSON.stringify(date)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function dateToMs(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return utcMs(year, month, day);
}

function formatDate(year: number, month: number, day: number): string {
  if (year < 1 || year > 9999) {
    throw new RangeError(`Date outside the supported years 0001–9999 (year ${year})`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function msToDate(ms: number): string {
  const d = new Date(ms);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const eraYear = Number(parts.year);
  return {
    // Astronomical numbering (1 BC = year 0) keeps wall-clock arithmetic continuous across eras.
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - eraYear : eraYear,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallClockMs(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second);
}

/**
 * Whether `timeZone` names a time zone this runtime knows (an IANA name such as `America/Chicago`,
 * an alias such as `US/Central`, or `UTC`).
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  // Newer runtimes accept bare UTC offsets ("+05:30"); those are not zones and carry no DST rules.
  if (/^[+-]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `s` is a real calendar date written `YYYY-MM-DD` (years 0001–9999): `2024-02-29` is,
 * `2021-02-29` and `2021-4-01` are not.
 */
export function isIsoDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The calendar date `n` days after `date` (before it when `n` is negative).
 * @throws RangeError when `date` is not a real date or `n` is not an integer.
 */
export function addDays(date: string, n: number): string {
  assertIsoDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`Days must be an integer: ${n}`);
  return msToDate(dateToMs(date) + n * MS_PER_DAY);
}

/**
 * Calendar days from `from` to `to` (`to − from`): 1 from a date to the next, negative when `to` is
 * earlier. Calendar days are always whole, whatever the clocks did in between.
 */
export function daysBetween(from: string, to: string): number {
  assertIsoDate(from, 'from');
  assertIsoDate(to, 'to');
  // Both are UTC midnights, which are exactly 86 400 000 ms apart per day.
  return Math.round((dateToMs(to) - dateToMs(from)) / MS_PER_DAY);
}

/** The calendar date a wall calendar in `timeZone` shows at `instant`. */
export function localDateOf(instant: Date, timeZone: string): string {
  assertInstant(instant);
  const ms = instant.getTime();
  let dates = localDates.get(timeZone);
  const known = dates?.get(ms);
  if (known !== undefined) return known;
  assertTimeZone(timeZone);
  const w = wallClock(ms, timeZone);
  const date = formatDate(w.year, w.month, w.day);
  if (!dates) localDates.set(timeZone, (dates = new Map()));
  if (dates.size >= LOCAL_DATE_MEMO_LIMIT) dates.clear();
  dates.set(ms, date);
  return date;
}

// A page of deadlines asks about the same instants again and again (each deadline's close, "now"
// for every row), and formatToParts costs microseconds: remember the answers, bounded.
const LOCAL_DATE_MEMO_LIMIT = 10_000;
const localDates = new Map<string, Map<number, string>>();

/**
 * The first instant of `date` in `timeZone`: usually 00:00 local. Where the clocks skip midnight
 * (America/Santiago and America/Havana start DST at 00:00) it is the first instant that exists on
 * that date (01:00); where midnight happens twice it is the earlier one. A date a zone skipped
 * entirely (Pacific/Apia, 2011-12-30) starts when the next date starts.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  assertIsoDate(date);
  assertTimeZone(timeZone);
  const key = `${timeZone}|${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    // A whole list of deadlines asks about the same few dates; bound the memo so it cannot grow.
    if (dayStarts.size >= DAY_START_MEMO_LIMIT) dayStarts.clear();
    start = computeStartOfLocalDay(dateToMs(date), timeZone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

const DAY_START_MEMO_LIMIT = 10_000;
const dayStarts = new Map<string, number>();

function computeStartOfLocalDay(target: number, timeZone: string): number {
  // Fast path: shift by the zone's offset (taken twice, in case the first guess lands on the other
  // side of a transition) and accept the answer only if it provably starts the day.
  const firstGuess = target - (wallClockMs(target, timeZone) - target);
  const guess = target - (wallClockMs(firstGuess, timeZone) - firstGuess);
  if (wallClockMs(guess, timeZone) === target && wallClockMs(guess - MS_PER_SECOND, timeZone) < target) {
    return guess;
  }
  return firstSecondAtOrAfter(target, timeZone);
}

/**
 * The first whole second whose wall clock in `timeZone` reads `target` or later. A bisection is
 * immune to the guesswork of offset arithmetic around transitions; every real offset is well under
 * 26 h, so the bracket holds the answer, and zone transitions fall on whole seconds.
 */
function firstSecondAtOrAfter(target: number, timeZone: string): number {
  let lo = (target - 26 * 3_600_000) / MS_PER_SECOND; // wall clock still before target
  let hi = (target + 26 * 3_600_000) / MS_PER_SECOND; // wall clock already at or after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClockMs(mid * MS_PER_SECOND, timeZone) >= target) hi = mid;
    else lo = mid;
  }
  return hi * MS_PER_SECOND;
}

/**
 * The instant at which to evaluate "as of" questions. With `asOf`, the end of that local day
 * (the start of the next), so that everything that happened on `asOf` counts; without it, `now`.
 */
export function asOfInstant(asOf: string | undefined, now: Date, timeZone: string): Date {
  if (asOf === undefined) {
    assertInstant(now);
    return now;
  }
  assertIsoDate(asOf, 'asOf');
  return startOfLocalDay(addDays(asOf, 1), timeZone);
}
