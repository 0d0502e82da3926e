/**
 * The SQLite file at DATABASE_PATH, checked before anything opens it, so a bad path stops the start
 * at once with a message naming the variable (rather than TypeORM retrying for half a minute, or a
 * start that never ends).
 */
import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EnvironmentError } from '../../config/environment';

const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch (error) {
    // ENOTDIR: a file stands where a folder of the path should be; the walk up finds it.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw bad(`cannot read ${path} (${reason(error)})`);
  }
};
const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);
const bad = (why: string) => new EnvironmentError(`Invalid configuration:\n  DATABASE_PATH: ${why}`);

/**
 * Creates the folder of the SQLite file when missing and checks that the file can be read and
 * written; throws an EnvironmentError naming DATABASE_PATH when it cannot. The folders are created
 * one level at a time: Node's recursive mkdir never returns for some paths (under /proc, say).
 */
export function prepareDatabasePath(databasePath: string): void {
  if (databasePath === ':memory:') return;
  const file = resolve(databasePath);
  const stats = statOrNull(file);
  if (stats?.isDirectory()) {
    throw bad(`${file} is a folder; give the path of the SQLite file, such as ${resolve(file, 'tracker.sqlite')}`);
  }
  if (stats) {
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch (error) {
      throw bad(`cannot read and write ${file} (${reason(error)})`);
    }
    return;
  }
  const missing: string[] = [];
  let folder = dirname(file);
  let found = statOrNull(folder);
  while (!found) {
    missing.unshift(folder);
    folder = dirname(folder);
    found = statOrNull(folder);
  }
  if (!found.isDirectory()) throw bad(`${folder} is a file, so the folder for ${file} cannot be created there`);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      throw bad(`cannot create the folder ${dir} for the SQLite file (${reason(error)})`);
    }
  }
  try {
    accessSync(dirname(file), constants.W_OK);
  } catch (error) {
    throw bad(`cannot create ${file}: its folder is not writable (${reason(error)})`);
  }
}
