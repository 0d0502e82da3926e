import fc from 'fast-check';
import { addDays, startOfLocalDay } from '../common/time/local-date';
import { closesAt } from '../deadlines/rules/deadline-clock';
import type { DeadlineState } from '../deadlines/rules/deadline-clock';
import { daysBeforeLastDay, missedOwed, missedStillDue, reminderOwed, reminderStillDue, reminderWindow } from './reminder-rules';

const CHI = 'America/Chicago';
const DAYS = [30, 7, 1];
const at = (iso: string) => new Date(iso);
const open = (due: string, tz = CHI, state: DeadlineState = 'open') => ({
  closesAt: closesAt(due, 'day', tz),
  state,
});

describe('daysBeforeLastDay', () => {
  it.each([
    // deadline 2021-09-03 closes 2021-09-04T05:00Z (CDT)
    ['2021-09-03T17:00:00Z', 0], // noon on the last day
    ['2021-09-04T04:59:59Z', 0], // 23:59:59 on the last day
    ['2021-09-04T05:00:00Z', -1], // the close instant
    ['2021-09-02T05:00:00Z', 1], // midnight starting the day before
    ['2021-09-02T04:59:59Z', 2], // a second earlier
    ['2021-08-27T12:00:00Z', 7],
    ['2021-08-04T12:00:00Z', 30],
  ])('at %s it is %i', (now, expected) => {
    expect(daysBeforeLastDay(closesAt('2021-09-03', 'day', CHI), at(now), CHI)).toBe(expected);
  });

  it('counts calendar days across DST changes (a 23-hour and a 25-hour day)', () => {
    // US DST began 2021-03-14 and ended 2021-11-07.
    expect(daysBeforeLastDay(closesAt('2021-03-15', 'day', CHI), at('2021-03-13T06:00:00Z'), CHI)).toBe(2);
    expect(daysBeforeLastDay(closesAt('2021-03-15', 'day', CHI), at('2021-03-14T05:59:00Z'), CHI)).toBe(2); // 23:59 CST on the 13th
    expect(daysBeforeLastDay(closesAt('2021-03-15', 'day', CHI), at('2021-03-14T06:00:00Z'), CHI)).toBe(1);
    expect(daysBeforeLastDay(closesAt('2021-03-15', 'day', CHI), at('2021-03-15T04:59:00Z'), CHI)).toBe(1); // 23:59 CDT on the 14th
    expect(daysBeforeLastDay(closesAt('2021-03-15', 'day', CHI), at('2021-03-15T05:00:00Z'), CHI)).toBe(0);
    expect(daysBeforeLastDay(closesAt('2021-11-08', 'day', CHI), at('2021-11-07T05:30:00Z'), CHI)).toBe(1);
    expect(daysBeforeLastDay(closesAt('2021-11-08', 'day', CHI), at('2021-11-08T05:30:00Z'), CHI)).toBe(1); // 23:30 CST on the 7th
    expect(daysBeforeLastDay(closesAt('2021-11-08', 'day', CHI), at('2021-11-08T06:00:00Z'), CHI)).toBe(0);
  });

  it('uses the last day of a month, quarter or year', () => {
    expect(daysBeforeLastDay(closesAt('2021-05', 'month', CHI), at('2021-05-24T17:00:00Z'), CHI)).toBe(7);
    expect(daysBeforeLastDay(closesAt('2024-02', 'month', CHI), at('2024-02-22T17:00:00Z'), CHI)).toBe(7); // leap year
    expect(daysBeforeLastDay(closesAt('2021-Q3', 'quarter', CHI), at('2021-09-29T17:00:00Z'), CHI)).toBe(1);
    expect(daysBeforeLastDay(closesAt('2022', 'year', CHI), at('2022-12-01T17:00:00Z'), CHI)).toBe(30);
  });

  it('counts in the zone it is given', () => {
    const kolkata = closesAt('2021-05-31', 'day', 'Asia/Kolkata'); // 2021-05-31T18:30Z
    expect(daysBeforeLastDay(kolkata, at('2021-05-30T18:29:00Z'), 'Asia/Kolkata')).toBe(1);
    expect(daysBeforeLastDay(kolkata, at('2021-05-30T18:31:00Z'), 'Asia/Kolkata')).toBe(0);
    const auckland = closesAt('2021-12-31', 'day', 'Pacific/Auckland');
    expect(daysBeforeLastDay(auckland, at('2021-12-30T10:59:00Z'), 'Pacific/Auckland')).toBe(1);
    expect(daysBeforeLastDay(auckland, at('2021-12-30T11:00:00Z'), 'Pacific/Auckland')).toBe(0);
  });
});

