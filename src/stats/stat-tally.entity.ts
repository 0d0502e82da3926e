import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Running counts behind /stats and the overview, kept by database triggers on recommendation,
 * recommendation_topic and deadline (migrations StatTallies), so every write path (API, import,
 * seed, clock sync) updates them in its own transaction and a read never counts a whole table.
 * One row per (dimension, group, status):
 * - `status`: group '', per headline status: items and summed weight;
 * - `kind`: group = kind;
 * - `source`, `topic`: group = the source's / topic's id, per headline status: items and weight;
 * - `responsible`: group = the actor's id ('' when none);
 * - `reviewed`: group = reviewed_on ('' when never reviewed);
 * - `next_close`: group = next_close_at, the earliest open close of an item ('' when none is open);
 * - `deadline_close`: group = closes_at of open deadlines.
 * Rows that fall to zero stay (n = 0); readers skip them, and no write deletes one. On SQLite the
 * table is WITHOUT ROWID (migration StatTallyWithoutRowid): a dimension's rows and counts are one
 * range of it.
 *
 * `seq`, SQLite only: the table's version (table_version 'stat_tally') after the row was last
 * written, set by the same triggers, so the rows written since a version the reader knows are one
 * range of its index (StatsRepository.tallyRows). SQLite commits one writer at a time, so a row
 * committed after the reader's read always has a larger `seq`. PostgreSQL commits concurrent
 * transactions in any order, so there it stays 0 and the rows are read whole.
 */
@Entity('stat_tally', { withoutRowid: true })
@Index('ix_stat_tally_seq', ['seq'])
export class StatTally {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  dimension: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  grp: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  status: string;

  @Column({ type: 'integer', default: 0 })
  n: number;

  @Column({ type: 'real', default: 0 })
  w: number;

  @Column({ type: 'integer', default: 0 })
  seq: number;
}
