/** The two paging parameters every list shares, validated and documented the same way everywhere. */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToInt } from '../query/query-transforms';

export const MAX_PAGE_SIZE = 200;
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** `limit`: 1–200, default 50. */
export const PageLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 }),
    IsOptional(),
    ToInt(),
    IsInt({ message: LIMIT_MESSAGE }),
    Min(1, { message: LIMIT_MESSAGE }),
    Max(MAX_PAGE_SIZE, { message: LIMIT_MESSAGE }),
  );

/** `cursor`: the opaque nextCursor of a previous page. */
export const PageCursor = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Opaque cursor from a previous page (nextCursor).' }),
    IsOptional(),
    IsString({ message: 'cursor must be a single string' }),
    MaxLength(2000),
  );

/** `limit` and `cursor` together, for a list's query: `IntersectionType(Filters, PageParams)`. */
export class PageParams {
  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
