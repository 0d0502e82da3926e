import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, LinkTable, References, SlugColumn, VersionedEntity } from '../common/entities/columns';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Source } from '../catalog/sources/source.entity';

/** Context on a timeline: a shooting, a report's release, a hearing. */
@Entity('event')
@Index('ix_event_occurred_on', ['occurredOn', 'slug'])
export class TimelineEvent extends VersionedEntity {
  @SlugColumn('uq_event_slug', 160)
  slug: string;

  @DateColumn('occurred_on')
  occurredOn: string;

  /** Why `occurredOn` is an inference, when it is one; null when the source states the date. */
  @Column({ name: 'date_inferred', type: 'text', nullable: true })
  dateInferred: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @IdColumn('source_id')
  sourceId: number;

  @References(() => Source, 'source_id')
  source: Source;

  @LinkTable(() => Recommendation, 'event_recommendation', 'event_id', 'recommendation_id')
  recommendations: Recommendation[];
}
