import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { BooleanFilter, DueWithinFilter, EnumListFilter, SlugFilter } from '../../common/query/filter-params';
import { STATUSES } from '../rules/status-vocabulary';
import type { Status } from '../rules/status-vocabulary';
import { RECOMMENDATION_KINDS } from '../recommendation.entity';
import type { RecommendationKind } from '../recommendation.entity';
import { PageParams } from '../../common/pagination/page-params';
import { AsOfParam, KnownAtParam } from '../../common/query/read-at.query';
import { RECOMMENDATION_SORTS } from '../recommendation-sort';
import type { RecommendationSort } from '../recommendation-sort';

/** Filters shared by the recommendation list, its exports and its feeds. */
export class RecommendationFilters {
  @EnumListFilter(STATUSES, 'Headline status; repeat or comma-separate for several.')
  status?: Status[];

  @ApiPropertyOptional({ enum: RECOMMENDATION_KINDS })
  @IsOptional()
  @IsIn(RECOMMENDATION_KINDS, { message: `kind must be one of: ${RECOMMENDATION_KINDS.join(', ')}` })
  kind?: RecommendationKind;

  @SlugFilter({ description: 'Topic slug.', example: 'foot-pursuits' })
  topic?: string;

  @SlugFilter({ description: 'Source slug.' })
  source?: string;

  @SlugFilter({ description: 'Slug of the responsible actor.', example: 'chicago-police-department' })
  responsible?: string;

  @SlugFilter({ description: 'Only items this actor has assessed (actor slug).', example: 'independent-monitoring-team' })
  assessor?: string;

  @BooleanFilter('true: only items with an overdue deadline; false: only items without.')
  overdue?: boolean;

  @DueWithinFilter('Only items with an open deadline closing within this many local days.')
  dueWithin?: number;

  @BooleanFilter('true: only items whose headline status has not been reviewed in STALE_AFTER_DAYS.')
  stale?: boolean;

  @ApiPropertyOptional({
    description:
      'Words to find, in any order, in the title, text, source, responsible actor, topics, deadline labels, evidence and findings (stems and prefixes match: "pursuits" finds "pursuit"; "G03-07" matches as a phrase). Results are ranked unless sort is given.',
    example: 'foot pursuit',
  })
  @IsOptional()
  @IsString({ message: 'q must be a single string' })
  @MinLength(1, { message: 'q must not be empty' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}

export class ListRecommendationsQuery extends IntersectionType(RecommendationFilters, PageParams) {
  @ApiPropertyOptional({
    enum: RECOMMENDATION_SORTS,
    description:
      'The order: relevance (the default with q), slug (the default otherwise), status (vocabulary order), date (the status date), deadline (the next open deadline), title; a leading - reverses it.',
  })
  @IsOptional()
  @IsIn(RECOMMENDATION_SORTS, { message: `sort must be one of: ${RECOMMENDATION_SORTS.join(', ')}` })
  sort?: RecommendationSort;
}
