import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ToBoolean, ToInt, ToStringList } from '../../common/query/query-transforms';
import { STATUSES } from '../rules/status-vocabulary';
import type { Status } from '../rules/status-vocabulary';
import { RECOMMENDATION_KINDS } from '../recommendation.entity';
import type { RecommendationKind } from '../recommendation.entity';
import { PageCursor, PageLimit } from '../../common/pagination/page-params';
import { AsOfParam, KnownAtParam } from '../../common/query/read-at.query';
import { RECOMMENDATION_SORTS } from '../recommendation-sort';
import type { RecommendationSort } from '../recommendation-sort';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = (p: string) => `${p} must be a slug (lowercase letters, digits and hyphens)`;

/** Filters shared by the recommendation list, its exports and its feeds. */
export class RecommendationFilters {
  @ApiPropertyOptional({ enum: STATUSES, isArray: true, description: 'Headline status; repeat or comma-separate for several.' })
  @IsOptional()
  @ToStringList()
  @IsIn(STATUSES, { each: true, message: `status must be one of: ${STATUSES.join(', ')}` })
  status?: Status[];

  @ApiPropertyOptional({ enum: RECOMMENDATION_KINDS })
  @IsOptional()
  @IsIn(RECOMMENDATION_KINDS, { message: `kind must be one of: ${RECOMMENDATION_KINDS.join(', ')}` })
  kind?: RecommendationKind;

  @ApiPropertyOptional({ description: 'Topic slug.', example: 'foot-pursuits' })
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE('topic') })
  topic?: string;

  @ApiPropertyOptional({ description: 'Source slug.' })
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE('source') })
  source?: string;

  @ApiPropertyOptional({ description: 'Slug of the responsible actor.', example: 'chicago-police-department' })
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE('responsible') })
  responsible?: string;

  @ApiPropertyOptional({
    description: 'Only items this actor has assessed (actor slug).',
    example: 'independent-monitoring-team',
  })
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE('assessor') })
  assessor?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only items with an overdue deadline; false: only items without.' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 3650,
    description: 'Only items with an open deadline closing within this many local days.',
  })
  @IsOptional()
  @ToInt()
  @IsInt({ message: 'dueWithin must be a whole number of days' })
  @Min(0, { message: 'dueWithin must be between 0 and 3650' })
  @Max(3650, { message: 'dueWithin must be between 0 and 3650' })
  dueWithin?: number;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only items whose headline status has not been reviewed in STALE_AFTER_DAYS.',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'stale must be true or false' })
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

export class ListRecommendationsQuery extends RecommendationFilters {
  @ApiPropertyOptional({
    enum: RECOMMENDATION_SORTS,
    description:
      'The order: relevance (the default with q), slug (the default otherwise), status (vocabulary order), date (the status date), deadline (the next open deadline), title; a leading - reverses it.',
  })
  @IsOptional()
  @IsIn(RECOMMENDATION_SORTS, { message: `sort must be one of: ${RECOMMENDATION_SORTS.join(', ')}` })
  sort?: RecommendationSort;

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
