import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Actor } from '../catalog/actors/actor.entity';
import { EMBED_EVIDENCE, Evidence } from '../common/entities/evidence.embedded';
import { instantTransformer } from '../common/entities/timestamps';
import { Recommendation } from '../recommendations/recommendation.entity';

/**
 * "Reviewed, unchanged": an editor checked an item's status on `reviewedOn` and found it still
 * right. It states no status of its own, so it never moves the "since" date; it only keeps the
 * item from going stale. Append-only, like status changes.
 */
@Entity('review')
@Index('ix_review_rec_reviewed', ['recommendationId', 'reviewedOn'])
@Index('ix_review_recorded_at', ['recordedAt'])
export class Review {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_review_slug', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  slug: string;

  @Column({ name: 'recommendation_id', type: 'integer' })
  recommendationId: number;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Recommendation;

  /** The local date the check was made. */
  @Column({ name: 'reviewed_on', type: 'varchar', length: 10 })
  reviewedOn: string;

  /** Who checked (an actor: the tracker's editors, or a named reviewer). */
  @Column({ name: 'reviewer_id', type: 'integer' })
  reviewerId: number;

  @ManyToOne(() => Actor, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer: Actor;

  @Column(() => Evidence, EMBED_EVIDENCE)
  evidence: Evidence;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_at', type: 'varchar', length: 24, transformer: instantTransformer })
  recordedAt: Date;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy: string;
}
