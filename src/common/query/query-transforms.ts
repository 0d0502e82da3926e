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

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date written YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown, _args: ValidationArguments) => typeof value === 'string' && isIsoDate(value),
      },
    });
}
