/**
 * Query filters that several lists take, each validated and documented the same way wherever it
 * appears. The error messages name the parameter by its property name, so a decorator is written
 * once and still says "setBy must be a slug…" on one list and "topic must be a slug…" on another.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { SLUG } from '../validation/fields';
import { named, stack } from '../validation/stack';
import { IsCalendarDate, ToBoolean, ToInt, ToStringList } from './query-transforms';

interface Doc {
  description?: string;
  example?: string;
}

/** A slug naming a record to filter by (topic, source, an actor…). */
export const SlugFilter = (doc: Doc = {}) =>
  named((name) =>
    stack(
      ApiPropertyOptional(doc),
      IsOptional(),
      IsString(),
      Matches(SLUG, { message: `${name} must be a slug (lowercase letters, digits and hyphens)` }),
    ),
  );

/** One or more of `values`, the parameter repeated or comma-separated. */
export const EnumListFilter = (values: readonly string[], description: string) =>
  named((name) =>
    stack(
      ApiPropertyOptional({ enum: values, isArray: true, description }),
      IsOptional(),
      ToStringList(),
      IsIn(values, { each: true, message: `${name} must be one of: ${values.join(', ')}` }),
    ),
  );

/** `true` or `false`, as the query string spells them. */
export const BooleanFilter = (description: string) =>
  named((name) =>
    stack(
      ApiPropertyOptional({ type: Boolean, description }),
      IsOptional(),
      ToBoolean(),
      IsBoolean({ message: `${name} must be true or false` }),
    ),
  );

/** A calendar date, YYYY-MM-DD. */
export const DateFilter = (doc: Doc) =>
  named((name) =>
    stack(
      ApiPropertyOptional(doc),
      IsOptional(),
      IsString({ message: `${name} must be a single date` }),
      IsCalendarDate({ message: `${name} must be a calendar date written YYYY-MM-DD` }) as PropertyDecorator,
    ),
  );

/** `dueWithin`: open deadlines closing within this many local days (0–3650). */
export const DueWithinFilter = (description: string) =>
  stack(
    ApiPropertyOptional({ type: Number, minimum: 0, maximum: 3650, description }),
    IsOptional(),
    ToInt(),
    IsInt({ message: 'dueWithin must be a whole number of days' }),
    Min(0, { message: 'dueWithin must be between 0 and 3650' }),
    Max(3650, { message: 'dueWithin must be between 0 and 3650' }),
  );
