import { Column, Entity, Index } from 'typeorm';
import { Actor } from '../catalog/actors/actor.entity';
import { DateColumn, IdColumn, References } from '../common/entities/columns';
import { RecommendationRecord } from '../recommendations/recommendation-record.entity';
import { Source } from '../catalog/sources/source.entity';
import type { FindingLevel } from './rules/regression';

/** A monitor's compliance assessment of one recommendation for one reporting period. */
@Entity('finding')
@Index('ix_finding_rec_period', ['recommendationId', 'assessorId', 'periodEnd'])
@Index('ix_finding_recorded_at', ['recordedAt'])
// The latest report date (filed, else period end) of the dashboard's freshness box, without a scan.
@Index('ix_finding_filed_period', ['filedOn', 'periodEnd'])
@Index('uq_finding_slug', ['slug'], { unique: true })
export class Finding extends RecommendationRecord {
  @IdColumn('assessor_id')
  assessorId: number;

  @References(() => Actor, 'assessor_id')
  assessor: Actor;

  @IdColumn('report_id')
  reportId: number;

  @References(() => Source, 'report_id')
  report: Source;

  @DateColumn('period_start')
  periodStart: string;

  @DateColumn('period_end')
  periodEnd: string;

  /** null when the report's level for this item is not known from the sources. */
  /** When the report was filed or published: the finding exists from then on in "as of" views. */
  @DateColumn('filed_on', { nullable: true })
  filedOn: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  level: FindingLevel | null;

  @Column({ name: 'deadline_met', type: 'boolean', nullable: true })
  deadlineMet: boolean | null;

  @Column({ type: 'text' })
  summary: string;
}
