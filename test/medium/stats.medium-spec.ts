/**
 * The stats through StatsService on a real database: StatsRepository's grouped counts, checked
 * against what the list reads (RecommendationsService, DeadlinesService) say about the same data,
 * and kept current by the read cache after writes and across a local midnight.
 */
import type { FactoryItem } from '../support/factories';
import { bootMedium, EDITOR, MediumApp } from '../support/medium-app';
import { DeadlineWritesService } from '../../src/deadlines/deadline-commands.service';
import { DeadlinesService } from '../../src/deadlines/deadlines.service';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import { STATUSES } from '../../src/recommendations/rules/status-vocabulary';
import { encodeStats, StatsService } from '../../src/stats/stats.service';
import { StatsRepository } from '../../src/stats/stats.repository';
import { ReadCache } from '../../src/common/cache/read-cache';
import { Clock } from '../../src/common/clock';
import { Environment } from '../../src/config/environment';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { FILL_STAT_TALLY } from '../../src/database/stat-tally-triggers.sql';

// Noon in Chicago on 2026-06-15.
const T0 = '2026-06-15T17:00:00.000Z';
const DAY = 24 * 3_600_000;

const ITEMS: FactoryItem[] = [
  {
    slug: 'a',
    statuses: [{ status: 'implemented', on: '2026-05-01' }],
    deadlines: [{ due: '2026-05-31' }, { due: '2026-06-30' }],
  },
  { slug: 'b', statuses: [{ status: 'in_progress', on: '2026-04-01' }], deadlines: [{ due: '2026-07-15' }] },
  {
    slug: 'c',
    source: 'report-b',
    responsible: 'city',
    statuses: [{ status: 'in_progress', on: '2019-04-01' }],
    deadlines: [{ due: '2026-06-10' }],
  },
  {
    slug: 'd',
    kind: 'commitment',
    responsible: 'city',
    deadlines: [{ due: '2026-12-31' }, { due: '2026-06-01', state: 'met', metOn: '2026-05-20' }],
  },
];

