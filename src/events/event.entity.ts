import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Source } from '../catalog/sources/source.entity';

/** Context on a timeline: a shooting, a report's release, a hearing. */
@Entity('event')
@Index('ix_event_occurred_on', ['occurredOn', 'slug'])
export class TimelineEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_event_slug', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  slug: string;

  @Column({ name: 'occurred_on', type: 'varchar', length: 10 })
  occurredOn: string;

  /** Why `occurredOn` is an inference, when it is one; null when the source states the date. */
  @Column({ name: 'date_inferred', type: 'text', nullable: true })
  dateInferred: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'source_id', type: 'integer' })
  sourceId: number;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'source_id' })
  source: Source;

  @ManyToMany(() => Recommendation)
  @JoinTable({
    name: 'event_recommendation',
    joinColumn: { name: 'event_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'recommendation_id', referencedColumnName: 'id' },
  })
  recommendations: Recommendation[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
