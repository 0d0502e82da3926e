import { Column } from 'typeorm';
import { IdColumn, RecordedEntity, References } from '../common/entities/columns';
import { Recommendation } from './recommendation.entity';

/**
 * What status changes, findings and reviews share: each is an append-only record about one item,
 * named by a slug. Each entity declares the unique index of its slug (`uq_<table>_slug`).
 */
export abstract class RecommendationRecord extends RecordedEntity {
  @Column({ type: 'varchar', length: 200 })
  slug: string;

  @IdColumn('recommendation_id')
  recommendationId: number;

  @References(() => Recommendation, 'recommendation_id')
  recommendation: Recommendation;
}
