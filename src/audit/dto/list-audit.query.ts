import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageParams } from '../../common/pagination/page-params';
import { named, stack } from '../../common/validation/stack';

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const when = (p: string) =>
  `${p} must be a date (YYYY-MM-DD, a local day in the tracker's time zone) or a date and time with Z or an offset`;

/** `from` / `to`: a local day or an instant. */
const WhenFilter = (description: string, example: string) =>
  named((name) =>
    stack(
      ApiPropertyOptional({ description, example }),
      IsOptional(),
      IsString({ message: when(name) }),
      Matches(DATE_OR_INSTANT, { message: when(name) }),
    ),
  );

export class AuditFilters {
  @ApiPropertyOptional({
    description:
      'The kind of record: recommendation, source, actor, topic, status_change, deadline, finding, link, event, api_key, import…',
  })
  @IsOptional()
  @IsString({ message: 'entity must be a single word' })
  @Matches(/^[a-z_]{1,40}$/, { message: 'entity must be a record kind such as recommendation or status_change' })
  entity?: string;

  @ApiPropertyOptional({ description: 'Only this record (its slug; for links "from type to").' })
  @IsOptional()
  @IsString({ message: 'slug must be a single string' })
  @MaxLength(400)
  slug?: string;

  @ApiPropertyOptional({ description: 'The name of the API key that made the change (its imports included).' })
  @IsOptional()
  @IsString({ message: 'key must be a single key name' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,119}$/, { message: 'key must be an API key name' })
  key?: string;

  @WhenFilter('Changes at or after this time (a date means the start of that local day).', '2026-01-01')
  from?: string;

  @WhenFilter('Changes at or before this time (a date means the end of that local day).', '2026-12-31')
  to?: string;
}

export class ListAuditQuery extends IntersectionType(AuditFilters, PageParams) {}
