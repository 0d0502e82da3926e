import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCursor, encodeCursor, useCursorSecret } from './cursor';
import { CURSOR_SECRET_FILE, loadCursorSecret } from './cursor-secret';
import { ProblemException } from '../problem/problem';

describe('keyset cursors', () => {
  const filters = { status: ['in_progress'], q: 'pursuit' };

  it('round-trips the sort key for the same filters', () => {
    expect(decodeCursor(encodeCursor(['alpha', 3], filters), { q: 'pursuit', status: ['in_progress'] }, 2)).toEqual(['alpha', 3]);
  });

  it('refuses an edited cursor', () => {
    const cursor = encodeCursor(['alpha'], filters);
    const [body, sum] = cursor.split('.');
    const edited = Buffer.from(Buffer.from(body, 'base64url').toString().replace('alpha', 'omega')).toString('base64url');
    expect(() => decodeCursor(`${edited}.${sum}`, filters, 1)).toThrow(ProblemException);
    expect(() => decodeCursor(cursor.slice(0, -1), filters, 1)).toThrow(ProblemException);
    expect(() => decodeCursor('', filters, 1)).toThrow(ProblemException);
  });

  it('refuses a cursor issued for other filters or another key shape', () => {
    const cursor = encodeCursor(['alpha'], filters);
    expect(() => decodeCursor(cursor, { ...filters, q: 'other' }, 1)).toThrow(/different filters/);
    expect(() => decodeCursor(cursor, filters, 2)).toThrow(ProblemException);
  });
});

describe('signed cursors', () => {
  const filters = { q: 'pursuit' };

  it('refuses a cursor forged with a public checksum, naming cursor', () => {
    const body = Buffer.from(
      JSON.stringify({
        k: ['zzz'],
        f: JSON.parse(Buffer.from(encodeCursor(['a'], filters).split('.')[0], 'base64url').toString()).f,
      }),
    ).toString('base64url');
    const publicSum = createHash('sha256').update(`reform-tracker-cursor:${body}`).digest('base64url').slice(0, 16);
    try {
      decodeCursor(`${body}.${publicSum}`, filters, 1);
      throw new Error('accepted');
    } catch (error) {
      expect((error as ProblemException).problem.errors).toEqual([
        { field: 'cursor', in: 'query', reason: 'is not a cursor this API issued' },
      ]);
    }
  });

  it('refuses cursors signed with another secret, and accepts them again with the right one', () => {
    useCursorSecret('a'.repeat(32));
    const cursor = encodeCursor(['alpha'], filters);
    useCursorSecret('b'.repeat(32));
    expect(() => decodeCursor(cursor, filters, 1)).toThrow(ProblemException);
    useCursorSecret('a'.repeat(32));
    expect(decodeCursor(cursor, filters, 1)).toEqual(['alpha']);
  });
});

describe('the cursor secret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cursor-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated into the data folder on first start, owner-only, and read back later', () => {
    const env = { DATABASE_PATH: join(dir, 'data', 'tracker.sqlite') };
    const first = loadCursorSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'data', CURSOR_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadCursorSecret(env)).toBe(first);
  });

  it('is CURSOR_SECRET when configured', () => {
    expect(loadCursorSecret({ DATABASE_PATH: join(dir, 'x.sqlite'), CURSOR_SECRET: 's'.repeat(40) })).toBe('s'.repeat(40));
  });
});
