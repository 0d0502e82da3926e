import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Actor } from '../catalog/actors/actor.entity';
import { instantTransformer } from '../common/entities/timestamps';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Source } from '../catalog/sources/source.entity';
import type { FindingLevel } from './rules/regression';

/** A monitor's compliance assessment of one recommendation for one reporting period. */
@Entity('finding')
@Index('ix_finding_rec_period', ['recommendationId', 'assessorId', 'periodEnd'])
@Index('ix_finding_recorded_at', ['recordedAt'])
export class Finding {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_finding_slug', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  slug: string;

  @Column({ name: 'recommendation_id', type: 'integer' })
  recommendationId: number;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Recommendation;

  @Column({ name: 'assessor_id', type: 'integer' })
  assessorId: number;

  @ManyToOne(() => Actor, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'assessor_id' })
  assessor: Actor;

  @Column({ name: 'report_id', type: 'integer' })
  reportId: number;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'report_id' })
  report: Source;

  @Column({ name: 'period_start', type: 'varchar', length: 10 })
  periodStart: string;

  @Column({ name: 'period_end', type: 'varchar', length: 10 })
  periodEnd: string;

  /** null when the report's level for this item is not known from the sources. */
  /** When the report was filed or published: the finding exists from then on in "as of" views. */
  @Column({ name: 'filed_on', type: 'varchar', length: 10, nullable: true })
  filedOn: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  level: FindingLevel | null;

  @Column({ name: 'deadline_met', type: 'boolean', nullable: true })
  deadlineMet: boolean | null;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 24, transformer: instantTransformer })
  recordedAt: Date;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy: string;
}
