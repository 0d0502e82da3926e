import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, IdEntity, NoteColumn } from '../common/entities/columns';
import { EMBED_EVIDENCE, EvidenceColumns } from '../common/entities/evidence.embedded';

/**
 * Every state a deadline has been recorded in, oldest first: one row when it is set and one for
 * each later outcome (met, partly met, missed, fulfilled, extended, withdrawn, unknown). Written by
 * database triggers on `deadline` (migration DeadlineRevisions), so no write path can skip it.
 * `knownAt` views read a deadline as its latest revision recorded by then.
 */
@Entity('deadline_revision')
@Index('ix_deadline_revision_deadline', ['deadlineId', 'recordedAt'])
export class DeadlineRevision extends IdEntity {
  @IdColumn('deadline_id')
  deadlineId: number;

  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt: string;

  @Column({ type: 'varchar', length: 20 })
  state: string;

  @DateColumn('met_on', { nullable: true })
  metOn: string | null;

  @DateColumn('settled_on', { nullable: true })
  settledOn: string | null;

  @DateColumn('fulfilled_on', { nullable: true })
  fulfilledOn: string | null;

  @IdColumn('extended_by_id', { nullable: true })
  extendedById: number | null;

  /** The outcome's evidence as recorded then; plain columns, without the deadline's foreign keys. */
  @Column(() => EvidenceColumns, EMBED_EVIDENCE)
  evidence: EvidenceColumns;

  @NoteColumn()
  note: string | null;

  /** The deadline's version in this revision (what If-Match compared then). */
  @Column({ type: 'integer' })
  version: number;
}
