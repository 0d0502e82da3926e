import fc from 'fast-check';
import { FINDING_LEVELS, FindingLevel, markRegressions } from './regression';

const IMT = 'independent-monitoring-team';
const OIG = 'city-oig';

interface Finding {
  id: number;
  assessor: string;
  periodStart: string;
  periodEnd: string;
  level: FindingLevel;
  report?: string;
}

let nextId = 1;
/** Test factory: a finding for one of the monitor's half-year reporting periods. */
function finding(period: string, level: FindingLevel, extra: Partial<Finding> = {}): Finding {
  const [start, end] = period.split('/');
  return { id: nextId++, assessor: IMT, periodStart: start, periodEnd: end, level, ...extra };
}

beforeEach(() => {
  nextId = 1;
});

const levels = (rows: Array<{ regression: boolean; previousLevel: FindingLevel | null }>) =>
  rows.map((r) => [r.previousLevel, r.regression]);

describe('markRegressions', () => {
  it('ranks levels none < preliminary < secondary < full', () => {
    expect(FINDING_LEVELS).toEqual(['none', 'preliminary', 'secondary', 'full']);
  });

  it('is empty for no findings', () => {
    expect(markRegressions([])).toEqual([]);
  });

  it('marks a drop from the previous period as a regression, and nothing else', () => {
    const rows = markRegressions([
      finding('2019-03-01/2019-08-31', 'none'),
      finding('2019-09-01/2020-02-29', 'preliminary'),
      finding('2020-03-01/2020-12-31', 'preliminary'),
      finding('2021-01-01/2021-06-30', 'secondary'),
      finding('2021-07-01/2021-12-31', 'preliminary'), // failed to maintain secondary
      finding('2022-01-01/2022-06-30', 'full'),
      finding('2022-07-01/2022-12-31', 'none'),
    ]);
    expect(levels(rows)).toEqual([
      [null, false],
      ['none', false],
      ['preliminary', false],
      ['preliminary', false],
      ['secondary', true],
      ['preliminary', false],
      ['full', true],
    ]);
  });

  it('compares with the previous recorded period across a gap', () => {
    const rows = markRegressions([
      finding('2019-03-01/2019-08-31', 'secondary'),
      finding('2021-01-01/2021-06-30', 'preliminary'),
    ]);
    expect(levels(rows)).toEqual([
      [null, false],
      ['secondary', true],
    ]);
  });

  it('orders by period, not by input order, and returns rows in input order', () => {
    const late = finding('2021-07-01/2021-12-31', 'preliminary');
    const early = finding('2021-01-01/2021-06-30', 'full');
    const rows = markRegressions([late, early]);
    expect(rows.map((r) => r.id)).toEqual([late.id, early.id]);
    expect(levels(rows)).toEqual([
      ['full', true],
      [null, false],
    ]);
  });

  it('keeps assessors apart', () => {
    const rows = markRegressions([
      finding('2021-01-01/2021-06-30', 'full'),
      finding('2021-01-01/2021-06-30', 'none', { assessor: OIG }),
      finding('2021-07-01/2021-12-31', 'secondary', { assessor: OIG }),
      finding('2021-07-01/2021-12-31', 'secondary'),
      finding('2022-01-01/2022-06-30', 'preliminary', { assessor: OIG }),
    ]);
    expect(levels(rows)).toEqual([
      [null, false],
      [null, false],
      ['none', false],
      ['full', true],
      ['secondary', true],
    ]);
  });

  it('breaks ties on periodEnd by periodStart, then by id', () => {
    // A longer period ending the same day sorts first.
    const rows = markRegressions([finding('2021-07-01/2021-12-31', 'preliminary'), finding('2021-01-01/2021-12-31', 'full')]);
    expect(levels(rows)).toEqual([
      ['full', true],
      [null, false],
    ]);
    // Same period twice (a corrected report): the higher id comes after.
    const second = markRegressions([
      finding('2021-01-01/2021-06-30', 'secondary', { id: 9 }),
      finding('2021-01-01/2021-06-30', 'full', { id: 3 }),
    ]);
    expect(levels(second)).toEqual([
      ['full', true],
      [null, false],
    ]);
  });

  it('keeps the caller’s fields and does not mutate the input', () => {
    const input = [
      finding('2021-01-01/2021-06-30', 'full', { report: 'imt-report-5' }),
      finding('2021-07-01/2021-12-31', 'none'),
    ];
    const before = JSON.stringify(input);
    const rows = markRegressions(input);
    expect(rows[0].report).toBe('imt-report-5');
    expect(rows[0]).not.toBe(input[0]);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('agrees with a sort-then-compare reference on random findings', () => {
    const arb = fc.array(
      fc.record({
        assessor: fc.constantFrom(IMT, OIG),
        start: fc.integer({ min: 0, max: 20 }),
        length: fc.integer({ min: 0, max: 10 }),
        level: fc.constantFrom(...FINDING_LEVELS),
      }),
      { maxLength: 25 },
    );
    const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n * 30)).toISOString().slice(0, 10);
    fc.assert(
      fc.property(arb, (rows) => {
        const input = rows.map((r, i) => ({
          id: 100 - i,
          assessor: r.assessor,
          periodStart: day(r.start),
          periodEnd: day(r.start + r.length),
          level: r.level,
        }));
        const out = markRegressions(input);
        expect(out.map((o) => o.id)).toEqual(input.map((f) => f.id));
        const rank = (l: FindingLevel) => FINDING_LEVELS.indexOf(l);
        for (const f of out) {
          const before = input.filter(
            (g) =>
              g.assessor === f.assessor &&
              (g.periodEnd < f.periodEnd ||
                (g.periodEnd === f.periodEnd &&
                  (g.periodStart < f.periodStart || (g.periodStart === f.periodStart && g.id < f.id)))),
          );
          const key = (g: (typeof input)[number]) => `${g.periodEnd}|${g.periodStart}|${String(g.id).padStart(3, '0')}`;
          const prev = before.sort((a, b) => (key(a) < key(b) ? -1 : 1)).at(-1);
          expect(f.previousLevel).toBe(prev ? prev.level : null);
          expect(f.regression).toBe(prev !== undefined && rank(f.level) < rank(prev.level));
        }
      }),
    );
  });
});

describe('markRegressions with unknown levels', () => {
  const f = (id: number, periodEnd: string, level: 'none' | 'preliminary' | 'secondary' | 'full' | null) => ({
    id,
    assessor: 'imt',
    periodStart: `${periodEnd.slice(0, 4)}-01-01`,
    periodEnd,
    level,
  });

  it('never calls an unknown level a regression, and compares across it with the last known level', () => {
    const out = markRegressions([f(1, '2020-06-30', 'secondary'), f(2, '2020-12-31', null), f(3, '2021-06-30', 'preliminary')]);
    expect(out.map((x) => x.regression)).toEqual([false, false, true]);
    expect(out.map((x) => x.previousLevel)).toEqual([null, 'secondary', 'secondary']);
  });

  it('treats a first known level after unknowns as having no baseline', () => {
    const out = markRegressions([f(1, '2020-06-30', null), f(2, '2020-12-31', 'none')]);
    expect(out.map((x) => x.regression)).toEqual([false, false]);
    expect(out[1].previousLevel).toBeNull();
  });
});
