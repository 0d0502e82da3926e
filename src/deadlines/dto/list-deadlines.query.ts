import { AsOfParam, KnownAtParam } from '../../common/query/read-at.query';
import { IntersectionType } from '@nestjs/swagger';
import { BooleanFilter, DueWithinFilter, EnumListFilter, SlugFilter } from '../../common/query/filter-params';
import { DEADLINE_STATES } from '../rules/deadline-clock';
import type { DeadlineState } from '../rules/deadline-clock';
import { PageParams } from '../../common/pagination/page-params';

export class DeadlineFilters {
  @EnumListFilter(DEADLINE_STATES, 'Repeat or comma-separate for several.')
  state?: DeadlineState[];

  @BooleanFilter('true: open and past their close; false: all others.')
  overdue?: boolean;

  @DueWithinFilter('Open deadlines closing within this many local days.')
  dueWithin?: number;

  @SlugFilter({ description: 'Slug of the actor responsible for the recommendation.' })
  responsible?: string;

  @SlugFilter({ description: 'Slug of the actor that set the deadline.', example: 'mayor-lori-lightfoot' })
  setBy?: string;

  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}

export class ListDeadlinesQuery extends IntersectionType(DeadlineFilters, PageParams) {}
