import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { addDays, asOfInstant, daysBetween, isIsoDate, isValidTimeZone, localDateOf, startOfLocalDay } from './local-date';

const ZONES = [
  'America/Chicago',
  'Europe/London',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'America/Santiago',
  'America/Havana',
  'UTC',
] as const;

const iso = (s: string) => new Date(s);

/** Arbitrary real dates, 1900–2100, as YYYY-MM-DD. */
const arbDate = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const arbZone = fc.constantFrom(...ZONES);

describe('isValidTimeZone', () => {
  it.each(['America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Santiago', 'UTC', 'US/Central'])(
    'accepts %s',
    (tz) => expect(isValidTimeZone(tz)).toBe(true),
  );

  it.each(['', ' ', 'garbage', 'America/Gotham', 'Mars/Olympus_Mons', '+05:30', '-06:00', 'America/Chicago '])(
    'rejects %j',
    (tz) => expect(isValidTimeZone(tz)).toBe(false),
  );

  it('rejects non-strings from untyped callers', () => {
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(42 as unknown as string)).toBe(false);
  });
});

describe('isIsoDate', () => {
  it.each(['2021-05-31', '2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31', '2021-04-30'])('accepts %s', (s) =>
    expect(isIsoDate(s)).toBe(true),
  );

  it.each([
    '2021-02-29', // not a leap year
    '2100-02-29', // divisible by 100, not by 400
    '1900-02-29',
    '2021-04-31',
    '2021-13-01',
    '2021-00-10',
    '2021-01-00',
    '2021-01-32',
    '0000-01-01',
    '2021-5-31',
    '21-05-31',
    '2021-05-31T00:00:00Z',
    ' 2021-05-31',
    '2021/05/31',
    '2021-05',
    '',
  ])('rejects %j', (s) => expect(isIsoDate(s)).toBe(false));

  it('agrees with the calendar for every generated date', () => {
    fc.assert(fc.property(arbDate, (d) => isIsoDate(d)));
  });
});

describe('addDays', () => {
  it.each([
    ['2021-05-31', 1, '2021-06-01'],
    ['2021-12-31', 1, '2022-01-01'],
    ['2022-01-01', -1, '2021-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2021-02-28', 1, '2021-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2024-02-29', 365, '2025-02-28'],
    ['2024-02-29', 366, '2025-03-01'],
    ['2021-03-13', 1, '2021-03-14'], // across US DST start: still one calendar day
    ['2021-11-06', 2, '2021-11-08'],
    ['2021-05-31', 0, '2021-05-31'],
    ['0001-01-02', -1, '0001-01-01'],
  ])('%s + %d = %s', (date, n, expected) => expect(addDays(date, n)).toBe(expected));

  it('throws on invalid input and at the edges of the supported years', () => {
    expect(() => addDays('2021-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2021-05-31', 1.5)).toThrow(RangeError);
    expect(() => addDays('2021-05-31', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });

  it('is undone by the opposite shift and composes', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -5000, max: 5000 }), (d, a, b) => {
        expect(addDays(addDays(d, a), -a)).toBe(d);
        expect(addDays(addDays(d, a), b)).toBe(addDays(d, a + b));
        expect(isIsoDate(addDays(d, a))).toBe(true);
      }),
    );
  });
});

describe('daysBetween', () => {
  it.each([
    ['2021-05-31', '2021-06-01', 1],
    ['2021-06-01', '2021-05-31', -1],
    ['2021-05-31', '2021-05-31', 0],
    ['2024-01-01', '2025-01-01', 366],
    ['2021-01-01', '2022-01-01', 365],
    ['2100-01-01', '2101-01-01', 365],
    ['2000-01-01', '2001-01-01', 366],
    ['2021-03-13', '2021-03-15', 2], // a 23-hour day still counts as one
    ['2021-11-06', '2021-11-08', 2], // and a 25-hour one
    ['2021-09-03', '2022-06-21', 291],
  ])('%s → %s is %d', (from, to, expected) => expect(daysBetween(from, to)).toBe(expected));

  it('throws on an invalid date', () => {
    expect(() => daysBetween('2021-02-29', '2021-03-01')).toThrow(RangeError);
    expect(() => daysBetween('2021-03-01', 'tomorrow')).toThrow(RangeError);
  });

  it('is the inverse of addDays and antisymmetric', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -20000, max: 20000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
        expect(daysBetween(addDays(d, n), d)).toBe(0 - n);
      }),
    );
  });

  it('orders like string comparison of the dates', () => {
    fc.assert(fc.property(arbDate, arbDate, (a, b) => expect(Math.sign(daysBetween(a, b))).toBe(a < b ? 1 : a > b ? -1 : 0)));
  });
});

