import { STATUSES } from '../recommendations/rules/status-vocabulary';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { statusChart } from './status-chart';

const counts = (over: Partial<Record<Status, number>>) =>
  Object.fromEntries(STATUSES.map((s) => [s, over[s] ?? 0])) as Record<Status, number>;

describe('statusChart', () => {
  it('draws one row per status, in the vocabulary order, scaled to the largest', () => {
    const chart = statusChart(counts({ implemented: 10, in_progress: 5, rejected: 0, unclear: 1 }));
    expect(chart.bars.map((b) => b.status)).toEqual([...STATUSES]);
    expect(chart.total).toBe(16);
    const bar = (s: Status) => chart.bars.find((b) => b.status === s)!;
    expect(bar('implemented').width).toBe(chart.barMax);
    expect(bar('in_progress').width).toBe(chart.barMax / 2);
    expect(bar('rejected').width).toBe(0);
    expect(bar('unclear').width).toBeGreaterThanOrEqual(2);
    expect(bar('not_assessed').label).toBe('Not yet assessed');
    expect(chart.height).toBe(STATUSES.length * chart.rowHeight);
  });

  it('has no bars, and no division by zero, when nothing is tracked', () => {
    expect(statusChart(counts({})).bars.every((b) => b.width === 0)).toBe(true);
  });
});
