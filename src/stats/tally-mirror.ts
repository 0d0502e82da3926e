import { ITEM_DIMENSIONS, type ItemDimension, type StatsRepository, type TallyRow } from './stats.repository';

const ITEM_DIMENSION_SET: ReadonlySet<string> = new Set(ITEM_DIMENSIONS);

/** One group's tally rows (by status), and a number that changes whenever one of them does. */
export interface TallyGroup {
  readonly rows: ReadonlyMap<string, TallyRow>;
  readonly version: number;
}

/** The tallies as of one read: each dimension's groups (rows at 0 included). */
export interface TallySnapshot {
  groups(dimension: ItemDimension): ReadonlyMap<string, TallyGroup>;
  rows(dimension: ItemDimension): TallyRow[];
  /** The mirror's count of row changes as of this read: pass it to `touchedSince` next time. */
  readonly change: number;
  /**
   * The groups of `dimension` whose rows changed after change number `since` (a `change` of an
   * earlier snapshot), or null when the mirror cannot say (its rows were read whole since, or the
   * journal of changes was let go): count the whole dimension again then.
   */
  touchedSince(dimension: ItemDimension, since: number): string[] | null;
}

/** Changes journaled at most; past this the journal is let go (and `touchedSince` answers null). */
const JOURNAL_MAX = 4_096;

interface MutableGroup {
  rows: Map<string, TallyRow>;
  version: number;
}

const NO_GROUPS: ReadonlyMap<string, TallyGroup> = new Map();

/**
 * The item tallies (stat_tally's per-item dimensions) as this process last read them, brought up to
 * date by reading only the rows written since (their change sequence, stat-tally.entity.ts), so the
 * stats after a status change read about a dozen rows instead of a few thousand, and recompute only
 * the groups whose rows changed (TallyGroup.version). Where the engine cannot say which rows were
 * written since (PostgreSQL: transactions commit out of sequence order), every read reads them all.
 *
 * Reads run one after another (`current` queues behind the read under way), so an older read never
 * overwrites what a newer one brought. No write deletes a tally row (stat-tally.entity.ts), so a
 * row is kept here until the process ends; one that falls to 0 stays at 0, as in the table.
 */
export class TallyMirror {
  private readonly dimensions = new Map<ItemDimension, Map<string, MutableGroup>>();
  /** The version of stat_tally the rows are as of; null before the first read. */
  private version: number | null = null;
  /** Counts every change of a row, across full reads too: a group's version never comes back. */
  private changes = 0;
  /** The groups changed by each read of written rows, by dimension: [change number, group] in order. */
  private journal = new Map<ItemDimension, Array<[number, string]>>();
  /** The change number from which the journal is complete. */
  private journalFrom = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly repo: StatsRepository) {}

  /** The tallies as of a moment during this call (after the writes committed before it). */
  async current(): Promise<TallySnapshot> {
    const read = this.tail.then(() => this.bringUpToDate());
    this.tail = read.catch(() => undefined);
    await read;
    const groups = (dimension: ItemDimension): ReadonlyMap<string, TallyGroup> => this.dimensions.get(dimension) ?? NO_GROUPS;
    const change = this.changes;
    return {
      groups,
      change,
      touchedSince: (dimension, since) => {
        if (since < this.journalFrom) return null;
        const touched: string[] = [];
        const entries = this.journal.get(dimension) ?? [];
        // Newest last: walk back to `since`, and no further than this snapshot's own changes.
        for (let i = entries.length - 1; i >= 0 && entries[i][0] > since; i--)
          if (entries[i][0] <= change) touched.push(entries[i][1]);
        return touched;
      },
      rows(dimension) {
        // Plain loops, not a generator: the review dates alone are a few thousand groups of one row.
        const rows: TallyRow[] = [];
        for (const group of groups(dimension).values()) for (const row of group.rows.values()) rows.push(row);
        return rows;
      },
    };
  }

  private async bringUpToDate(): Promise<void> {
    if (!this.repo.sequenced) return this.replace(await this.repo.tallyRows(), null);
    // The version first: every row written up to it is visible to the read of the rows after it.
    const version = await this.repo.tallyVersion();
    if (this.version === null) return this.replace(await this.repo.tallyRows(), version);
    if (version === this.version) return;
    const written = await this.repo.tallyRows(this.version);
    // The version moved, so some row was written; none with a later sequence means rows were
    // deleted or written without one (a recount run by hand): read them all again.
    if (written.length === 0) return this.replace(await this.repo.tallyRows(), version);
    for (const row of written) {
      const dimension = this.put(row);
      if (dimension) this.journalOf(dimension).push([this.changes, row.grp]);
    }
    if ([...this.journal.values()].some((entries) => entries.length > JOURNAL_MAX)) this.letJournalGo();
    this.version = version;
  }

  private replace(rows: TallyRow[], version: number | null): void {
    this.dimensions.clear();
    for (const row of rows) this.put(row);
    this.letJournalGo();
    this.version = version;
  }

  /** Forgets which groups changed so far: a `touchedSince` before now answers null. */
  private letJournalGo(): void {
    this.journal = new Map();
    this.journalFrom = this.changes;
  }

  private journalOf(dimension: ItemDimension): Array<[number, string]> {
    let entries = this.journal.get(dimension);
    if (!entries) this.journal.set(dimension, (entries = []));
    return entries;
  }

  /** Keeps `row`; its dimension, or null for a row the mirror does not keep. */
  private put(row: TallyRow): ItemDimension | null {
    if (!ITEM_DIMENSION_SET.has(row.dimension)) return null; // the deadline dimensions: the stats read them apart
    const dimension = row.dimension as ItemDimension;
    let groups = this.dimensions.get(dimension);
    if (!groups) this.dimensions.set(dimension, (groups = new Map()));
    let group = groups.get(row.grp);
    if (!group) groups.set(row.grp, (group = { rows: new Map(), version: 0 }));
    group.rows.set(row.status, row);
    group.version = ++this.changes;
    return dimension;
  }
}
