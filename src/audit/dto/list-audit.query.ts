import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageCursor, PageLimit } from '../../common/pagination/page-params';

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const when = (p: string) =>
  `${p} must be a date (YYYY-MM-DD, a local day in the tracker's time zone) or a date and time with Z or an offset`;

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

  @ApiPropertyOptional({
    description: 'Changes at or after this time (a date means the start of that local day).',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsString({ message: when('from') })
  @Matches(DATE_OR_INSTANT, { message: when('from') })
  from?: string;

  @ApiPropertyOptional({
    description: 'Changes at or before this time (a date means the end of that local day).',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsString({ message: when('to') })
  @Matches(DATE_OR_INSTANT, { message: when('to') })
  to?: string;
}

export class ListAuditQuery extends AuditFilters {
  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
