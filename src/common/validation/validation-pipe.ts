/**
 * The global validation pipe: whitelist, reject unknown fields, transform, and answer with a
 * problem document that names every bad field, where it was, and why.
 *
 * A query that passed is remembered (per query class, the last QUERY_MEMO of them), so the next
 * request with the same parameters gets a copy of its result without class-transformer and
 * class-validator again: the result depends only on the parameters (no rule reads the clock or the
 * data), and re-validating the same list URL was a tenth of an uncached list request. Refused
 * queries are not remembered: they are checked again each time. `passedQuery` reads the same memory,
 * for routes answered before the pipe runs (common/http/early-routes.ts).
 */
import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '../problem/problem';

export function flattenValidationErrors(errors: ValidationError[], location: FieldError['in'], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({
        field,
        in: location,
        reason:
          rule === 'whitelistValidation'
            ? location === 'query'
              ? 'is not a known parameter'
              : 'is not a known field'
            : message.startsWith(`${e.property} `)
              ? message.slice(e.property.length + 1)
              : message,
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, location, field));
  }
  return out;
}

const LOCATIONS: Record<string, FieldError['in']> = { query: 'query', param: 'path', body: 'body' };
const QUERY_MEMO = 500;

/** Queries that passed, by query class, then by their parameters as JSON (the last QUERY_MEMO per class). */
const passed = new Map<unknown, Map<string, object>>();

function memoOf(metatype: unknown): Map<string, object> {
  let memo = passed.get(metatype);
  if (!memo) passed.set(metatype, (memo = new Map()));
  return memo;
}

/** The validated `metatype` for these query parameters when the pipe has already passed them; else undefined. */
export function passedQuery<T extends object>(metatype: new () => T, query: unknown): T | undefined {
  const known = passed.get(metatype)?.get(JSON.stringify(query ?? {}));
  return known && (copyOf(known) as T);
}

/** A copy of a remembered query object, its lists copied too, so a handler's changes stay its own. */
function copyOf(query: object): object {
  const copy = Object.create(Object.getPrototypeOf(query) as object | null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) copy[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  return copy;
}

@Injectable()
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      // The location is filled in by transform() below, which knows the argument's metadata.
      exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors, 'body')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const location = LOCATIONS[metadata.type] ?? 'body';
    const isDto =
      typeof metadata.metatype === 'function' && ![String, Number, Boolean, Object, Array].includes(metadata.metatype as never);
    if (metadata.type === 'body' && isDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw ProblemException.validation([{ field: '(body)', in: 'body', reason: 'must be a JSON object' }]);
    }
    const memo = metadata.type === 'query' && isDto ? memoOf(metadata.metatype) : undefined;
    const key = memo ? JSON.stringify(value ?? {}) : '';
    const known = memo?.get(key);
    if (known) return copyOf(known);
    try {
      const result = (await super.transform(value ?? (metadata.type === 'query' && isDto ? {} : value), metadata)) as unknown;
      if (memo && result !== null && typeof result === 'object') {
        if (memo.size >= QUERY_MEMO) memo.delete(memo.keys().next().value as string);
        memo.set(key, copyOf(result));
      }
      return result;
    } catch (error) {
      if (error instanceof ProblemException && error.problem.errors) {
        throw ProblemException.validation(
          error.problem.errors.map((e) => ({
            ...e,
            in: location,
            reason: location === 'query' && e.reason === 'is not a known field' ? 'is not a known parameter' : e.reason,
          })),
        );
      }
      throw error;
    }
  }
}
