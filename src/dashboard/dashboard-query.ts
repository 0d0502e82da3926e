// Query strings on the HTML pages. The pages accept the API's own parameters, validated by the API's
// own DTOs, so a filter means the same thing in the form, the JSON, the CSV and the feeds. Unlike the
// API, an HTML page ignores parameters it does not know (a tracking tag on a shared link must not
// break the page) and treats empty form fields as absent.

import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '../common/problem/problem';
import { flattenValidationErrors } from '../common/validation/validation-pipe';
import { isInstant } from '../presentation/format';

export type RawQuery = Record<string, unknown>;
export type QueryParams = Record<string, string | string[]>;

/** The recommendation filters shared by the list page, the exports and the feeds. */
export const FILTER_KEYS = [
  'q',
  'status',
  'kind',
  'topic',
  'source',
  'responsible',
  'assessor',
  'overdue',
  'dueWithin',
  'stale',
  'asOf',
  'knownAt',
] as const;

/** The reason a `knownAt` value is refused, in the API's style. */
export const KNOWN_AT_REASON = 'knownAt must be an instant written YYYY-MM-DDTHH:MM:SSZ (UTC), for example 2026-11-30T12:00:00Z';

/**
 * Reads `knownAt` ("as recorded by this instant") from picked parameters. The pages check it
 * themselves, so it means the same on every page that takes `asOf`: an ISO 8601 instant in UTC,
 * `YYYY-MM-DDTHH:MM:SS(.sss)Z`. Returns the value (undefined when absent) or the field error.
 */
export function knownAtOf(params: QueryParams): { value: string | undefined; error: FieldError | null } {
  const raw = params.knownAt;
  if (raw === undefined) return { value: undefined, error: null };
  if (Array.isArray(raw) || !isInstant(raw)) {
    return {
      value: undefined,
      error: { field: 'knownAt', in: 'query', reason: Array.isArray(raw) ? 'knownAt must be a single instant' : KNOWN_AT_REASON },
    };
  }
  return { value: raw, error: null };
}

/** Keeps the known keys, drops empty values, and keeps repeated keys as lists. */
export function pickParams(raw: RawQuery | null | undefined, keys: readonly string[]): QueryParams {
  const out: QueryParams = {};
  if (!raw) return out;
  for (const key of keys) {
    const value = raw[key];
    const list = (Array.isArray(value) ? value : [value])
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map((v) => String(v).trim())
      .filter((v) => v !== '');
    if (list.length === 0) continue;
    out[key] = list.length === 1 && !Array.isArray(value) ? list[0] : list;
  }
  return out;
}

/**
 * Validates picked parameters with an API DTO (its transforms and messages included). Returns the
 * typed value, or the field errors in the API's own words.
 */
export async function validateParams<T extends object>(
  dto: new () => T,
  params: QueryParams,
): Promise<{ value: T; errors: [] } | { value: null; errors: FieldError[] }> {
  const instance = plainToInstance(dto, params);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { value: null, errors: flattenValidationErrors(errors, 'query') };
  return { value: instance, errors: [] };
}

/** The values of one parameter as a list (for checkboxes and repeated keys). */
export function listOf(params: QueryParams, key: string): string[] {
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** One value of a parameter (the first when repeated), or ''. */
export function valueOf(params: QueryParams, key: string): string {
  return listOf(params, key)[0] ?? '';
}
