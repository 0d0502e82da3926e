import type { StatsRepository, TallyRow } from './stats.repository';
import { TallyMirror } from './tally-mirror';

/** A stat_tally in memory: rows with their change sequence, and the table's version. */
class FakeTally {
  rows: TallyRow[] = [];
  version = 0;
  sequenced = true;

  write(dimension: string, grp: string, n: number, status = 'in_progress'): void {
    this.version += 1;
    this.rows = this.rows.filter((r) => !(r.dimension === dimension && r.grp === grp && r.status === status));
    this.rows.push({ dimension, grp, status, n, w: n, seq: this.version });
  }

  repo(): StatsRepository {
    return {
      sequenced: this.sequenced,
      tallyVersion: async () => this.version,
      tallyRows: async (since?: number) => this.rows.filter((r) => since === undefined || r.seq > since).map((r) => ({ ...r })),
    } as unknown as StatsRepository;
  }
}

describe('TallyMirror.touchedSince (which groups a later read changed)', () => {
  it('names the groups of a dimension written after a snapshot, and nothing else', async () => {
    const tally = new FakeTally();
    tally.write('reviewed', '2026-01-01', 3);
    tally.write('reviewed', '2026-02-01', 1);
    tally.write('status', '', 4);
    const mirror = new TallyMirror(tally.repo());
    const first = await mirror.current();
    // Read whole: nothing to say about before it.
    expect(first.touchedSince('reviewed', first.change - 1)).toBeNull();
    expect(first.touchedSince('reviewed', first.change)).toEqual([]);

    tally.write('reviewed', '2026-02-01', 0);
    tally.write('reviewed', '2026-03-01', 1);
    tally.write('status', '', 4, 'stalled');
    const second = await mirror.current();
    expect(second.touchedSince('reviewed', first.change)?.sort()).toEqual(['2026-02-01', '2026-03-01']);
    expect(second.touchedSince('status', first.change)).toEqual(['']);
    expect(second.touchedSince('topic', first.change)).toEqual([]);
    expect(second.touchedSince('reviewed', second.change)).toEqual([]);
    // An earlier snapshot asked later names only the changes it saw.
    expect(first.touchedSince('reviewed', first.change)).toEqual([]);
    expect(second.groups('reviewed').get('2026-02-01')?.rows.get('in_progress')?.n).toBe(0);
  });

  it('answers null after its rows were read whole again (written without a sequence)', async () => {
    const tally = new FakeTally();
    tally.write('reviewed', '2026-01-01', 3);
    const mirror = new TallyMirror(tally.repo());
    const first = await mirror.current();
    // A recount by hand: the version moves, no row has a later sequence.
    tally.version += 1;
    tally.rows = tally.rows.map((r) => ({ ...r, n: 5, seq: 0 }));
    const second = await mirror.current();
    expect(second.touchedSince('reviewed', first.change)).toBeNull();
    expect(second.groups('reviewed').get('2026-01-01')?.rows.get('in_progress')?.n).toBe(5);
  });

  it('lets its journal go past a few thousand changes, and then answers null', async () => {
    const tally = new FakeTally();
    tally.write('reviewed', '', 1);
    const mirror = new TallyMirror(tally.repo());
    const first = await mirror.current();
    for (let i = 0; i < 5_000; i++) tally.write('reviewed', `d${i}`, 1);
    const second = await mirror.current();
    expect(second.touchedSince('reviewed', first.change)).toBeNull();
    tally.write('reviewed', 'd1', 2);
    const third = await mirror.current();
    expect(third.touchedSince('reviewed', second.change)).toEqual(['d1']);
  });

  it('on an engine without a change sequence reads whole every time, and answers null', async () => {
    const tally = new FakeTally();
    tally.sequenced = false;
    tally.write('reviewed', '2026-01-01', 3);
    const mirror = new TallyMirror(tally.repo());
    const first = await mirror.current();
    tally.write('reviewed', '2026-01-01', 2);
    const second = await mirror.current();
    expect(second.touchedSince('reviewed', first.change)).toBeNull();
  });
});
