/**
 * Validation for the fields of write bodies and import rows, one decorator per kind of value, so
 * that a slug, a date, a URL or a text is checked (and documented) the same way everywhere, with
 * one reason per bad field. Lengths follow the columns. `nullable` fields accept null and may be
 * left out; the others must be given (PATCH bodies make every field optional, see PatchOf).
 */
import { applyDecorators, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional, isURL, registerDecorator, ValidationArguments } from 'class-validator';
import { CALENDAR_MAX, CALENDAR_MIN } from '../query/query-transforms';
import { isIsoDate } from '../time/local-date';
import { memoiseValidationMetadata } from './metadata-memo';

// Every validated class gets its decorators from here, so its lookups are remembered from the start.
memoiseValidationMetadata();

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

interface Opts {
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

/** A validator whose `reason` says what is wrong with a value (null when nothing is). */
function Check(name: string, reason: (value: unknown) => string | null): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => reason(value) === null,
        defaultMessage: (a?: ValidationArguments) => `${a?.property} ${reason(a?.value)}`,
      },
    });
}

const field = (name: string, o: Opts, docs: ApiPropertyOptions, check: (value: unknown) => string | null) => {
  // Nullable fields never get here with null (IsOptional skips them), so null means "missing".
  const reason = (value: unknown) => (value === null || value === undefined ? 'is required' : check(value));
  return applyDecorators(
    ApiProperty({
      required: !o.nullable,
      nullable: o.nullable ?? false,
      description: o.description,
      example: o.example,
      ...docs,
    } as ApiPropertyOptions),
    ...(o.nullable ? [IsOptional()] : []),
    Check(name, reason),
  );
};

const textReason = (max: number) => (v: unknown) =>
  typeof v !== 'string'
    ? 'must be a string'
    : !/\S/.test(v)
      ? 'must not be empty'
      : v.length > max
        ? `must be at most ${max} characters`
        : null;

const slugReason = (max: number) => (v: unknown) =>
  typeof v !== 'string' || !SLUG.test(v)
    ? 'must be a slug (lowercase letters, digits and hyphens)'
    : v.length > max
      ? `must be at most ${max} characters`
      : null;

/** A slug: lowercase letters, digits and single hyphens. */
export const SlugField = (max: number, o: Opts = {}) =>
  field('slug', o, { type: String, maxLength: max, pattern: SLUG.source }, slugReason(max));

/** Text with at least one visible character. */
export const TextField = (max: number, o: Opts = {}) => field('text', o, { type: String, maxLength: max }, textReason(max));

/**
 * Text that must say something: at least one letter or digit. For what stands as proof (an excerpt,
 * an editor's note), where a placeholder such as "…" copied from an example would pass for evidence.
 */
export const WordsField = (max: number, o: Opts = {}) =>
  field('words', o, { type: String, maxLength: max }, (v) => {
    const reason = textReason(max)(v);
    return reason ?? (/[\p{L}\p{N}]/u.test(v as string) ? null : 'must contain a letter or a digit, not only punctuation');
  });

export const EnumField = (values: readonly string[], o: Opts = {}) =>
  field('oneOf', o, { enum: [...values] }, (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of: ${values.join(', ')}`,
  );

// Dates are bounded where they enter, like the query's dates: "the end of that day", a year's
// staleness window or a deadline's closing instant must stay real dates (year 10000 is not one).
const OUT_OF_CALENDAR = `must be between ${CALENDAR_MIN} and ${CALENDAR_MAX}`;
const inCalendar = (date: string) => date >= CALENDAR_MIN && date <= CALENDAR_MAX;

/** A real calendar date written YYYY-MM-DD, from CALENDAR_MIN to CALENDAR_MAX. */
export const DateField = (o: Opts = {}) =>
  field('calendarDate', o, { type: String, format: 'date', example: o.example ?? '2021-05-26' }, (v) =>
    typeof v !== 'string' || !isIsoDate(v)
      ? 'must be a calendar date written YYYY-MM-DD'
      : inCalendar(v)
        ? null
        : OUT_OF_CALENDAR,
  );

/** An instant: an ISO 8601 date and time with Z or an offset, from CALENDAR_MIN to CALENDAR_MAX. */
export const InstantField = (o: Opts = {}) =>
  field('instant', o, { type: String, format: 'date-time' }, (v) =>
    typeof v !== 'string' || !INSTANT.test(v) || !isIsoDate(v.slice(0, 10)) || Number.isNaN(Date.parse(v))
      ? 'must be a date and time such as 2021-05-26T15:00:00Z'
      : inCalendar(v.slice(0, 10)) && inCalendar(new Date(Date.parse(v)).toISOString().slice(0, 10))
        ? null
        : OUT_OF_CALENDAR,
  );

/** An absolute http or https URL. */
export const UrlField = (o: Opts = {}) =>
  field('httpUrl', o, { type: String, format: 'uri', maxLength: 2000 }, (v) =>
    typeof v !== 'string' || !isURL(v, { protocols: ['http', 'https'], require_protocol: true, require_tld: false })
      ? 'must be an http or https URL'
      : v.length > 2000
        ? 'must be at most 2000 characters'
        : null,
  );

export const BooleanField = (o: Opts = {}) =>
  field('boolean', o, { type: Boolean }, (v) => (typeof v === 'boolean' ? null : 'must be true or false'));

export const WeightField = (o: Opts = {}) =>
  field('weight', o, { type: Number, minimum: 0, maximum: 1000, default: 1 }, (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1000 ? null : 'must be a number from 0 to 1000',
  );

export const IdField = (o: Opts = {}) =>
  field('id', o, { type: Number, minimum: 1 }, (v) =>
    Number.isSafeInteger(v) && (v as number) >= 1 ? null : 'must be a whole number (an id)',
  );

/** A list of slugs (topics, related recommendations). */
export const SlugListField = (maxItems: number, o: Opts = {}) =>
  field('slugList', o, { type: [String], maxItems }, (v) =>
    !Array.isArray(v) || v.some((s) => typeof s !== 'string' || !SLUG.test(s))
      ? 'must be a list of slugs'
      : v.length > maxItems
        ? `must have at most ${maxItems} items`
        : null,
  );

/** A due value as stated: a day, a month, a quarter or a year (whether it is real is checked with its precision). */
export const DueField = (o: Opts = {}) =>
  field('due', o, { type: String, example: o.example ?? '2021-05' }, (v) =>
    typeof v !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?$/.test(v)
      ? 'must be written 2021-09-03 (day), 2021-05 (month), 2021-Q3 (quarter) or 2022 (year)'
      : v.slice(0, 4) >= CALENDAR_MIN.slice(0, 4) && v.slice(0, 4) <= CALENDAR_MAX.slice(0, 4)
        ? null
        : `must fall in the years ${CALENDAR_MIN.slice(0, 4)} to ${CALENDAR_MAX.slice(0, 4)}`,
  );

/**
 * The PATCH form of a create body: every field optional, the key left out (slugs never change),
 * and a field that may not be null still refused as null.
 */
export function PatchOf<T, K extends keyof T>(create: Type<T>, key: readonly K[]): Type<Partial<Omit<T, K>>> {
  return PartialType(OmitType(create, key), { skipNullProperties: false }) as Type<Partial<Omit<T, K>>>;
}
