/**
 * The two time parameters every read that looks back takes: `asOf` (a date in the world: what was
 * true then) and `knownAt` (an instant in the tracker's life: what it had recorded by then). A page
 * cited with both never changes, whatever is recorded, backdated or retracted later.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DateFilter } from './filter-params';
import { IsInstant } from './query-transforms';

export const AsOfParam = () =>
  DateFilter({ description: 'Answer as of the end of this local date (YYYY-MM-DD).', example: '2021-07-01' });

export const KnownAtParam = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'Answer with only what the tracker had recorded by this instant (ISO 8601), so a cited page never changes. Without asOf, asOf is the local date of this instant.',
      example: '2026-11-30T12:00:00Z',
    }),
    IsOptional(),
    IsString({ message: 'knownAt must be a single instant' }),
    IsInstant({ message: 'knownAt must be an ISO 8601 instant such as 2026-11-30T12:00:00Z' }) as PropertyDecorator,
  );

/** `asOf` and `knownAt` alone (the item page, feeds of one item). */
export class ReadAtQuery {
  @AsOfParam()
  asOf?: string;

  @KnownAtParam()
  knownAt?: string;
}
