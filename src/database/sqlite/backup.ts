/**
 * An online backup of the SQLite file: `VACUUM INTO` copies one consistent snapshot (a single read
 * transaction, which in WAL mode never blocks the server's writers and is never restarted by them,
 * unlike the page-by-page backup API) into a temporary file beside the target. The copy must pass
 * `PRAGMA integrity_check` and the foreign-key check before it is renamed into place, so FILE either
 * does not exist or is a complete, checked database.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';

export class BackupError extends Error {}

export interface BackupReport {
  file: string;
  bytes: number;
  tables: number;
}

/** Copies the database at `source` into the new file `target`; refuses to overwrite. */
export function backupDatabase(source: string, target: string): BackupReport {
  const file = resolve(target);
  if (!existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (existsSync(file)) throw new BackupError(`${file} exists: choose a new file name (a backup never overwrites)`);
  if (!existsSync(dirname(file))) throw new BackupError(`the folder ${dirname(file)} does not exist`);
  const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    const tables = verifyDatabase(partial);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, tables };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Runs the integrity and foreign-key checks on a database file; returns its table count. */
export function verifyDatabase(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      throw new BackupError(`integrity check failed: ${integrity.map((r) => r.integrity_check).join('; ')}`);
    }
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length) throw new BackupError(`foreign key check failed: ${orphans.length} row(s) point nowhere`);
    return (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
