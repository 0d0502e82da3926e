/**
 * Opaque keyset cursors. A cursor holds the last row's sort key and a fingerprint of the filters it
 * was issued for, signed with the server's secret (HMAC-SHA256): a cursor that was edited, truncated,
 * forged, or reused with other filters is refused with a 400 naming `cursor` instead of silently
 * returning a wrong page. The secret is CURSOR_SECRET, or one generated into the data folder on first
 * start (cursor-secret.ts); until one is set (unit tests), a random one for the process.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ProblemException } from '../problem/problem';

let secret: Buffer = randomBytes(32);

/** Signs and checks cursors with this secret from now on (app start-up). */
export function useCursorSecret(value: string | Buffer): void {
  secret = Buffer.isBuffer(value) ? Buffer.from(value) : Buffer.from(value, 'utf8');
}

interface CursorPayload {
  /** sort key values of the last row on the previous page */
  k: Array<string | number | null>;
  /** filter fingerprint */
  f: string;
}

const signature = (body: string) =>
  createHmac('sha256', secret).update(`reform-tracker-cursor:${body}`).digest('base64url').slice(0, 22);

function signedBy(body: string, sum: string): boolean {
  const expected = Buffer.from(signature(body));
  const given = Buffer.from(sum);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function fingerprint(filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .map((k) => [k, filters[k] ?? null]),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

export function encodeCursor(key: Array<string | number | null>, filters: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify({ k: key, f: fingerprint(filters) } satisfies CursorPayload)).toString('base64url');
  return `${body}.${signature(body)}`;
}

/** Decodes a cursor or throws a 400 naming the `cursor` parameter. */
export function decodeCursor(cursor: string, filters: Record<string, unknown>, keyLength: number): Array<string | number | null> {
  const invalid = (reason: string) => ProblemException.validation([{ field: 'cursor', in: 'query', reason }]);
  const [body, sum, extra] = cursor.split('.');
  if (!body || !sum || extra !== undefined || !signedBy(body, sum)) throw invalid('is not a cursor this API issued');
  let payload: CursorPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    throw invalid('is not a cursor this API issued');
  }
  if (!Array.isArray(payload.k) || payload.k.length !== keyLength || typeof payload.f !== 'string') {
    throw invalid('is not a cursor this API issued');
  }
  if (payload.f !== fingerprint(filters)) throw invalid('was issued for different filters; start again without a cursor');
  return payload.k;
}
