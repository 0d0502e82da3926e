import fc from 'fast-check';
import { addDays } from '../../common/time/local-date';
import { isStale, staleCutoff } from './staleness';

const CHI = 'America/Chicago';

describe('isStale', () => {
  const now = new Date('2022-06-21T17:00:00Z'); // 2022-06-21 in Chicago

  it('treats never assessed as stale', () => {
    expect(isStale(null, now, 180, CHI)).toBe(true);
    expect(isStale(null, now, 100_000, CHI)).toBe(true);
  });

  it.each([
    ['2022-06-21', false],
    ['2021-12-23', false], // exactly 180 days old: still fresh
    ['2021-12-22', true], // 181 days
    ['2020-01-01', true],
    ['2030-01-01', false], // a future review date is not stale
  ])('reviewed %s: stale %s after 180 days', (reviewed, stale) => {
    expect(isStale(reviewed, now, 180, CHI)).toBe(stale);
  });

  it('counts days in the tracker zone, not in UTC', () => {
    // 03:00Z on 2022-06-22 is still the evening of the 21st in Chicago, already the 22nd in Kolkata.
    const lateEvening = new Date('2022-06-22T03:00:00Z');
    expect(isStale('2021-12-23', lateEvening, 180, CHI)).toBe(false);
    expect(isStale('2021-12-23', lateEvening, 180, 'Asia/Kolkata')).toBe(true);
    expect(isStale('2021-12-24', lateEvening, 180, 'Pacific/Auckland')).toBe(false);
  });

  it('counts across a leap day', () => {
    const march = new Date('2024-03-01T18:00:00Z');
    expect(isStale('2024-02-01', march, 29, CHI)).toBe(false);
    expect(isStale('2024-01-31', march, 29, CHI)).toBe(true);
  });

  it('with 0 days, anything before today is stale', () => {
    expect(isStale('2022-06-21', now, 0, CHI)).toBe(false);
    expect(isStale('2022-06-20', now, 0, CHI)).toBe(true);
  });

  it('throws on bad input', () => {
    expect(() => isStale('2022-02-30', now, 180, CHI)).toThrow(RangeError);
    expect(() => isStale('2022-01-01', now, -1, CHI)).toThrow(RangeError);
    expect(() => isStale('2022-01-01', now, 1.5, CHI)).toThrow(RangeError);
    expect(() => isStale('2022-01-01', now, 180, 'Chicago')).toThrow(RangeError);
  });
});

describe('staleCutoff', () => {
  it('is today minus staleAfterDays in the tracker zone', () => {
    expect(staleCutoff(new Date('2022-06-21T17:00:00Z'), 180, CHI)).toBe('2021-12-23');
    expect(staleCutoff(new Date('2022-06-22T03:00:00Z'), 180, CHI)).toBe('2021-12-23');
    expect(staleCutoff(new Date('2022-06-22T03:00:00Z'), 180, 'Asia/Kolkata')).toBe('2021-12-24');
    expect(staleCutoff(new Date('2024-03-01T18:00:00Z'), 1, CHI)).toBe('2024-02-29');
    expect(staleCutoff(new Date('2022-06-21T17:00:00Z'), 0, CHI)).toBe('2022-06-21');
  });

  it('throws on a negative or fractional day count', () => {
    expect(() => staleCutoff(new Date(), -1, CHI)).toThrow(RangeError);
    expect(() => staleCutoff(new Date(), Number.NaN, CHI)).toThrow(RangeError);
  });

  it('agrees with isStale: statusAsOf < cutoff exactly when stale', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2090-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -800, max: 800 }),
        fc.integer({ min: 0, max: 730 }),
        fc.constantFrom(CHI, 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Santiago'),
        (now, offset, days, tz) => {
          const cutoff = staleCutoff(now, days, tz);
          const reviewed = addDays(cutoff, offset);
          expect(isStale(reviewed, now, days, tz)).toBe(reviewed < cutoff);
        },
      ),
      { numRuns: 300 },
    );
  });
});