describe('reminderWindow', () => {
  it.each([
    [31, null],
    [30, 30],
    [29, 30],
    [8, 30],
    [7, 7],
    [5, 7],
    [2, 7],
    [1, 1],
    [0, 1],
    [-1, null],
  ])('%i days before the last day: window %s', (daysLeft, expected) => {
    expect(reminderWindow(daysLeft, DAYS)).toBe(expected);
  });

  it('accepts the days in any order, with duplicates', () => {
    expect(reminderWindow(5, [1, 7, 30, 7])).toBe(7);
  });

  it('has a last-day window when 0 is one of the days', () => {
    expect(reminderWindow(0, [7, 0])).toBe(0);
    expect(reminderWindow(1, [7, 0])).toBe(7);
    expect(reminderWindow(0, [7])).toBe(7);
  });

  it('owes nothing without reminder days', () => {
    expect(reminderWindow(3, [])).toBeNull();
  });

  it('always answers one of the given days, the smallest one at or above daysLeft', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 365 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -5, max: 400 }),
        (days, left) => {
          const w = reminderWindow(left, days);
          const atOrAbove = days.filter((d) => d >= left);
          if (left < 0 || atOrAbove.length === 0) expect(w).toBeNull();
          else expect(w).toBe(Math.min(...atOrAbove));
        },
      ),
    );
  });
});

describe('reminderOwed', () => {
  const d = open('2021-09-03');

  it('owes the 7-day reminder a week out, and the same window until the 1-day one begins', () => {
    expect(reminderOwed(d, at('2021-08-27T17:00:00Z'), CHI, DAYS)).toBe(7);
    expect(reminderOwed(d, at('2021-08-30T17:00:00Z'), CHI, DAYS)).toBe(7);
    expect(reminderOwed(d, at('2021-09-02T17:00:00Z'), CHI, DAYS)).toBe(1);
    expect(reminderOwed(d, at('2021-09-03T17:00:00Z'), CHI, DAYS)).toBe(1);
  });

  it('owes nothing once the deadline has closed, or before the largest window', () => {
    expect(reminderOwed(d, at('2021-09-04T05:00:00Z'), CHI, DAYS)).toBeNull();
    expect(reminderOwed(d, at('2021-07-01T17:00:00Z'), CHI, DAYS)).toBeNull();
  });

  it.each(['met', 'missed', 'extended', 'withdrawn'] as const)('owes nothing for a %s deadline', (state) => {
    expect(reminderOwed({ ...d, state }, at('2021-08-27T17:00:00Z'), CHI, DAYS)).toBeNull();
  });

  it('never owes a window before the deadline: property over dates and zones', () => {
    const zones = ['America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2050-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -3, max: 40 }),
        fc.constantFrom(...zones),
        (due, offsetDays, tz) => {
          const lastDay = due.toISOString().slice(0, 10);
          const deadline = open(lastDay, tz);
          const now = new Date(startOfLocalDay(addDays(lastDay, -offsetDays), tz).getTime() + 3_600_000);
          const w = reminderOwed(deadline, now, tz, DAYS);
          if (offsetDays < 0 || offsetDays > 30) expect(w).toBeNull();
          else expect(w).toBe(offsetDays >= 8 ? 30 : offsetDays >= 2 ? 7 : 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('reminderStillDue', () => {
  const d = open('2021-09-03');
  const weekOut = at('2021-08-27T17:00:00Z');

  it('is due while the deadline is open and the window current', () => {
    expect(reminderStillDue(7, d, weekOut, CHI, DAYS)).toBe(true);
  });

  it.each(['met', 'extended', 'withdrawn'] as const)('is cancelled when the deadline was %s first', (state) => {
    expect(reminderStillDue(7, { ...d, state }, weekOut, CHI, DAYS)).toBe(false);
  });

  it('is not sent late once a smaller window has begun, or after the close', () => {
    expect(reminderStillDue(7, d, at('2021-09-02T17:00:00Z'), CHI, DAYS)).toBe(false);
    expect(reminderStillDue(1, d, at('2021-09-04T06:00:00Z'), CHI, DAYS)).toBe(false);
  });

  it('is cancelled when the subscriber no longer wants that window', () => {
    expect(reminderStillDue(7, d, weekOut, CHI, [30, 1])).toBe(false);
  });
});

describe('missedOwed and missedStillDue', () => {
  const d = open('2021-09-03'); // closes 2021-09-04T05:00Z
  const confirmed = at('2021-08-01T00:00:00Z');

  it('is owed once an open deadline has passed its close', () => {
    expect(missedOwed(d, at('2021-09-04T05:00:00Z'), confirmed)).toBe(false); // at the close it is not yet late
    expect(missedOwed(d, at('2021-09-04T05:00:01Z'), confirmed)).toBe(true);
    expect(missedOwed(d, at('2022-01-01T00:00:00Z'), confirmed)).toBe(true); // after an outage, still owed
  });

  it('is owed for a deadline an editor marked missed', () => {
    expect(missedOwed({ ...d, state: 'missed' }, at('2021-09-05T00:00:00Z'), confirmed)).toBe(true);
  });

  it('is not owed for deadlines that closed before the subscription was confirmed', () => {
    expect(missedOwed(d, at('2021-09-05T00:00:00Z'), at('2021-09-04T06:00:00Z'))).toBe(false);
  });

  it.each(['met', 'extended', 'withdrawn'] as const)('is neither owed nor still due when %s', (state) => {
    expect(missedOwed({ ...d, state }, at('2021-09-05T00:00:00Z'), confirmed)).toBe(false);
    expect(missedStillDue({ ...d, state })).toBe(false);
  });

  it('stays due while open or missed', () => {
    expect(missedStillDue(d)).toBe(true);
    expect(missedStillDue({ ...d, state: 'missed' })).toBe(true);
  });
});
