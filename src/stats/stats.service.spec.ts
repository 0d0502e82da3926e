import { encodeStats, progressByGroup, StatsView } from './stats.service';

describe('progressByGroup (progress per topic or source)', () => {
  it('weighs each group by the same credits as the overall figure, and counts what is left', () => {
    const rows = [
      { slug: 'foot-pursuits', title: 'Foot pursuits', status: 'implemented' as const, count: 1, weight: 2 },
      { slug: 'foot-pursuits', title: 'Foot pursuits', status: 'interim' as const, count: 2, weight: 2 },
      { slug: 'training', title: 'Training', status: 'not_started' as const, count: 3, weight: 3 },
    ];
    expect(progressByGroup(rows)).toEqual([
      {
        slug: 'foot-pursuits',
        title: 'Foot pursuits',
        count: 3,
        implemented: 1,
        progress: { score: 3, total: 4, ratio: 0.75, remaining: 2 },
      },
      { slug: 'training', title: 'Training', count: 3, implemented: 0, progress: { score: 0, total: 3, ratio: 0, remaining: 3 } },
    ]);
  });

  it('gives no ratio, not 0 %, to a group whose items all weigh nothing', () => {
    const [g] = progressByGroup([{ slug: 's', title: 'S', status: 'implemented', count: 1, weight: 0 }]);
    expect(g.progress.ratio).toBeNull();
    expect(g.implemented).toBe(1);
  });
});

describe('encodeStats', () => {
  it('writes the same JSON as JSON.stringify, the kept texts of repeated objects included', () => {
    const group = Object.freeze({
      slug: 'a',
      title: 'Quote " and \\ and ☃',
      count: 2,
      implemented: 1,
      progress: { score: 1, total: 2, ratio: 0.5, remaining: 1 },
    });
    const figures = Object.freeze({
      byStatus: { implemented: 1 },
      byKind: {},
      bySource: [Object.freeze({ slug: 'a', title: 'Quote " and \\ and ☃', count: 2 })],
      byResponsible: [],
      overdue: { deadlines: 0, recommendations: 0 },
      progress: { score: 1, total: 2, ratio: null, remaining: 1 },
      progressByTopic: [group, group],
      progressBySource: [group],
      stale: 0,
      total: 2,
      generatedAt: '2026-06-15T17:00:00.000Z',
    }) as unknown as StatsView;
    expect(encodeStats(figures)).toBe(JSON.stringify(figures));
    expect(encodeStats(figures)).toBe(JSON.stringify(figures));
  });
});
