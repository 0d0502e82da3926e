import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, LinkTable, References, SlugColumn, VersionedEntity } from '../common/entities/columns';
import { Actor } from '../catalog/actors/actor.entity';
import { Source } from '../catalog/sources/source.entity';
import { Topic } from '../catalog/topics/topic.entity';
import type { Status } from './rules/status-vocabulary';

export const RECOMMENDATION_KINDS = [
  'recommendation',
  'requirement',
  'commitment',
  'demand',
  'disciplinary_recommendation',
] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

/**
 * The tracked item. `headlineStatus`, `statusAsOf` and `nextCloseAt` are derived from the status
 * changes and deadlines (see RecommendationDerivedService) and stored so that list filters and
 * counts are index lookups rather than per-row computations over 100,000 items.
 */
@Entity('recommendation')
@Index('ix_recommendation_status_slug', ['headlineStatus', 'slug'])
@Index('ix_recommendation_kind_slug', ['kind', 'slug'])
@Index('ix_recommendation_source_slug', ['sourceId', 'slug'])
@Index('ix_recommendation_responsible_slug', ['responsibleId', 'slug'])
@Index('ix_recommendation_status_as_of', ['statusAsOf'])
@Index('ix_recommendation_reviewed_on', ['reviewedOn'])
// Covers the by-status counts and weighted progress of /stats without reading the rows.
@Index('ix_recommendation_status_weight', ['headlineStatus', 'weight'])
export class Recommendation extends VersionedEntity {
  @SlugColumn('uq_recommendation_slug', 160)
  slug: string;

  @Column({ type: 'varchar', length: 40 })
  kind: RecommendationKind;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'text_is_verbatim', type: 'boolean', default: false })
  textIsVerbatim: boolean;

  /** The document a verbatim text was actually read in, when that is not `source`. */
  @IdColumn('text_via_id', { nullable: true })
  textViaId: number | null;

  @References(() => Source, 'text_via_id', { nullable: true })
  textVia: Source | null;

  /** When the item came into existence in the world (made, promised, ordered); "as of" views start here. */
  @DateColumn('issued_on', { nullable: true })
  issuedOn: string | null;

  @Column({ name: 'issued_precision', type: 'varchar', length: 10, default: 'day' })
  issuedPrecision: string;

  @IdColumn('source_id')
  sourceId: number;

  @References(() => Source, 'source_id')
  source: Source;

  @Column({ type: 'varchar', length: 200, nullable: true })
  pinpoint: string | null;

  @IdColumn('responsible_id', { nullable: true })
  responsibleId: number | null;

  @References(() => Actor, 'responsible_id', { nullable: true })
  responsible: Actor | null;

  @Column({ type: 'real', default: 1 })
  weight: number;

  @LinkTable(() => Topic, 'recommendation_topic', 'recommendation_id', 'topic_id')
  topics: Topic[];

  /** Derived: the headline assessor's current status. */
  @Column({ name: 'headline_status', type: 'varchar', length: 40, default: 'not_assessed' })
  headlineStatus: Status;

  /** Derived: effectiveOn of the headline status change (null when never assessed). */
  @DateColumn('status_as_of', { nullable: true })
  statusAsOf: string | null;

  /** Derived: the close instant (ISO) of the earliest open deadline, null when none is open. */
  @Column({ name: 'next_close_at', type: 'varchar', length: 24, nullable: true })
  nextCloseAt: string | null;

  /**
   * Derived: the last date the headline status is known to have been checked, the later of its
   * effective date and the last "reviewed, unchanged" record. Staleness is measured from it.
   */
  @DateColumn('reviewed_on', { nullable: true })
  reviewedOn: string | null;
}
