import { KnownAtParam } from '../../common/query/read-at.query';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, ToBoolean, ToInt, ToStringList } from '../../common/query/query-transforms';
import { DEADLINE_STATES } from '../rules/deadline-clock';
import type { DeadlineState } from '../rules/deadline-clock';
import { PageCursor, PageLimit } from '../../common/pagination/page-params';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class DeadlineFilters {
  @ApiPropertyOptional({ enum: DEADLINE_STATES, isArray: true, description: 'Repeat or comma-separate for several.' })
  @IsOptional()
  @ToStringList()
  @IsIn(DEADLINE_STATES, { each: true, message: `state must be one of: ${DEADLINE_STATES.join(', ')}` })
  state?: DeadlineState[];

  @ApiPropertyOptional({ type: Boolean, description: 'true: open and past their close; false: all others.' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 3650,
    description: 'Open deadlines closing within this many local days.',
  })
  @IsOptional()
  @ToInt()
  @IsInt({ message: 'dueWithin must be a whole number of days' })
  @Min(0, { message: 'dueWithin must be between 0 and 3650' })
  @Max(3650, { message: 'dueWithin must be between 0 and 3650' })
  dueWithin?: number;

  @ApiPropertyOptional({ description: 'Slug of the actor responsible for the recommendation.' })
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: 'responsible must be a slug (lowercase letters, digits and hyphens)' })
  responsible?: string;

  @ApiPropertyOptional({ description: 'Slug of the actor that set the deadline.', example: 'mayor-lori-lightfoot' })
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: 'setBy must be a slug (lowercase letters, digits and hyphens)' })
  setBy?: string;

  @ApiPropertyOptional({ description: 'Answer as of the end of this local date (YYYY-MM-DD).' })
  @IsOptional()
  @IsString({ message: 'asOf must be a single date' })
  @IsCalendarDate({ message: 'asOf must be a calendar date written YYYY-MM-DD' })
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}

export class ListDeadlinesQuery extends DeadlineFilters {
  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
