import { Column, Entity, Index } from 'typeorm';
import { Actor } from '../catalog/actors/actor.entity';
import { EMBED_EVIDENCE, Evidence } from '../common/entities/evidence.embedded';
import { DateColumn, IdColumn, NoteColumn, References } from '../common/entities/columns';
import { RecommendationRecord } from '../recommendations/recommendation-record.entity';

/**
 * "Reviewed, unchanged": an editor checked an item's status on `reviewedOn` and found it still
 * right. It states no status of its own, so it never moves the "since" date; it only keeps the
 * item from going stale. Append-only, like status changes.
 */
@Entity('review')
@Index('ix_review_rec_reviewed', ['recommendationId', 'reviewedOn'])
@Index('ix_review_recorded_at', ['recordedAt'])
@Index('uq_review_slug', ['slug'], { unique: true })
export class Review extends RecommendationRecord {
  /** The local date the check was made. */
  @DateColumn('reviewed_on')
  reviewedOn: string;

  /** Who checked (an actor: the tracker's editors, or a named reviewer). */
  @IdColumn('reviewer_id')
  reviewerId: number;

  @References(() => Actor, 'reviewer_id')
  reviewer: Actor;

  @Column(() => Evidence, EMBED_EVIDENCE)
  evidence: Evidence;

  @NoteColumn()
  note: string | null;
}
