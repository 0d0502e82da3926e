import fc from 'fast-check';
import { Status, STATUSES } from '../../recommendations/rules/status-vocabulary';
import { PROGRESS_CREDIT, weightedProgress } from './progress';

describe('PROGRESS_CREDIT', () => {
  it('credits implemented 1, partial and interim 0.5, the rest 0', () => {
    const half: Status[] = ['interim', 'partially_implemented'];
    expect(Object.keys(PROGRESS_CREDIT).sort()).toEqual([...STATUSES].sort());
    for (const status of STATUSES) {
      expect([status, PROGRESS_CREDIT[status]]).toEqual([status, status === 'implemented' ? 1 : half.includes(status) ? 0.5 : 0]);
    }
  });
});

describe('weightedProgress', () => {
  it('has no ratio for nothing to weigh', () => {
    expect(weightedProgress([])).toEqual({ score: 0, total: 0, ratio: null, counted: 0 });
    expect(weightedProgress([{ status: 'implemented', weight: 0 }])).toEqual({
      score: 0,
      total: 0,
      ratio: null,
      counted: 1,
    });
  });

  it('is 0, not null, when there is weight but no progress', () => {
    expect(weightedProgress([{ status: 'not_assessed', weight: 1 }])).toEqual({
      score: 0,
      total: 1,
      ratio: 0,
      counted: 1,
    });
  });

  it('weights credits', () => {
    expect(
      weightedProgress([
        { status: 'implemented', weight: 1 },
        { status: 'interim', weight: 2 },
        { status: 'partially_implemented', weight: 1 },
        { status: 'rejected', weight: 3 },
        { status: 'in_progress', weight: 1 },
      ]),
    ).toEqual({ score: 2.5, total: 8, ratio: 2.5 / 8, counted: 5 });
  });

  it('accepts fractional weights', () => {
    const p = weightedProgress([
      { status: 'implemented', weight: 0.25 },
      { status: 'stalled', weight: 0.75 },
    ]);
    expect(p.ratio).toBeCloseTo(0.25);
  });

  it('throws on a negative, infinite or NaN weight, or an unknown status', () => {
    expect(() => weightedProgress([{ status: 'implemented', weight: -1 }])).toThrow(RangeError);
    expect(() => weightedProgress([{ status: 'implemented', weight: Infinity }])).toThrow(RangeError);
    expect(() => weightedProgress([{ status: 'implemented', weight: Number.NaN }])).toThrow(RangeError);
    expect(() => weightedProgress([{ status: 'toString' as Status, weight: 1 }])).toThrow(RangeError);
    expect(() => weightedProgress([{ status: 'done' as Status, weight: 1 }])).toThrow(RangeError);
  });

  it('keeps the ratio between 0 and 1 and ignores item order', () => {
    const arbItem = fc.record({
      status: fc.constantFrom<Status>(...STATUSES),
      weight: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 30 }), (items) => {
        const p = weightedProgress(items);
        expect(p.counted).toBe(items.length);
        expect(p.score).toBeLessThanOrEqual(p.total);
        if (p.total === 0) expect(p.ratio).toBeNull();
        else {
          expect(p.ratio).toBeGreaterThanOrEqual(0);
          expect(p.ratio).toBeLessThanOrEqual(1);
        }
        expect(weightedProgress([...items].reverse())).toEqual(p);
      }),
    );
  });
});
