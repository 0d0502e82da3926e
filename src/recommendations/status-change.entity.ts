import { Column, Entity, Index } from 'typeorm';
import { Actor } from '../catalog/actors/actor.entity';
import { EMBED_EVIDENCE, Evidence } from '../common/entities/evidence.embedded';
import { DateColumn, IdColumn, NoteColumn, References } from '../common/entities/columns';
import { RecommendationRecord } from './recommendation-record.entity';
import type { Status } from './rules/status-vocabulary';

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/**
 * Append-only: "as of effectiveOn, assessor says the status is X, because of this evidence".
 * Nothing here is ever updated except `retracted`, which is derived from the chain of `retracts`
 * pointers and kept so that list queries can skip retracted rows without recursion.
 */
@Entity('status_change')
@Index('ix_status_change_rec_assessor', ['recommendationId', 'assessorId', 'effectiveOn'])
@Index('ix_status_change_assessor_rec', ['assessorId', 'recommendationId'])
@Index('ix_status_change_recorded_at', ['recordedAt'])
@Index('uq_status_change_slug', ['slug'], { unique: true })
export class StatusChange extends RecommendationRecord {
  /** null only for a pure retraction: it withdraws `retracts` without stating a status of its own. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  status: Status | null;

  @DateColumn('effective_on')
  effectiveOn: string;

  /** How precisely effectiveOn is known: a "2018-01" fact is stored as 2018-01-01, precision month. */
  @Column({ name: 'effective_precision', type: 'varchar', length: 10, default: 'day' })
  effectivePrecision: DatePrecision;

  @IdColumn('assessor_id')
  assessorId: number;

  @References(() => Actor, 'assessor_id')
  assessor: Actor;

  /** Why `effectiveOn` is an inference, when it is one; null when the source states the date. */
  @Column({ name: 'date_inferred', type: 'text', nullable: true })
  dateInferred: string | null;

  @Column(() => Evidence, EMBED_EVIDENCE)
  evidence: Evidence;

  @NoteColumn()
  note: string | null;

  @Index('ix_status_change_retracts')
  @IdColumn('retracts_id', { nullable: true })
  retractsId: number | null;

  @References(() => StatusChange, 'retracts_id', { nullable: true })
  retracts: StatusChange | null;

  /** Derived from the retraction chain; see current-status.ts. */
  @Column({ type: 'boolean', default: false })
  retracted: boolean;
}
