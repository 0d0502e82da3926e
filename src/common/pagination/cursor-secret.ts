/**
 * The secret that signs cursors: CURSOR_SECRET when set, otherwise a random one generated into the
 * data folder (beside the database, `cursor-secret`, readable by the owner only) on first start and
 * read back on later starts, so cursors survive a restart. An in-memory database gets a secret for
 * the process.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Environment } from '../../config/environment';

export const CURSOR_SECRET_FILE = 'cursor-secret';

export function loadCursorSecret(env: Pick<Environment, 'DATABASE_PATH' | 'CURSOR_SECRET'>): string {
  if (env.CURSOR_SECRET) return env.CURSOR_SECRET;
  if (env.DATABASE_PATH === ':memory:') return randomBytes(32).toString('base64url');
  const dir = dirname(env.DATABASE_PATH);
  const file = join(dir, CURSOR_SECRET_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true });
  const fresh = randomBytes(32).toString('base64url');
  try {
    // 'wx': two processes starting at once keep whichever secret was written first.
    writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}
