/**
 * stat_tally, the running counts behind the stats, kept by triggers: after every kind of write
 * (import, status change, retraction, review, deadline outcome and new deadline, an item's kind,
 * weight, topics, source and responsible actor edited, an item deleted) it holds exactly what
 * counting the tables from scratch gives (the migration's fill statements). On SQLite, every row a
 * write changed carries a change sequence above the table's version before it (what the stats'
 * incremental read relies on, StatsRepository.tallyRows).
 */
import { DataSource } from 'typeorm';
import { ADMIN, bootMedium, EDITOR, MediumApp } from '../support/medium-app';
import { CatalogWritesService } from '../../src/common/writes/record-writes.service';
import { FILL_STAT_TALLY } from '../../src/database/stat-tally-triggers.sql';
import { DeadlineWritesService } from '../../src/deadlines/deadline-commands.service';
import { RecommendationsService } from '../../src/recommendations/recommendations.service';
import { StatusChangeWritesService } from '../../src/recommendations/status-changes.service';
import { StatsRepository } from '../../src/stats/stats.repository';

const T0 = '2026-06-15T17:00:00.000Z';

type Tally = Record<string, { n: number; w: number }>;

describe('stat_tally (kept by triggers on a real database)', () => {
  let t: MediumApp;
  let db: DataSource;

  /** The tally's non-zero rows, by "dimension grp status". */
  async function read(): Promise<Tally> {
    const rows: Array<{ dimension: string; grp: string; status: string; n: number; w: number }> = await db.query(
      `SELECT dimension AS "dimension", grp AS "grp", status AS "status", n AS "n", w AS "w" FROM stat_tally WHERE n <> 0`,
    );
    return Object.fromEntries(rows.map((r) => [`${r.dimension} ${r.grp} ${r.status}`, { n: Number(r.n), w: Number(r.w) }]));
  }

  /** The tally as the triggers kept it, and as counting the tables now gives it (which then replaces it). */
  async function keptAndRecounted(): Promise<[Tally, Tally]> {
    const kept = await read();
    await db.query(`DELETE FROM stat_tally`);
    for (const statement of FILL_STAT_TALLY) await db.query(statement);
    return [kept, await read()];
  }

  /** Every row (zeros included) with its sequence, and the table's version, as of the last check. */
  let before: { rows: Map<string, { n: number; w: number; seq: number }>; version: number } | undefined;

  async function sequenced() {
    const repo = t.get(StatsRepository);
    const version = await repo.tallyVersion();
    const rows: Array<{ dimension: string; grp: string; status: string; n: number; w: number; seq: number }> = await db.query(
      `SELECT dimension AS "dimension", grp AS "grp", status AS "status", n AS "n", w AS "w", seq AS "seq" FROM stat_tally`,
    );
    return {
      rows: new Map(
        rows.map((r) => [`${r.dimension} ${r.grp} ${r.status}`, { n: Number(r.n), w: Number(r.w), seq: Number(r.seq) }]),
      ),
      version,
    };
  }

  /** SQLite: the rows the writes since the last check changed (or added) all carry a sequence above the version then. */
  async function expectSequenced(): Promise<number> {
    if (!t.get(StatsRepository).sequenced || !before) return 0;
    const now = await sequenced();
    const changed = [...now.rows].filter(([k, r]) => {
      const was = before!.rows.get(k);
      return !was || was.n !== r.n || was.w !== r.w;
    });
    for (const [key, r] of changed) expect([key, r.seq > before.version]).toEqual([key, true]);
    expect(now.version).toBeGreaterThan(before.version);
    return changed.length;
  }

  async function expectInStep(): Promise<Tally> {
    const changed = await expectSequenced();
    if (before) expect(changed).toBeGreaterThan(0);
    const [kept, recounted] = await keptAndRecounted();
    expect(kept).toEqual(recounted);
    // The recount rewrote every row (at sequence 0): the next check starts from here.
    if (t.get(StatsRepository).sequenced) before = await sequenced();
    return kept;
  }

  const version = async (slug: string) => `"${(await t.get(RecommendationsService).detail(slug)).version}"`;

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    db = t.get(DataSource);
    await t.seed([
      {
        slug: 'a',
        topics: ['foot-pursuits'],
        statuses: [{ status: 'implemented', on: '2026-05-01' }],
        deadlines: [{ due: '2026-05-31' }, { due: '2026-06-30' }],
      },
      {
        slug: 'b',
        topics: ['foot-pursuits', 'training'],
        statuses: [{ status: 'in_progress', on: '2026-04-01' }],
        deadlines: [{ due: '2026-07-15' }],
      },
      { slug: 'c', source: 'report-b', responsible: 'city', statuses: [{ status: 'in_progress', on: '2019-04-01' }] },
      { slug: 'd', kind: 'commitment', topics: ['training'], deadlines: [{ due: '2026-12-31' }] },
      { slug: 'e', topics: ['training'] },
    ]);
  });
  afterAll(() => t.close());

  it('counts what the import wrote', async () => {
    const kept = await expectInStep();
    expect(kept['status  in_progress']).toEqual({ n: 2, w: 2 });
    const open = Object.entries(kept).filter(([k]) => k.startsWith('deadline_close '));
    expect(open.reduce((n, [, v]) => n + v.n, 0)).toBe(4);
    expect(Object.keys(kept).filter((k) => k.startsWith('topic ')).length).toBeGreaterThan(0);
  });

  it('follows status changes, retractions and reviews', async () => {
    await t.recordStatus('b', 'implemented', '2026-06-01');
    const { id } = await t.recordStatus('c', 'stalled', '2026-06-02');
    await t.recordStatus('c', 'in_progress', '2026-06-02', { retracts: id });
    await t
      .get(StatusChangeWritesService)
      .review('d', { reviewedOn: '2026-06-10', source: 'report-a', excerpt: 'Checked.' }, EDITOR);
    const kept = await expectInStep();
    expect(kept['status  implemented']).toEqual({ n: 2, w: 2 });
  });

  it('follows deadline outcomes and new deadlines', async () => {
    await t
      .get(DeadlineWritesService)
      .settle('a-dl-0', 'met', { metOn: '2026-05-30', url: 'https://example.org/met' }, undefined, EDITOR);
    await t
      .get(DeadlineWritesService)
      .create(
        'c',
        { label: 'Report due', due: '2026-09', precision: 'month', authority: 'official_promise', source: 'report-a' },
        EDITOR,
      );
    await expectInStep();
  });

  it('follows edits of kind, weight, topics, source and responsible actor, and a deletion', async () => {
    const records = t.get(CatalogWritesService);
    await records.update(
      'recommendations',
      { slug: 'b' },
      { kind: 'commitment', weight: 2.5, topics: ['training'], source: 'report-b', responsible: 'police' },
      await version('b'),
      ADMIN,
    );
    await records.update('recommendations', { slug: 'd' }, { topics: [], responsible: 'city' }, await version('d'), ADMIN);
    let kept = await expectInStep();
    expect(kept['status  implemented']).toEqual({ n: 2, w: 3.5 });
    await records.remove('recommendations', { slug: 'e' }, undefined, ADMIN);
    kept = await expectInStep();
    const kinds = Object.entries(kept).filter(([k]) => k.startsWith('kind '));
    expect(kinds.reduce((n, [, v]) => n + v.n, 0)).toBe(4);
  });
});