describe('localDateOf', () => {
  it.each([
    ['2021-06-01T04:59:59.999Z', 'America/Chicago', '2021-05-31'],
    ['2021-06-01T05:00:00.000Z', 'America/Chicago', '2021-06-01'],
    ['2021-01-01T05:59:59.999Z', 'America/Chicago', '2020-12-31'], // CST in winter
    ['2021-01-01T06:00:00.000Z', 'America/Chicago', '2021-01-01'],
    ['2021-06-30T23:30:00.000Z', 'Europe/London', '2021-07-01'], // BST
    ['2021-12-31T23:30:00.000Z', 'Europe/London', '2021-12-31'], // GMT
    ['2021-05-31T18:29:59.999Z', 'Asia/Kolkata', '2021-05-31'],
    ['2021-05-31T18:30:00.000Z', 'Asia/Kolkata', '2021-06-01'],
    ['2021-12-31T10:59:59.999Z', 'Pacific/Auckland', '2021-12-31'], // NZDT, +13
    ['2021-12-31T11:00:00.000Z', 'Pacific/Auckland', '2022-01-01'],
    ['2021-06-30T12:00:00.000Z', 'Pacific/Auckland', '2021-07-01'], // NZST, +12
    ['2024-02-29T05:59:59.000Z', 'America/Chicago', '2024-02-28'],
    ['2024-02-29T06:00:00.000Z', 'America/Chicago', '2024-02-29'],
    ['2000-02-29T12:00:00.000Z', 'UTC', '2000-02-29'],
  ])('%s in %s is %s', (instant, tz, expected) => expect(localDateOf(iso(instant), tz)).toBe(expected));

  it('throws on an invalid instant or zone', () => {
    expect(() => localDateOf(new Date(Number.NaN), 'America/Chicago')).toThrow(RangeError);
    expect(() => localDateOf(new Date(), 'Nowhere/Special')).toThrow(RangeError);
    expect(() => localDateOf(new Date(), '')).toThrow(RangeError);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    // Ordinary days.
    ['2021-06-01', 'America/Chicago', '2021-06-01T05:00:00.000Z'],
    ['2021-01-01', 'America/Chicago', '2021-01-01T06:00:00.000Z'],
    ['2021-06-01', 'Europe/London', '2021-05-31T23:00:00.000Z'],
    ['2021-01-01', 'Europe/London', '2021-01-01T00:00:00.000Z'],
    ['2021-06-01', 'Asia/Kolkata', '2021-05-31T18:30:00.000Z'],
    ['2021-01-01', 'Asia/Kolkata', '2020-12-31T18:30:00.000Z'],
    ['2022-01-01', 'Pacific/Auckland', '2021-12-31T11:00:00.000Z'],
    ['2021-07-01', 'Pacific/Auckland', '2021-06-30T12:00:00.000Z'],
    ['2024-02-29', 'America/Chicago', '2024-02-29T06:00:00.000Z'],
    // DST days whose midnight exists: the change happens later in the night.
    ['2021-03-14', 'America/Chicago', '2021-03-14T06:00:00.000Z'], // 23-hour day
    ['2021-03-15', 'America/Chicago', '2021-03-15T05:00:00.000Z'],
    ['2021-11-07', 'America/Chicago', '2021-11-07T05:00:00.000Z'], // 25-hour day
    ['2021-11-08', 'America/Chicago', '2021-11-08T06:00:00.000Z'],
    ['2021-03-28', 'Europe/London', '2021-03-28T00:00:00.000Z'],
    ['2021-03-29', 'Europe/London', '2021-03-28T23:00:00.000Z'],
    ['2021-10-31', 'Europe/London', '2021-10-30T23:00:00.000Z'],
    ['2021-11-01', 'Europe/London', '2021-11-01T00:00:00.000Z'],
    ['2021-09-26', 'Pacific/Auckland', '2021-09-25T12:00:00.000Z'], // NZ spring forward, +12 at midnight
    ['2021-09-27', 'Pacific/Auckland', '2021-09-26T11:00:00.000Z'],
    ['2021-04-04', 'Pacific/Auckland', '2021-04-03T11:00:00.000Z'], // NZ fall back, +13 at midnight
    ['2021-04-05', 'Pacific/Auckland', '2021-04-04T12:00:00.000Z'],
    // Midnight skipped: Santiago and Havana spring forward at 00:00, so the day starts at 01:00.
    ['2022-09-11', 'America/Santiago', '2022-09-11T04:00:00.000Z'],
    ['2022-09-10', 'America/Santiago', '2022-09-10T04:00:00.000Z'],
    ['2022-09-12', 'America/Santiago', '2022-09-12T03:00:00.000Z'],
    ['2021-09-05', 'America/Santiago', '2021-09-05T04:00:00.000Z'],
    ['2021-03-14', 'America/Havana', '2021-03-14T05:00:00.000Z'],
    ['2021-03-15', 'America/Havana', '2021-03-15T04:00:00.000Z'],
    // Santiago falls back at 24:00 to 23:00: the Saturday is 25 h, Sunday starts after the repeat.
    ['2022-04-02', 'America/Santiago', '2022-04-02T03:00:00.000Z'],
    ['2022-04-03', 'America/Santiago', '2022-04-03T04:00:00.000Z'],
    // Havana falls back at 01:00 to 00:00: midnight happens twice; the day starts at the first.
    ['2021-11-07', 'America/Havana', '2021-11-07T04:00:00.000Z'],
    ['2021-11-08', 'America/Havana', '2021-11-08T05:00:00.000Z'],
  ])('%s in %s starts at %s', (date, tz, expected) => expect(startOfLocalDay(date, tz).toISOString()).toBe(expected));

  it('starts a day the zone skipped entirely when the next day starts (Samoa, 2011-12-30)', () => {
    expect(startOfLocalDay('2011-12-30', 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(startOfLocalDay('2011-12-31', 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(startOfLocalDay('2011-12-29', 'Pacific/Apia').toISOString()).toBe('2011-12-29T10:00:00.000Z');
  });

  it('gives day lengths of 23, 24 and 25 hours around DST changes', () => {
    const hours = (date: string, tz: string) =>
      (startOfLocalDay(addDays(date, 1), tz).getTime() - startOfLocalDay(date, tz).getTime()) / 3_600_000;
    expect(hours('2021-03-14', 'America/Chicago')).toBe(23);
    expect(hours('2021-03-13', 'America/Chicago')).toBe(24);
    expect(hours('2021-11-07', 'America/Chicago')).toBe(25);
    expect(hours('2022-09-11', 'America/Santiago')).toBe(23);
    expect(hours('2022-04-02', 'America/Santiago')).toBe(25);
    expect(hours('2021-03-14', 'America/Havana')).toBe(23);
    expect(hours('2021-11-07', 'America/Havana')).toBe(25);
    expect(hours('2021-09-26', 'Pacific/Auckland')).toBe(23);
    expect(hours('2021-04-04', 'Pacific/Auckland')).toBe(25);
    expect(hours('2021-03-14', 'Asia/Kolkata')).toBe(24);
  });

  it('returns a fresh Date each time, so callers cannot corrupt the memo', () => {
    const first = startOfLocalDay('2021-06-01', 'America/Chicago');
    first.setTime(0);
    expect(startOfLocalDay('2021-06-01', 'America/Chicago').toISOString()).toBe('2021-06-01T05:00:00.000Z');
  });

  it('throws on an invalid date or zone', () => {
    expect(() => startOfLocalDay('2021-02-29', 'America/Chicago')).toThrow(RangeError);
    expect(() => startOfLocalDay('2021-06-01', 'Nowhere/Special')).toThrow(RangeError);
  });

  it('is the first instant of that local date, in every zone', () => {
    fc.assert(
      fc.property(arbDate, arbZone, (d, tz) => {
        const start = startOfLocalDay(d, tz);
        expect(localDateOf(start, tz)).toBe(d);
        expect(localDateOf(new Date(start.getTime() - 1), tz) < d).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('contains every instant of the day: the local date of t lies between the starts around it', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        arbZone,
        (t, tz) => {
          const d = localDateOf(t, tz);
          expect(startOfLocalDay(d, tz).getTime()).toBeLessThanOrEqual(t.getTime());
          expect(startOfLocalDay(addDays(d, 1), tz).getTime()).toBeGreaterThan(t.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('asOfInstant', () => {
  const now = iso('2021-07-04T17:00:00Z');

  it('is now without asOf', () => {
    expect(asOfInstant(undefined, now, 'America/Chicago')).toBe(now);
  });

  it.each([
    ['2021-05-31', 'America/Chicago', '2021-06-01T05:00:00.000Z'],
    ['2021-12-31', 'America/Chicago', '2022-01-01T06:00:00.000Z'],
    ['2021-03-13', 'America/Chicago', '2021-03-14T06:00:00.000Z'],
    ['2021-03-14', 'America/Chicago', '2021-03-15T05:00:00.000Z'],
    ['2024-02-28', 'Asia/Kolkata', '2024-02-28T18:30:00.000Z'],
    ['2022-09-10', 'America/Santiago', '2022-09-11T04:00:00.000Z'],
  ])('with asOf %s in %s is the end of that day, %s', (asOf, tz, expected) =>
    expect(asOfInstant(asOf, now, tz).toISOString()).toBe(expected),
  );

  it('ignores now when asOf is given, even if asOf is in the future', () => {
    expect(asOfInstant('2030-01-01', now, 'UTC').toISOString()).toBe('2030-01-02T00:00:00.000Z');
  });

  it('throws on an invalid asOf', () => {
    expect(() => asOfInstant('2021-02-29', now, 'America/Chicago')).toThrow(RangeError);
    expect(() => asOfInstant('yesterday', now, 'America/Chicago')).toThrow(RangeError);
  });

  it('lands on the next local date, after every instant of asOf', () => {
    fc.assert(
      fc.property(arbDate, arbZone, (d, tz) => {
        const end = asOfInstant(d, now, tz);
        expect(localDateOf(end, tz)).toBe(addDays(d, 1));
        expect(localDateOf(new Date(end.getTime() - 1), tz)).toBe(d);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Temporal as an independent oracle (the TC39 reference polyfill, loaded as CommonJS). It reads the same
 * time-zone data through Intl but finds offsets and day starts with its own algorithm, so agreeing on
 * generated instants and dates, and especially around every kind of transition, checks the arithmetic
 * above rather than restating it.
 */
describe('agrees with Temporal', () => {
  const ORACLE_ZONES = ['America/Chicago', 'Pacific/Apia', 'America/Havana', 'America/Santiago', 'Europe/London', 'UTC'] as const;
  const arbOracleZone = fc.constantFrom(...ORACLE_ZONES);
  const HOUR = 3_600_000;

  const temporalLocalDate = (instant: Date, tz: string) =>
    Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(tz).toPlainDate().toString();
  // A PlainDate without a time of day becomes the first instant of that date (after a skipped
  // midnight, or at the next date's start for a date the zone skipped) — the rule documented above.
  const temporalDayStart = (date: string, tz: string) =>
    Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tz }).epochMilliseconds;

  const arbInstant = fc.date({
    min: new Date('1900-01-02T00:00:00Z'),
    max: new Date('2100-12-30T00:00:00Z'),
    noInvalidDate: true,
  });

  /** Instants within a day of a real transition of the zone (any instant in UTC, which has none). */
  const arbNearTransition = fc
    .tuple(
      arbOracleZone,
      fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2037-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: -26 * HOUR, max: 26 * HOUR }),
      fc.constantFrom(0, 1, 999),
    )
    .map(([tz, from, offset, ms]) => {
      const next = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(tz).getTimeZoneTransition('next');
      const at = next ? next.epochMilliseconds : from.getTime();
      // Whole seconds, plus sometimes one millisecond either side of them.
      return { tz, instant: new Date(at + Math.round(offset / 1000) * 1000 + (ms === 999 ? -1 : ms)) };
    });

  /** Days whose start is odd: skipped and doubled midnights, and a date skipped entirely. */
  const EDGE_DAYS: Array<[string, string]> = [
    ['2011-12-29', 'Pacific/Apia'],
    ['2011-12-30', 'Pacific/Apia'],
    ['2011-12-31', 'Pacific/Apia'],
    ['2014-11-02', 'America/Havana'],
    ['2021-11-07', 'America/Havana'],
    ['2021-03-14', 'America/Havana'],
    ['2022-09-11', 'America/Santiago'],
    ['2022-04-03', 'America/Santiago'],
    ['2021-03-14', 'America/Chicago'],
    ['2021-11-07', 'America/Chicago'],
    ['2021-03-28', 'Europe/London'],
    ['2021-10-31', 'Europe/London'],
  ];

  it.each(EDGE_DAYS)('startOfLocalDay(%s, %s)', (date, tz) =>
    expect(startOfLocalDay(date, tz).getTime()).toBe(temporalDayStart(date, tz)),
  );

  it('localDateOf, for generated instants 1900–2100', () => {
    fc.assert(
      fc.property(arbInstant, arbOracleZone, (t, tz) => expect(localDateOf(t, tz)).toBe(temporalLocalDate(t, tz))),
      { numRuns: 1000 },
    );
  });

  it('startOfLocalDay, for generated dates 1900–2100', () => {
    fc.assert(
      fc.property(arbDate, arbOracleZone, (d, tz) => expect(startOfLocalDay(d, tz).getTime()).toBe(temporalDayStart(d, tz))),
      { numRuns: 1000 },
    );
  });

  it('both, within a day of the zone’s transitions', () => {
    fc.assert(
      fc.property(arbNearTransition, ({ tz, instant }) => {
        const date = temporalLocalDate(instant, tz);
        expect(localDateOf(instant, tz)).toBe(date);
        for (const d of [addDays(date, -1), date, addDays(date, 1)]) {
          expect(startOfLocalDay(d, tz).getTime()).toBe(temporalDayStart(d, tz));
        }
      }),
      { numRuns: 500 },
    );
  });
});
