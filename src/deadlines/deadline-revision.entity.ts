import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every state a deadline has been recorded in, oldest first: one row when it is set and one for
 * each later outcome (met, partly met, missed, fulfilled, extended, withdrawn, unknown). Written by
 * database triggers on `deadline` (migration DeadlineRevisions), so no write path can skip it.
 * `knownAt` views read a deadline as its latest revision recorded by then.
 */
@Entity('deadline_revision')
@Index('ix_deadline_revision_deadline', ['deadlineId', 'recordedAt'])
export class DeadlineRevision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'deadline_id', type: 'integer' })
  deadlineId: number;

  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt: string;

  @Column({ type: 'varchar', length: 20 })
  state: string;

  @Column({ name: 'met_on', type: 'varchar', length: 10, nullable: true })
  metOn: string | null;

  @Column({ name: 'settled_on', type: 'varchar', length: 10, nullable: true })
  settledOn: string | null;

  @Column({ name: 'fulfilled_on', type: 'varchar', length: 10, nullable: true })
  fulfilledOn: string | null;

  @Column({ name: 'extended_by_id', type: 'integer', nullable: true })
  extendedById: number | null;

  @Column({ name: 'evidence_source_id', type: 'integer', nullable: true })
  evidenceSourceId: number | null;

  @Column({ name: 'evidence_via_id', type: 'integer', nullable: true })
  evidenceViaId: number | null;

  @Column({ name: 'evidence_url', type: 'varchar', length: 2000, nullable: true })
  evidenceUrl: string | null;

  @Column({ name: 'evidence_excerpt', type: 'text', nullable: true })
  evidenceExcerpt: string | null;

  @Column({ name: 'evidence_pinpoint', type: 'varchar', length: 200, nullable: true })
  evidencePinpoint: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The deadline's version in this revision (what If-Match compared then). */
  @Column({ type: 'integer' })
  version: number;
}
