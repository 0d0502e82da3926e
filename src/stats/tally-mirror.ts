import type { ItemDimension, StatsRepository, TallyRow } from './stats.repository';

/**
 * The item tallies (stat_tally's per-item dimensions) as this process last read them, brought up to
 * date by reading only the rows written since (their change sequence, stat-tally.entity.ts), so the
 * stats after a status change read about a dozen rows instead of a few thousand. Where the engine
 * cannot say which rows were written since (PostgreSQL: transactions commit out of sequence order),
 * every read reads them all.
 *
 * Reads run one after another (`current` queues behind the read under way), so an older read never
 * overwrites what a newer one brought. A row that no write deletes (stat-tally.entity.ts) is kept
 * here until the process ends; one that falls to 0 stays at 0, as in the table.
 */
export class TallyMirror {
  private readonly rows = new Map<ItemDimension, Map<string, TallyRow>>();
  /** The version of stat_tally the rows are as of; null before the first read. */
  private version: number | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly repo: StatsRepository) {}

  /** The rows of `dimension` as of a moment during this call (after the writes committed before it). */
  async current(): Promise<TallySnapshot> {
    const read = this.tail.then(() => this.bringUpToDate());
    this.tail = read.catch(() => undefined);
    await read;
    return { rows: (dimension) => this.rows.get(dimension)?.values() ?? [].values() };
  }

  private async bringUpToDate(): Promise<void> {
    if (!this.repo.sequenced) return this.replace(await this.repo.tallyRows(), null);
    // The version first: every row written up to it is visible to the read of the rows after it.
    const version = await this.repo.tallyVersion();
    if (this.version === null) return this.replace(await this.repo.tallyRows(), version);
    if (version === this.version) return;
    for (const row of await this.repo.tallyRows(this.version)) this.put(row);
    this.version = version;
  }

  private replace(rows: TallyRow[], version: number | null): void {
    this.rows.clear();
    for (const row of rows) this.put(row);
    this.version = version;
  }

  private put(row: TallyRow): void {
    let rows = this.rows.get(row.dimension);
    if (!rows) this.rows.set(row.dimension, (rows = new Map()));
    rows.set(`${row.grp}\u0000${row.status}`, row);
  }
}

/** The tallies as of one read: each dimension's rows (those at 0 included). */
export interface TallySnapshot {
  rows(dimension: ItemDimension): Iterable<TallyRow>;
}
