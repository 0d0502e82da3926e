/**
 * Limits every request body and query meets before any validation, transformation or handler runs
 * (app.factory registers them as a JSON parser and a preValidation hook, so no route can forget them):
 *
 * - JSON is parsed without a prototype-poisoning rewrite: `__proto__` stays an ordinary own key, which
 *   the walk below then names as an unknown field;
 * - nesting deeper than MAX_INPUT_DEPTH is refused as a whole (class-transformer and class-validator
 *   recurse, and ran out of stack at ~1,400 levels);
 * - every string, keys included, is refused when it holds a NUL or a lone UTF-16 surrogate (SQLite's
 *   full-text search rejects the first, and the second is stored as invalid UTF-8), and is otherwise
 *   normalised to NFC, so that text typed on different systems compares and searches alike;
 * - keys named like Object.prototype members (`__proto__`, `constructor`, `toString`…) or `prototype`
 *   are refused as unknown fields: class-transformer silently drops them, so the whitelist never sees
 *   them, and no field or parameter of this API has such a name.
 *
 * The walk is iterative, so its own stack never depends on the input.
 */
import type { FieldError } from '../problem/problem';
import { ProblemException } from '../problem/problem';

/**
 * The 400 for input refused before any route ran. On a web page (not the API, the OpenAPI
 * document or a feed) the global filter shows it as the site's HTML error page.
 */
export class InputRefusedException extends ProblemException {
  constructor(errors: FieldError[]) {
    super(ProblemException.validation(errors).problem);
  }
}

/** Containers (objects and arrays) may nest this deep; the body or query itself is level 1. */
export const MAX_INPUT_DEPTH = 32;
/** At most this many bad fields are named in one answer. */
const MAX_ERRORS = 20;

const RESERVED_KEYS = new Set<string>([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be accepted as text, or null when it can. */
export function textFault(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode text (it contains a lone surrogate)';
  return null;
}

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

const childPath = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * Checks (and NFC-normalises in place) a parsed body or query. Returns the bad fields, named the way
 * validation errors name them (`rows[3].title`); the whole input is named `(body)` or `(query)`.
 */
export function inspectInput(root: unknown, location: 'body' | 'query' | 'path'): FieldError[] {
  const whole = `(${location})`;
  const unknownReason = location === 'body' ? 'is not a known field' : 'is not a known parameter';
  const errors: FieldError[] = [];
  const fail = (field: string, reason: string) => errors.push({ field: field || whole, in: location, reason });
  if (typeof root === 'string') {
    const fault = textFault(root);
    if (fault) fail(whole, fault);
    return errors;
  }
  if (root === null || typeof root !== 'object') return errors;
  const stack: Array<{ node: object; path: string; depth: number }> = [{ node: root, path: '', depth: 1 }];
  while (stack.length && errors.length < MAX_ERRORS) {
    const { node, path, depth } = stack.pop()!;
    if (depth > MAX_INPUT_DEPTH) {
      return [{ field: whole, in: location, reason: `must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep` }];
    }
    const record = node as Record<string, unknown>;
    const entries: Array<[string | number, unknown]> = Array.isArray(node)
      ? node.map((v, i) => [i, v] as [number, unknown])
      : Object.keys(node).map((k) => [k, record[k]] as [string, unknown]);
    for (const [key, value] of entries) {
      const field = childPath(path, key);
      if (typeof key === 'string') {
        const keyFault = textFault(key);
        if (keyFault) {
          fail(path, `has a field name that is not valid text (${keyFault.replace(/^must /, 'it must ')})`);
          continue;
        }
        if (isReservedKey(key)) {
          fail(field, unknownReason);
          continue;
        }
      }
      if (typeof value === 'string') {
        const fault = textFault(value);
        if (fault) fail(field, fault);
        else if (!Array.isArray(node)) record[key as string] = value.normalize('NFC');
        else (node as unknown[])[key as number] = value.normalize('NFC');
      } else if (value !== null && typeof value === 'object') {
        stack.push({ node: value, path: field, depth: depth + 1 });
      }
    }
  }
  return errors.slice(0, MAX_ERRORS);
}

/**
 * Parses a JSON body with the engine's own (non-recursive) parser. Unlike Fastify's default it keeps
 * `__proto__` and `constructor` as ordinary keys, so they are named as unknown fields afterwards.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new InputRefusedException([
      { field: '(body)', in: 'body', reason: 'must not be empty with Content-Type application/json' },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputRefusedException([{ field: '(body)', in: 'body', reason: 'is not valid JSON' }]);
  }
}
