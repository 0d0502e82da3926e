/**
 * Transforms for query-string parameters, which arrive as strings (or arrays when repeated).
 * They keep anything they do not recognise as it is, so the validators can name it as invalid.
 */
import { Transform } from 'class-transformer';
import { ValidationOptions, registerDecorator, ValidationArguments } from 'class-validator';
import { isIsoDate } from '../time/local-date';

/** `?status=a&status=b` and `?status=a,b` both become ['a','b']. */
export const ToStringList = () =>
  Transform(({ value }) => {
    if (value === undefined) return undefined;
    const list = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
    return list.map((s) => s.trim());
  });

/** 'true' / 'false' become booleans; anything else stays as it is and fails @IsBoolean. */
export const ToBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Digits become a number; anything else stays and fails @IsInt. */
export const ToInt = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value));

export const CALENDAR_MIN = '1000-01-01';
export const CALENDAR_MAX = '9998-12-31';

/** A real calendar date written YYYY-MM-DD, from CALENDAR_MIN to CALENDAR_MAX. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date written YYYY-MM-DD`, ...options },
      validator: {
        // Bounded so that "the end of that day", a year's staleness window and such stay real dates.
        validate: (value: unknown, _args: ValidationArguments) =>
          typeof value === 'string' && isIsoDate(value) && value >= CALENDAR_MIN && value <= CALENDAR_MAX,
      },
    });
}

const INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its offset (`2026-11-30T12:00:00Z`), from CALENDAR_MIN to CALENDAR_MAX. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (!m) return false;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return false;
  const iso = new Date(t).toISOString().slice(0, 10);
  // Date.parse rolls 2021-02-30 over to March; a real instant keeps its own calendar date (give or take the offset).
  return isIsoDate(value.slice(0, 10)) && iso >= CALENDAR_MIN && iso <= CALENDAR_MAX;
}

export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 8601 instant such as 2026-11-30T12:00:00Z`, ...options },
      validator: { validate: (value: unknown, _args: ValidationArguments) => isInstant(value) },
    });
}