describe('stats (service and repository on a real database)', () => {
  let t: MediumApp;
  let stats: StatsService;

  /** The same figures, computed from the list reads. */
  async function fromLists() {
    const items = (await t.get(RecommendationsService).list({ limit: 200 })).items;
    const deadlines = t.get(DeadlinesService);
    const count = async (query: { overdue?: boolean; dueWithin?: number }) => {
      const rows = (await deadlines.list({ ...query, limit: 200 })).items;
      return { deadlines: rows.length, recommendations: new Set(rows.map((d) => d.recommendation.slug)).size };
    };
    return {
      byStatus: Object.fromEntries(STATUSES.map((s) => [s, items.filter((i) => i.status === s).length])),
      total: items.length,
      stale: items.filter((i) => i.stale).length,
      overdue: await count({ overdue: true }),
      dueWithin30: await count({ dueWithin: 30 }),
    };
  }

  /** The same figures computed now with nothing cached. */
  function fullRecompute() {
    const uncached = {
      value: (_key: string, _reads: unknown, compute: () => Promise<unknown>) => compute(),
    } as unknown as ReadCache;
    return new StatsService(t.get(StatsRepository), t.get(Environment), t.get(Clock), uncached).stats();
  }

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    await t.seed(ITEMS);
    stats = t.get(StatsService);
  });
  afterAll(() => t.close());

  it('counts by status, kind, source and responsible actor', async () => {
    const s = await stats.stats();
    expect(s.total).toBe(4);
    expect(s.byStatus).toMatchObject({ implemented: 1, in_progress: 2, not_assessed: 1, stalled: 0 });
    expect(s.byKind).toMatchObject({ recommendation: 3, commitment: 1 });
    expect(s.bySource.map((x) => [x.slug, x.count])).toEqual(
      expect.arrayContaining([
        ['report-a', 3],
        ['report-b', 1],
      ]),
    );
    expect(s.byResponsible.map((x) => [x.slug, x.count])).toEqual(
      expect.arrayContaining([
        ['police', 2],
        ['city', 2],
      ]),
    );
    expect(s.progress.remaining).toBe(3);
    expect(s.overdue).toEqual({ deadlines: 2, recommendations: 2 });
    // a's 2026-06-30 and b's 2026-07-15 (the 30th local day).
    expect(s.dueWithin30).toEqual({ deadlines: 2, recommendations: 2 });
    // c was last assessed in 2019, d never.
    expect(s.stale).toBe(2);
    expect(s.generatedAt).toBe(T0);
  });

  it('agrees with the list reads on the same data', async () => {
    expect(await stats.stats()).toMatchObject(await fromLists());
  });

  it('shows a write at once (the cached figures are dropped when the data changes)', async () => {
    const first = await stats.stats();
    expect(await stats.stats()).toBe(first);
    await t.recordStatus('b', 'implemented', '2026-06-14');
    await t.get(DeadlineWritesService).settle('c-dl-0', 'missed', {}, undefined, EDITOR);
    const after = await stats.stats();
    expect(after.byStatus).toMatchObject({ implemented: 2, in_progress: 1 });
    expect(after.overdue).toEqual({ deadlines: 1, recommendations: 1 });
    expect(after).toMatchObject(await fromLists());
  });

  it('a status change recomputes the figures it can change and keeps the deadline figures, which equal a full recompute', async () => {
    const before = await stats.stats();
    await t.recordStatus('a', 'in_progress', '2026-06-15');
    const after = await stats.stats();
    expect(after).not.toBe(before);
    expect(after.byStatus.in_progress).toBe(before.byStatus.in_progress + 1);
    expect(after.progressBySource).not.toEqual(before.progressBySource);
    // The deadline part was not recomputed: the very same (frozen) objects.
    expect(after.overdue).toBe(before.overdue);
    expect(after.dueWithin30).toBe(before.dueWithin30);
    expect(after).toEqual(await fullRecompute());
    expect(after).toMatchObject(await fromLists());
    // A deadline write recomputes the deadline part (and the item tallies' part: it writes stat_tally too).
    await t.get(DeadlineWritesService).settle('d-dl-0', 'missed', {}, undefined, EDITOR);
    const settled = await stats.stats();
    expect(settled.overdue).not.toBe(after.overdue);
    expect(settled).toEqual(await fullRecompute());
    expect(settled).toMatchObject(await fromLists());
    await t.recordStatus('a', 'implemented', '2026-06-15');
    // A first status for the item never reviewed: one stale item fewer (counted again from the
    // review dates the write touched, on SQLite), and then the old one reviewed: none left.
    await t.recordStatus('d', 'accepted', '2026-06-15');
    const reviewed = await stats.stats();
    expect(reviewed.stale).toBe(settled.stale - 1);
    expect(reviewed).toEqual(await fullRecompute());
    expect(reviewed).toMatchObject(await fromLists());
    await t.recordStatus('c', 'in_progress', '2026-06-15');
    const none = await stats.stats();
    expect(none.stale).toBe(0);
    expect(none).toEqual(await fullRecompute());
  });

  it('moves with the clock past a local midnight: deadlines fall due and overdue', async () => {
    t.clock.advance(16 * DAY);
    const later = await stats.stats();
    expect(later.generatedAt).toBe(new Date(Date.parse(T0) + 16 * DAY).toISOString());
    // a's 2026-06-30 deadline has now closed too.
    expect(later.overdue).toEqual({ deadlines: 2, recommendations: 1 });
    expect(later).toMatchObject(await fromLists());
  });

  it('after a write reads only the tally rows it wrote (SQLite), also when another process wrote them', async () => {
    const repo = t.get(StatsRepository);
    if (!repo.sequenced) return; // PostgreSQL reads every row (stat-tally.entity.ts); the figures are checked above
    await stats.stats();
    const read = jest.spyOn(repo, 'tallyRows');
    try {
      await t.recordStatus('b', 'stalled', '2026-07-01');
      const after = await stats.stats();
      expect(read).toHaveBeenCalledTimes(1);
      const [since] = read.mock.calls[0];
      expect(typeof since).toBe('number');
      const written = await read.mock.results[0].value;
      const all = await repo.tallyRows();
      expect(written.length).toBeGreaterThan(0);
      expect(written.length).toBeLessThan(all.length);
      expect(after.byStatus.stalled).toBe(1);
      expect(after).toEqual(await fullRecompute());
      // Another process on the same file (the CLI, another instance): its commit is read the same way.
      const other = new Database(t.db.env.DATABASE_PATH);
      try {
        other.prepare(`UPDATE recommendation SET headline_status = 'rejected' WHERE slug = 'c'`).run();
        other.prepare(`UPDATE source SET title = 'Report B, renamed' WHERE slug = 'report-b'`).run();
      } finally {
        other.close();
      }
      const elsewhere = await stats.stats();
      expect(elsewhere.byStatus.rejected).toBe(1);
      // A group's name is read again when it changes, though its tallies did not.
      expect(elsewhere.progressBySource.find((g) => g.slug === 'report-b')?.title).toBe('Report B, renamed');
      expect(elsewhere).toEqual(await fullRecompute());
      // A recount by hand (every row deleted and written again, without a sequence) is read whole again.
      const db = t.get(DataSource);
      await db.query(`UPDATE recommendation SET headline_status = 'not_started' WHERE slug = 'c'`);
      await db.query(`DELETE FROM stat_tally`);
      for (const statement of FILL_STAT_TALLY) await db.query(statement);
      const recounted = await stats.stats();
      expect(recounted.byStatus.not_started).toBe(elsewhere.byStatus.not_started + 1);
      expect(recounted).toEqual(await fullRecompute());
      // Written from the texts kept for the unchanged groups, the same JSON as written whole.
      for (const figures of [after, elsewhere]) expect(encodeStats(figures)).toBe(JSON.stringify(figures));
    } finally {
      read.mockRestore();
    }
  });
});
