import { decodeCursor, encodeCursor } from './cursor';
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
