import fc from 'fast-check';
import { addDays, asOfInstant, daysBetween, localDateOf, startOfLocalDay } from '../../common/time/local-date';
import {
  assessDeadline,
  closesAt,
  DEADLINE_PRECISIONS,
  DEADLINE_STATES,
  DeadlinePrecision,
  DeadlineState,
  deadlineStateAsOf,
  lastDayOf,
  parseDue,
} from './deadline-clock';

const CHI = 'America/Chicago';
const ZONES = ['America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Santiago', 'America/Havana'];
const iso = (s: string) => new Date(s);

const arbYear = fc.integer({ min: 1950, max: 2099 });
const arbDue: fc.Arbitrary<{ due: string; precision: DeadlinePrecision }> = fc.oneof(
  fc
    .date({
      min: new Date('1950-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => ({ due: d.toISOString().slice(0, 10), precision: 'day' as const })),
  fc.tuple(arbYear, fc.integer({ min: 1, max: 12 })).map(([y, m]) => ({
    due: `${y}-${String(m).padStart(2, '0')}`,
    precision: 'month' as const,
  })),
  fc.tuple(arbYear, fc.integer({ min: 1, max: 4 })).map(([y, q]) => ({ due: `${y}-Q${q}`, precision: 'quarter' as const })),
  arbYear.map((y) => ({ due: String(y), precision: 'year' as const })),
);
const arbZone = fc.constantFrom(...ZONES);

describe('vocabularies', () => {
  it('lists the precisions and states', () => {
    expect(DEADLINE_PRECISIONS).toEqual(['day', 'month', 'quarter', 'year']);
    expect(DEADLINE_STATES).toEqual(['open', 'met', 'partly_met', 'missed', 'extended', 'withdrawn', 'unknown']);
  });
});

describe('parseDue', () => {
  it.each(['9999-Q4', '9999', '9999-12', '9999-12-31'])(
    '%s ends on the last representable day, so it cannot close: null',
    (due) => expect(parseDue(due)).toBeNull(),
  );

  it.each([
    ['2021-09-03', 'day', '2021-09-03', '2021-09-03'],
    ['2024-02-29', 'day', '2024-02-29', '2024-02-29'],
    ['2021-05', 'month', '2021-05-01', '2021-05-31'],
    ['2021-04', 'month', '2021-04-01', '2021-04-30'],
    ['2021-02', 'month', '2021-02-01', '2021-02-28'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2000-02', 'month', '2000-02-01', '2000-02-29'],
    ['2100-02', 'month', '2100-02-01', '2100-02-28'],
    ['2021-12', 'month', '2021-12-01', '2021-12-31'],
    ['2021-Q1', 'quarter', '2021-01-01', '2021-03-31'],
    ['2021-Q2', 'quarter', '2021-04-01', '2021-06-30'],
    ['2021-Q3', 'quarter', '2021-07-01', '2021-09-30'],
    ['2021-Q4', 'quarter', '2021-10-01', '2021-12-31'],
    ['2021', 'year', '2021-01-01', '2021-12-31'],
    ['2024', 'year', '2024-01-01', '2024-12-31'],
    ['9999-Q3', 'quarter', '9999-07-01', '9999-09-30'],
  ])('%s is a %s from %s to %s', (due, precision, firstDay, lastDay) =>
    expect(parseDue(due)).toEqual({ precision, firstDay, lastDay }),
  );

  it.each([
    '',
    '2021-02-29',
    '2100-02-29',
    '2021-13',
    '2021-00',
    '2021-Q0',
    '2021-Q5',
    '2021-q2',
    '2021Q2',
    '2021-1',
    '21',
    '0000',
    '0000-05',
    '2021-05-1',
    '2021-05-31T00:00',
    'May 2021',
    ' 2021',
  ])('rejects %j', (due) => expect(parseDue(due)).toBeNull());

  it('covers a period whose days all lie between its first and last day', () => {
    fc.assert(
      fc.property(arbDue, ({ due, precision }) => {
        const p = parseDue(due);
        expect(p).not.toBeNull();
        expect(p!.precision).toBe(precision);
        expect(p!.firstDay <= p!.lastDay).toBe(true);
        expect(p!.firstDay.startsWith(due.slice(0, 4))).toBe(true);
        expect(p!.lastDay.startsWith(due.slice(0, 4))).toBe(true);
        // Months and quarters end on the day before the next one starts.
        if (precision !== 'day') expect(addDays(p!.lastDay, 1).slice(8)).toBe('01');
      }),
    );
  });
});

describe('closesAt', () => {
  it.each([
    // The "sometime in May" promise: 2021-06-01T00:00 Chicago (CDT, −5).
    ['2021-05', 'month', CHI, '2021-06-01T05:00:00.000Z'],
    // The missed consent-decree deadline.
    ['2021-09-03', 'day', CHI, '2021-09-04T05:00:00.000Z'],
    ['2021-Q4', 'quarter', CHI, '2022-01-01T06:00:00.000Z'], // CST, −6
    ['2021-Q1', 'quarter', CHI, '2021-04-01T05:00:00.000Z'],
    ['2021-Q2', 'quarter', CHI, '2021-07-01T05:00:00.000Z'],
    ['2021-Q3', 'quarter', CHI, '2021-10-01T05:00:00.000Z'],
    ['2022', 'year', CHI, '2023-01-01T06:00:00.000Z'],
    ['2024-02', 'month', CHI, '2024-03-01T06:00:00.000Z'],
    ['2024-02-28', 'day', CHI, '2024-02-29T06:00:00.000Z'],
    ['2024-02-29', 'day', CHI, '2024-03-01T06:00:00.000Z'],
    ['2100-02', 'month', CHI, '2100-03-01T06:00:00.000Z'],
    ['2000-02', 'month', CHI, '2000-03-01T06:00:00.000Z'],
    // US DST starts 2021-03-14 at 02:00: the day before closes on CST, the day itself on CDT.
    ['2021-03-13', 'day', CHI, '2021-03-14T06:00:00.000Z'],
    ['2021-03-14', 'day', CHI, '2021-03-15T05:00:00.000Z'],
    // And ends 2021-11-07 at 02:00.
    ['2021-11-06', 'day', CHI, '2021-11-07T05:00:00.000Z'],
    ['2021-11-07', 'day', CHI, '2021-11-08T06:00:00.000Z'],
    ['2021-10', 'month', CHI, '2021-11-01T05:00:00.000Z'],
    ['2021-11', 'month', CHI, '2021-12-01T06:00:00.000Z'],
    // Other zones.
    ['2021-05', 'month', 'Europe/London', '2021-05-31T23:00:00.000Z'],
    ['2021-03-27', 'day', 'Europe/London', '2021-03-28T00:00:00.000Z'],
    ['2021-03-28', 'day', 'Europe/London', '2021-03-28T23:00:00.000Z'],
    ['2021-10-31', 'day', 'Europe/London', '2021-11-01T00:00:00.000Z'],
    ['2021', 'year', 'Europe/London', '2022-01-01T00:00:00.000Z'],
    ['2021-05', 'month', 'Asia/Kolkata', '2021-05-31T18:30:00.000Z'],
    ['2021-Q4', 'quarter', 'Asia/Kolkata', '2021-12-31T18:30:00.000Z'],
    ['2021-12', 'month', 'Pacific/Auckland', '2021-12-31T11:00:00.000Z'], // NZDT, +13
    ['2021-06', 'month', 'Pacific/Auckland', '2021-06-30T12:00:00.000Z'], // NZST, +12
    ['2021-09-25', 'day', 'Pacific/Auckland', '2021-09-25T12:00:00.000Z'],
    ['2021-09-26', 'day', 'Pacific/Auckland', '2021-09-26T11:00:00.000Z'],
    // Santiago skips midnight on 2022-09-11: a deadline of the 10th closes at 01:00 local.
    ['2022-09-10', 'day', 'America/Santiago', '2022-09-11T04:00:00.000Z'],
    ['2022-09-11', 'day', 'America/Santiago', '2022-09-12T03:00:00.000Z'],
    ['2022-04-02', 'day', 'America/Santiago', '2022-04-03T04:00:00.000Z'],
    ['2021-03-13', 'day', 'America/Havana', '2021-03-14T05:00:00.000Z'],
  ])('%s (%s) in %s closes at %s', (due, precision, tz, expected) =>
    expect(closesAt(due, precision as DeadlinePrecision, tz).toISOString()).toBe(expected),
  );

  it('throws when due does not match the precision or is malformed', () => {
    expect(() => closesAt('2021-05', 'day', CHI)).toThrow(RangeError);
    expect(() => closesAt('2021-05-31', 'month', CHI)).toThrow(RangeError);
    expect(() => closesAt('2021', 'quarter', CHI)).toThrow(RangeError);
    expect(() => closesAt('2021-Q2', 'year', CHI)).toThrow(RangeError);
    expect(() => closesAt('2021-02-29', 'day', CHI)).toThrow(RangeError);
    expect(() => closesAt('sometime in May', 'month', CHI)).toThrow(RangeError);
  });

  it('throws on an unknown zone', () => {
    expect(() => closesAt('2021-05', 'month', 'Chicago')).toThrow(RangeError);
  });

  it('is always the first instant of the local day after the period', () => {
    fc.assert(
      fc.property(arbDue, arbZone, ({ due, precision }, tz) => {
        const close = closesAt(due, precision, tz);
        const { lastDay } = parseDue(due)!;
        expect(localDateOf(close, tz)).toBe(addDays(lastDay, 1));
        expect(localDateOf(new Date(close.getTime() - 1), tz)).toBe(lastDay);
        expect(close.getTime()).toBe(startOfLocalDay(addDays(lastDay, 1), tz).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('is a local midnight wherever the zone has one that day', () => {
    fc.assert(
      fc.property(
        arbDue,
        fc.constantFrom('America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland'),
        ({ due, precision }, tz) => {
          const time = new Intl.DateTimeFormat('en-GB', {
            timeZone: tz,
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hourCycle: 'h23',
          }).format(closesAt(due, precision, tz));
          expect(time).toBe('00:00:00');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals asOf = last day of the period', () => {
    fc.assert(
      fc.property(arbDue, arbZone, ({ due, precision }, tz) => {
        const { lastDay } = parseDue(due)!;
        expect(closesAt(due, precision, tz).getTime()).toBe(asOfInstant(lastDay, new Date(), tz).getTime());
      }),
    );
  });
});

describe('deadlineStateAsOf', () => {
  const met = { state: 'met' as const, settledOn: '2021-06-11', metOn: '2021-05-26' };

  it('is the stored state without asOf', () => {
    for (const state of DEADLINE_STATES) {
      expect(deadlineStateAsOf({ state, settledOn: '2030-01-01', metOn: null }, undefined)).toBe(state);
    }
  });

  it('is open on any date for an open deadline', () => {
    expect(deadlineStateAsOf({ state: 'open', settledOn: null, metOn: null }, '2000-01-01')).toBe('open');
    expect(deadlineStateAsOf({ state: 'open', settledOn: '2021-01-01', metOn: null }, '2030-01-01')).toBe('open');
  });

  it.each(['missed', 'extended', 'withdrawn', 'met'] as const)(
    'a %s deadline was open before it settled, settled from that day',
    (state) => {
      const d = { state, settledOn: '2021-09-04', metOn: state === 'met' ? '2021-09-01' : null };
      expect(deadlineStateAsOf(d, '2021-09-03')).toBe('open');
      expect(deadlineStateAsOf(d, '2021-09-04')).toBe(state);
      expect(deadlineStateAsOf(d, '2022-01-01')).toBe(state);
    },
  );

  it('prefers settledOn to metOn for a met deadline', () => {
    expect(deadlineStateAsOf(met, '2021-06-01')).toBe('open');
    expect(deadlineStateAsOf(met, '2021-06-11')).toBe('met');
  });

  it('falls back to metOn when a met deadline has no settledOn', () => {
    const d = { state: 'met' as const, settledOn: null, metOn: '2021-05-26' };
    expect(deadlineStateAsOf(d, '2021-05-25')).toBe('open');
    expect(deadlineStateAsOf(d, '2021-05-26')).toBe('met');
  });

  it('keeps the stored state when nothing says when it settled', () => {
    expect(deadlineStateAsOf({ state: 'missed', settledOn: null, metOn: null }, '1990-01-01')).toBe('missed');
    expect(deadlineStateAsOf({ state: 'met', settledOn: null, metOn: null }, '1990-01-01')).toBe('met');
    expect(deadlineStateAsOf({ state: 'withdrawn', settledOn: null, metOn: '2021-01-01' }, '1990-01-01')).toBe('withdrawn');
  });

  it('throws on an invalid asOf', () => {
    expect(() => deadlineStateAsOf({ state: 'missed', settledOn: '2021-09-04', metOn: null }, '2021-9-4')).toThrow(RangeError);
  });
});

describe('assessDeadline', () => {
  const may = closesAt('2021-05', 'month', CHI); // 2021-06-01T05:00Z
  const open = { closesAt: may, state: 'open' as DeadlineState, metOn: null, settledOn: null };
  const at = (now: string, asOf?: string) => ({ now: iso(now), asOf, timeZone: CHI });

  describe('open', () => {
    it.each([
      // [now, asOf, overdue, daysLate, daysRemaining]
      ['2021-04-16T17:00:00Z', undefined, false, null, 46], // the promise day
      ['2021-05-31T17:00:00Z', undefined, false, null, 1], // noon on the last day
      ['2021-06-01T04:59:59.999Z', undefined, false, null, 1], // 23:59:59.999 on May 31
      ['2021-06-01T05:00:00.000Z', undefined, false, null, 0], // exactly at the close
      ['2021-06-01T05:00:00.001Z', undefined, true, 0, null], // just after: overdue, no whole day yet
      ['2021-06-01T17:00:00Z', undefined, true, 0, null],
      ['2021-06-02T05:00:00Z', undefined, true, 1, null],
      ['2021-06-11T17:00:00Z', undefined, true, 10, null],
      // asOf evaluates at the end of that day, whatever now is.
      ['2030-01-01T00:00:00Z', '2021-05-30', false, null, 1],
      ['2030-01-01T00:00:00Z', '2021-05-31', false, null, 0],
      ['2030-01-01T00:00:00Z', '2021-06-01', true, 1, null],
      ['2000-01-01T00:00:00Z', '2021-06-11', true, 11, null],
    ] as const)('now %s asOf %s: overdue %s, daysLate %s, daysRemaining %s', (now, asOf, overdue, daysLate, daysRemaining) => {
      expect(assessDeadline(open, at(now, asOf))).toEqual({
        state: 'open',
        overdue,
        daysLate,
        daysRemaining,
        metLate: null,
        fulfilledOn: null,
      });
    });
  });

  // Days are counted in local days of the deadline's zone, across DST changes, at any offset.
  it.each([
    // [due, precision, zone, now, asOf, expected]
    // 2021-03-13 in Chicago: the close is 2021-03-14T06:00Z, and that day has 23 hours.
    ['2021-03-13', 'day', CHI, '2021-03-14T05:59:59Z', undefined, { overdue: false, daysRemaining: 1 }],
    ['2021-03-13', 'day', CHI, '2021-03-14T06:00:01Z', undefined, { overdue: true, daysLate: 0 }],
    // 23:30 CDT on the 14th: 22.5 h after the close but still the same day.
    ['2021-03-13', 'day', CHI, '2021-03-15T04:30:00Z', undefined, { overdue: true, daysLate: 0 }],
    ['2021-03-13', 'day', CHI, '2021-03-15T05:00:00Z', undefined, { overdue: true, daysLate: 1 }],
    // The November fall-back: 2021-11-06 closes 2021-11-07T05:00Z; 05:30Z on the 8th is 23:30 CST on
    // the 7th, a 25-hour day.
    ['2021-11-06', 'day', CHI, '2021-11-08T05:30:00Z', undefined, { overdue: true, daysLate: 0 }],
    ['2021-11-06', 'day', CHI, '2021-11-08T06:00:00Z', undefined, { overdue: true, daysLate: 1 }],
    ['2021-11-06', 'day', CHI, '2021-11-06T05:00:00Z', undefined, { overdue: false, daysRemaining: 1 }],
    // In the zone it is given: Kolkata, Auckland, Santiago.
    ['2021-05', 'month', 'Asia/Kolkata', '2021-05-31T18:29:00Z', undefined, { overdue: false, daysRemaining: 1 }],
    ['2021-05', 'month', 'Asia/Kolkata', '2021-05-31T18:31:00Z', undefined, { overdue: true, daysLate: 0 }],
    ['2021-Q3', 'quarter', 'Pacific/Auckland', '2021-01-01T00:00:00Z', '2021-10-03', { overdue: true, daysLate: 3 }],
    ['2022-09-10', 'day', 'America/Santiago', '2022-09-11T03:59:59Z', undefined, { overdue: false, daysRemaining: 1 }],
    ['2022-09-10', 'day', 'America/Santiago', '2022-09-12T03:00:00Z', undefined, { overdue: true, daysLate: 1 }],
    // A year deadline over a leap year.
    ['2024', 'year', CHI, '2024-01-01T12:00:00Z', undefined, { daysRemaining: 366 }],
    ['2024', 'year', CHI, '2025-03-01T12:00:00Z', undefined, { overdue: true, daysLate: 59 }],
  ] as const)('counts local days: %s (%s) in %s, at %s (asOf %s)', (due, precision, timeZone, now, asOf, expected) => {
    const d = { ...open, closesAt: closesAt(due, precision, timeZone) };
    expect(assessDeadline(d, { now: iso(now), asOf, timeZone })).toMatchObject(expected);
  });

  describe('missed', () => {
    const missed = {
      closesAt: closesAt('2021-09-03', 'day', CHI),
      state: 'missed' as DeadlineState,
      metOn: null,
      settledOn: '2021-09-04',
    };

    it('counts days late at the evaluation instant', () => {
      expect(assessDeadline(missed, at('2021-09-20T17:00:00Z'))).toEqual({
        state: 'missed',
        overdue: false,
        daysLate: 16,
        daysRemaining: null,
        metLate: null,
        fulfilledOn: null,
      });
      expect(assessDeadline(missed, at('2030-01-01T00:00:00Z', '2021-09-04'))).toMatchObject({
        state: 'missed',
        daysLate: 1,
      });
    });

    it('was open and overdue before it was settled', () => {
      expect(assessDeadline({ ...missed, settledOn: '2021-09-10' }, at('2030-01-01T00:00:00Z', '2021-09-05'))).toEqual({
        state: 'open',
        overdue: true,
        daysLate: 2,
        daysRemaining: null,
        metLate: null,
        fulfilledOn: null,
      });
      expect(assessDeadline(missed, at('2030-01-01T00:00:00Z', '2021-09-01'))).toMatchObject({
        state: 'open',
        overdue: false,
        daysRemaining: 2,
      });
    });

    it('never counts negative days late when marked missed early and settledOn is unknown', () => {
      expect(assessDeadline({ ...missed, settledOn: null }, at('2030-01-01T00:00:00Z', '2021-08-01'))).toMatchObject({
        state: 'missed',
        daysLate: 0,
      });
    });
  });

  describe('met', () => {
    const met = (metOn: string | null, settledOn: string | null = metOn) => ({
      closesAt: may,
      state: 'met' as DeadlineState,
      metOn,
      settledOn,
    });

    it.each([
      ['2021-05-01', false, null],
      ['2021-05-26', false, null], // the interim policy: on time
      ['2021-05-31', false, null], // the last day of the period is on time
      ['2021-06-01', true, 1], // the day after the period is one day late
      ['2021-06-11', true, 11],
      ['2022-06-21', true, 386], // the final policy
    ] as const)('met on %s: metLate %s, daysLate %s', (metOn, metLate, daysLate) => {
      expect(assessDeadline(met(metOn), at('2023-01-01T00:00:00Z'))).toEqual({
        state: 'met',
        overdue: false,
        daysLate,
        daysRemaining: null,
        metLate,
        fulfilledOn: null,
      });
    });

    it('has no lateness to report without a metOn', () => {
      expect(assessDeadline(met(null), at('2023-01-01T00:00:00Z'))).toEqual({
        state: 'met',
        overdue: false,
        daysLate: null,
        daysRemaining: null,
        metLate: null,
        fulfilledOn: null,
      });
    });

    it('is open (and overdue) as of a date before it was met late', () => {
      expect(assessDeadline(met('2021-06-11'), at('2023-01-01T00:00:00Z', '2021-06-05'))).toMatchObject({
        state: 'open',
        overdue: true,
        daysLate: 5,
        metLate: null,
        fulfilledOn: null,
      });
      expect(assessDeadline(met('2021-06-11'), at('2023-01-01T00:00:00Z', '2021-06-11'))).toMatchObject({
        state: 'met',
        metLate: true,
        daysLate: 11,
      });
    });

    it('matches the open count: met on asOf day d is as late as an open deadline evaluated asOf d', () => {
      fc.assert(
        fc.property(arbDue, arbZone, fc.integer({ min: 0, max: 400 }), ({ due, precision }, tz, k) => {
          const close = closesAt(due, precision, tz);
          const d = addDays(parseDue(due)!.lastDay, k);
          const asMet = assessDeadline(
            { closesAt: close, state: 'met', metOn: d, settledOn: d },
            { now: new Date(), timeZone: tz },
          );
          const asOpen = assessDeadline(
            { closesAt: close, state: 'open', metOn: null, settledOn: null },
            { now: new Date(), asOf: d, timeZone: tz },
          );
          expect(asMet.metLate).toBe(k > 0);
          expect(asMet.daysLate).toBe(k > 0 ? k : null);
          expect(asOpen.daysLate).toBe(k > 0 ? k : null);
        }),
        { numRuns: 200 },
      );
    });
  });

  it.each(['extended', 'withdrawn'] as const)('reports nothing for an %s deadline', (state) => {
    expect(assessDeadline({ closesAt: may, state, metOn: null, settledOn: '2021-05-20' }, at('2021-07-01T00:00:00Z'))).toEqual({
      state,
      overdue: false,
      daysLate: null,
      daysRemaining: null,
      metLate: null,
      fulfilledOn: null,
    });
  });

  it('throws on an invalid asOf or zone', () => {
    expect(() => assessDeadline(open, at('2021-06-01T00:00:00Z', '2021-06-31'))).toThrow(RangeError);
    expect(() => assessDeadline(open, { now: new Date(), timeZone: 'Central' })).toThrow(RangeError);
  });

  describe('properties of an open deadline', () => {
    const arbInstant = fc.date({
      min: new Date('1950-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });

    it('is either overdue with daysLate or pending with daysRemaining, and the two line up', () => {
      fc.assert(
        fc.property(arbDue, arbZone, arbInstant, ({ due, precision }, tz, now) => {
          const close = closesAt(due, precision, tz);
          const a = assessDeadline({ closesAt: close, state: 'open', metOn: null, settledOn: null }, { now, timeZone: tz });
          expect(a.overdue).toBe(now.getTime() > close.getTime());
          expect(a.metLate).toBeNull();
          const fromToday = daysBetween(localDateOf(now, tz), localDateOf(close, tz));
          if (a.overdue) {
            expect(a.daysRemaining).toBeNull();
            expect(a.daysLate).toBeGreaterThanOrEqual(0);
            expect(a.daysLate).toBe(0 - fromToday);
          } else {
            expect(a.daysLate).toBeNull();
            expect(a.daysRemaining).toBeGreaterThanOrEqual(0);
            expect(a.daysRemaining).toBe(fromToday);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('asOf consecutive days: daysRemaining counts down to 0 at the last day, then daysLate counts up from 1', () => {
      fc.assert(
        fc.property(arbDue, arbZone, fc.integer({ min: -60, max: 60 }), ({ due, precision }, tz, k) => {
          const close = closesAt(due, precision, tz);
          const asOf = addDays(parseDue(due)!.lastDay, k);
          const a = assessDeadline(
            { closesAt: close, state: 'open', metOn: null, settledOn: null },
            { now: new Date(0), asOf, timeZone: tz },
          );
          expect(a.overdue).toBe(k > 0);
          expect(a.daysLate).toBe(k > 0 ? k : null);
          expect(a.daysRemaining).toBe(k > 0 ? null : 0 - k);
          // daysLate − daysRemaining is the same signed distance on both sides of the close.
          expect((a.daysLate ?? 0) - (a.daysRemaining ?? 0)).toBe(k);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('outcomes that say what is known', () => {
  const CHI = 'America/Chicago';
  const at = (now: string, asOf?: string) => ({ now: new Date(now), asOf, timeZone: CHI });
  const sept = { closesAt: closesAt('2021-09', 'month', CHI), metOn: null, settledOn: null };

  it('never counts an unknown outcome as overdue or late, however long ago it closed', () => {
    const unknown = { ...sept, state: 'unknown' as DeadlineState };
    expect(assessDeadline(unknown, at('2030-01-01T00:00:00Z'))).toEqual({
      state: 'unknown',
      overdue: false,
      daysLate: null,
      daysRemaining: null,
      metLate: null,
      fulfilledOn: null,
    });
  });

  it('shows an unknown outcome as simply open before its close', () => {
    const unknown = { ...sept, state: 'unknown' as DeadlineState };
    expect(assessDeadline(unknown, at('2030-01-01T00:00:00Z', '2021-09-20'))).toMatchObject({
      state: 'open',
      overdue: false,
      // asOf is the end of September 20: ten whole local days before the close.
      daysRemaining: 10,
    });
  });

  it('fixes the days late of a missed deadline once it was done anyway', () => {
    const missed = { ...sept, state: 'missed' as DeadlineState, settledOn: '2021-10-01', fulfilledOn: '2022-06-21' };
    // Counted as a late met date is: done on the first day after the period is 1 day late.
    const done = assessDeadline(missed, at('2026-11-30T12:00:00Z'));
    expect(done).toMatchObject({ state: 'missed', fulfilledOn: '2022-06-21', daysLate: 264, overdue: false });
    expect(assessDeadline(missed, at('2040-01-01T00:00:00Z')).daysLate).toBe(264);
    // Before it was done, it was still counting.
    expect(assessDeadline(missed, at('2030-01-01T00:00:00Z', '2022-01-01'))).toMatchObject({
      state: 'missed',
      fulfilledOn: null,
      daysLate: 93,
    });
  });

  it('reads a partly met deadline like a met one for its dates, without calling it met', () => {
    const may = closesAt('2021-05', 'month', CHI);
    const partly = { closesAt: may, state: 'partly_met' as DeadlineState, metOn: '2021-05-26', settledOn: '2021-05-26' };
    expect(assessDeadline(partly, at('2026-01-01T00:00:00Z'))).toEqual({
      state: 'partly_met',
      overdue: false,
      daysLate: null,
      daysRemaining: null,
      metLate: false,
      fulfilledOn: null,
    });
    expect(assessDeadline(partly, at('2030-01-01T00:00:00Z', '2021-05-20')).state).toBe('open');
  });

  it('gives the last day of a due period', () => {
    expect(lastDayOf('2019-Q3')).toBe('2019-09-30');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2021-13')).toBeNull();
  });
});
